import { useId } from 'preact/hooks';
import { isRoleId, ROLE_IDS } from '@/domain/roles';
import { useSettings } from '@/hooks/use-settings';
import { t } from '@/services/i18n';
import { roleItem } from '@/services/storage';
import { ManagedNote } from './ManagedNote';

/**
 * The agent's role: stored in `local:role`, so every open view and the next browser session share it; locked when
 * the organisation set one (`defaultRole`), the agent's own kept underneath.
 */
export function RoleSelect() {
  const settings = useSettings();
  const locked = settings?.managed.has('defaultRole');
  const id = useId();
  const note = `${id}-note`;
  return (
    // Unseen until storage answers, rather than showing the first role for a moment (the page is prerendered without one).
    // The note stays outside the label, which would otherwise make it part of the box's name.
    <div class="role-select" style={settings ? undefined : { visibility: 'hidden' }}>
      <label for={id}>{t('role')}</label>
      <select
        id={id}
        value={settings?.role}
        disabled={locked}
        title={locked ? t('managed.setBy') : undefined}
        aria-describedby={locked ? note : undefined}
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
      {locked && <ManagedNote id={note} />}
    </div>
  );
}
