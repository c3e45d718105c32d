import { t } from '@/services/i18n';
import type { ManagedNotice } from '@/services/settings/effective';

/** What of the organisation's policy is ignored, and why: said on the page, never a broken extension. */
export function ManagedNotices({ notices }: { notices: ManagedNotice[] }) {
  if (!notices.length) return null;
  return (
    <div role="status" class="notice managed-notices">
      {notices.map(({ key, value, reason, params }) => (
        <p key={key}>{t('managed.ignored', { key, value, reason: t(reason, params) })}</p>
      ))}
    </div>
  );
}
