import { t } from '@/services/i18n';
import type { FormValues } from '@/state/edit-session/form-model';

/** The address the API would accept instead, offered and taken only when the agent asks. */
export function SuggestedAddress({ suggestion, onTake }: { suggestion: FormValues; onTake: () => void }) {
  return (
    <fieldset class="notice" aria-label={t('address.suggested')}>
      <p>
        {t('address.suggested')}: {Object.values(suggestion).filter(Boolean).join(', ')}
      </p>
      <button type="button" onClick={onTake}>
        {t('address.useSuggested')}
      </button>
    </fieldset>
  );
}
