import { LANGUAGES } from '@/domain/languages';
import { useStorageItem } from '@/hooks/use-storage-item';
import { t } from '@/services/i18n';
import { languageItem } from '@/services/storage';

/** The UI language: the browser's ("auto") or one chosen here; every open view follows the change at once. */
export function LanguageSelect() {
  const choice = useStorageItem(languageItem);
  return (
    <label class="field">
      <span>{t('language')}</span>
      <select value={choice} onChange={(event) => void languageItem.setValue(event.currentTarget.value)}>
        <option value="auto">{t('language.auto')}</option>
        {LANGUAGES.map(({ code, label }) => (
          // Each language is named in itself, so it can be found whatever language the page is in.
          <option key={code} value={code} lang={code}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
