import { useEffect } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { useLanguage } from '@/utils/use-language';
import { RoleSelect } from '../RoleSelect';
import { ApiAddressForm } from './ApiAddressForm';
import { LanguageSelect } from './LanguageSelect';
import './options.css';

/** The options page: the same role as the popup, the UI language and the API address. */
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
        <RoleSelect />
        <LanguageSelect />
        <ApiAddressForm />
      </main>
    </div>
  );
}
