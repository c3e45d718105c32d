import { t } from '@/services/i18n';

/** Beside a control the organisation's policy set and locked (docs/deploying.md); the control names it as its description. */
export function ManagedNote({ id }: { id: string }) {
  return (
    <span id={id} class="hint managed-note">
      {t('managed.setBy')}
    </span>
  );
}
