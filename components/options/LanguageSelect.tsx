import { useStorageItem } from '@/hooks/use-storage-item';
import { LANGUAGES, t } from '@/services/i18n';
import { languageItem } from '@/services/storage';

const CHOICES = ['auto', ...LANGUAGES] as const;

/** The UI language: the browser's ("auto") or one chosen here; every open view follows the change at once. */
export function LanguageSelect() {
  const choice = useStorageItem(languageItem);
  return (
    <label class="field">
      <span>{t('language')}</span>
      <select value={choice} onChange={(event) => void languageItem.setValue(event.currentTarget.value)}>
        {CHOICES.map((id) => (
          // Each language is named in itself, so it can be found whatever language the page is in.
          <option key={id} value={id} lang={id === 'auto' ? undefined : id}>
            {t(`language.${id}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
