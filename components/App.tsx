import { t } from '@/utils/i18n';
import { currentCustomerItem } from '@/utils/storage';
import { useLanguage } from '@/utils/use-language';
import { useModule } from '@/utils/use-module';
import { useStorageItem } from '@/utils/use-storage-item';
import { CustomerAccount } from './CustomerAccount';
import { CustomerSearch } from './CustomerSearch';
import { HeaderAccount } from './HeaderAccount';
import { OpenInSidePanel } from './OpenInSidePanel';
import { ShortcutsHelp } from './ShortcutsHelp';

const loadFollowedCustomer = () => import('./FollowedCustomer');

export type View = 'popup' | 'sidepanel';

/** The one app behind the popup and the side panel; `view` only decides the chrome around it. */
export function App({ view }: { view: View }) {
  // A language change re-renders the whole app in the new language.
  useLanguage();
  const customerId = useStorageItem(currentCustomerItem);
  const Followed = useModule(loadFollowedCustomer, view === 'sidepanel')?.FollowedCustomer;

  const open = (id: string | null) => void currentCustomerItem.setValue(id);

  return (
    <div class={`app app-${view}`}>
      <header>
        <h1 class="app-name">{t('appName')}</h1>
        <HeaderAccount />
        {view === 'popup' && <OpenInSidePanel />}
        <ShortcutsHelp />
      </header>
      <main>
        {Followed && <Followed current={customerId ?? null} onOpen={open} />}
        {customerId ? <CustomerAccount id={customerId} onBack={() => open(null)} /> : <CustomerSearch onOpen={open} />}
      </main>
    </div>
  );
}
