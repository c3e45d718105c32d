import { useEffect } from 'preact/hooks';
import { useLanguage } from '@/hooks/use-language';
import { t } from '@/services/i18n';
import { ConnectionForm } from './ConnectionForm';
import { LanguageSelect } from './LanguageSelect';
import './options.css';

/** The options page: the UI language and the connection (the mock's role and address, or Partner Center's sign-in). */
export function OptionsPage() {
  const language = useLanguage();
  useEffect(() => {
    if (language) document.title = t('settings');
  }, [language]);
  if (!language) return null;
  return (
    <div class="app app-options">
      <header>
        <h1 class="app-name">{t('settings')}</h1>
      </header>
      <main class="options">
        <LanguageSelect />
        <ConnectionForm />
      </main>
    </div>
  );
}
