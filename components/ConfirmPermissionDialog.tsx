import { t } from '@/services/i18n';
import type { PermissionKey } from '@/state/edit-session/account-effects';
import { ModalDialog } from './ModalDialog';

interface Props {
  permission: PermissionKey;
  turnOn: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** States what the change means for the partner before anything is sent. */
export function ConfirmPermissionDialog({ permission, turnOn, onConfirm, onCancel }: Props) {
  const product = t(`permission.product.${permission}`);
  return (
    <ModalDialog
      title={t(turnOn ? 'permission.confirmOnTitle' : 'permission.confirmOffTitle', { product })}
      onCancel={onCancel}
    >
      {turnOn ? (
        <ul>
          <li>{t('permission.consequencePays')}</li>
          <li>{t('permission.consequenceNotNotified')}</li>
          <li>{t('permission.consequenceNoCancel')}</li>
        </ul>
      ) : (
        <p>{t('permission.consequenceOff', { product })}</p>
      )}
      {/* The primary action last, at the right; Cancel first, so focus lands on the safe choice. */}
      <div class="actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" onClick={onConfirm}>
          {t(turnOn ? 'permission.turnOn' : 'permission.turnOff')}
        </button>
      </div>
    </ModalDialog>
  );
}
