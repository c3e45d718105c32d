import { type Action, can, type RoleId } from '@/domain/roles';
import { t } from './i18n';

/**
 * Why `role` may not do `action`, in the UI language (the English matches the API's 403 reason); null when it may, or
 * when the role is not known here (null: Partner Center decides).
 */
export function denial(role: RoleId | null | undefined, action: Action): string | null {
  return role && !can(role, action) ? t('denied', { role: t(`role.${role}`), action: t(`action.${action}`) }) : null;
}
