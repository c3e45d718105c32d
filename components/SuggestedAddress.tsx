import type { FormValues } from '@/utils/form-model';
import { t } from '@/utils/i18n';

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
