import { isRoleId, ROLE_IDS } from '@/domain/roles';
import { useStorageItem } from '@/hooks/use-storage-item';
import { t } from '@/services/i18n';
import { roleItem } from '@/services/storage';

/** The agent's role: stored in `local:role`, so every open view and the next browser session share it. */
export function RoleSelect() {
  const role = useStorageItem(roleItem);
  return (
    // Unseen until storage answers, rather than showing the first role for a moment (the page is prerendered without one).
    <label class="role-select" style={role ? undefined : { visibility: 'hidden' }}>
      <span>{t('role')}</span>
      <select
        value={role}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isRoleId(value)) void roleItem.setValue(value);
        }}
      >
        {ROLE_IDS.map((id) => (
          <option key={id} value={id}>
            {t(`role.${id}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
