import { useEffect, useState } from 'preact/hooks';
import { useSettings } from '@/hooks/use-settings';
import { followActiveTab } from '@/services/followed-tab';
import { t } from '@/services/i18n';

/** Side panel: when the agent's tab shows a customer in Partner Center's web app, offers to open that customer here. */
export function FollowedCustomer({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const partnerCenter = useSettings()?.connection === 'partnerCenter';
  const [tenantId, setTenantId] = useState<string | null>(null);
  useEffect(() => (partnerCenter ? followActiveTab(setTenantId) : undefined), [partnerCenter]);
  if (!partnerCenter || !tenantId || tenantId === current) return null;
  return (
    <p class="notice followed">
      {t('follow.found')}{' '}
      <button type="button" onClick={() => onOpen(tenantId)}>
        {t('follow.open')}
      </button>
    </p>
  );
}
