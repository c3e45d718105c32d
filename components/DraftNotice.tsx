import { formatDateTime, t } from '@/services/i18n';

/** A form reopened with an unsent draft says so, with the way back to the saved values. */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: number; onDiscard: () => void }) {
  return (
    <div role="status" class="notice">
      {t('draft.restored', { time: formatDateTime(savedAt) })}{' '}
      <button type="button" onClick={onDiscard}>
        {t('draft.discard')}
      </button>
    </div>
  );
}
