import { useEffect } from 'preact/hooks';
import { useLanguage } from '@/hooks/use-language';
import { useSettings } from '@/hooks/use-settings';
import { t } from '@/services/i18n';
import { ConnectionForm } from './ConnectionForm';
import { LanguageSelect } from './LanguageSelect';
import { ManagedNotices } from './ManagedNotices';
import './options.css';

/**
 * The options page: the UI language and the connection (the mock's role and address, or Partner Center's sign-in);
 * what the organisation set is shown locked, and what of its policy is ignored is said first.
 */
export function OptionsPage() {
  const language = useLanguage();
  const settings = useSettings();
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
        {settings && <ManagedNotices notices={settings.notices} />}
        <LanguageSelect />
        <ConnectionForm />
      </main>
    </div>
  );
}
