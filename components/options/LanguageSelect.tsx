import { useId } from 'preact/hooks';
import { LANGUAGES } from '@/domain/languages';
import { useSettings } from '@/hooks/use-settings';
import { t } from '@/services/i18n';
import { languageItem } from '@/services/storage';
import { ManagedNote } from '../ManagedNote';

/**
 * The UI language: the browser's ("auto") or one chosen here, or the organisation's (locked); every open view
 * follows the change at once.
 */
export function LanguageSelect() {
  const settings = useSettings();
  const locked = settings?.managed.has('language');
  const id = useId();
  const note = `${id}-note`;
  return (
    <div class="field">
      <label for={id}>{t('language')}</label>
      <select
        id={id}
        value={settings?.language}
        disabled={locked}
        aria-describedby={locked ? note : undefined}
        onChange={(event) => void languageItem.setValue(event.currentTarget.value)}
      >
        <option value="auto">{t('language.auto')}</option>
        {LANGUAGES.map(({ code, label }) => (
          // Each language is named in itself, so it can be found whatever language the page is in.
          <option key={code} value={code} lang={code}>
            {label}
          </option>
        ))}
      </select>
      {locked && <ManagedNote id={note} />}
    </div>
  );
}
