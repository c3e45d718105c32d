import { useId, useState } from 'preact/hooks';
import type { PurchasePermission } from '@/domain/schemas';
import { useModule } from '@/hooks/use-module';
import { t } from '@/services/i18n';
import type { PermissionKey } from '@/state/edit-session/account-effects';

const KEYS: readonly PermissionKey[] = ['azureReservations', 'azureSavingsPlans'];

interface Props {
  permission: PurchasePermission;
  /** Why the current role may not change it; null when it may. */
  denial: string | null;
  busy: boolean;
  onChange: (key: PermissionKey, on: boolean) => void;
}

const loadDialog = () => import('./ConfirmPermissionDialog');

/** The two switches; each change is confirmed in a dialog first, and nothing is sent before that. */
export function PurchasePermissionSwitches({ permission, denial, busy, onChange }: Props) {
  const [asking, setAsking] = useState<PermissionKey | null>(null);
  const Dialog = useModule(loadDialog, asking !== null)?.ConfirmPermissionDialog;
  const reasonId = useId();
  return (
    <div class="switches">
      {KEYS.map((key) => (
        <div class="switch-row" key={key}>
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={permission[key]}
            disabled={denial !== null || busy}
            aria-describedby={denial ? reasonId : undefined}
            onClick={() => setAsking(key)}
          >
            {t(`permission.allow.${key}`)}
          </button>
          <span class="switch-state">{t(permission[key] ? 'permission.on' : 'permission.off')}</span>
        </div>
      ))}
      {denial && (
        <p id={reasonId} class="reason">
          {denial}
        </p>
      )}
      {asking && Dialog && (
        <Dialog
          permission={asking}
          turnOn={!permission[asking]}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            onChange(asking, !permission[asking]);
          }}
        />
      )}
    </div>
  );
}
