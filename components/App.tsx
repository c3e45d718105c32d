import { useCustomerSearch } from '@/hooks/use-customer-search';
import { useLanguage } from '@/hooks/use-language';
import { useModule } from '@/hooks/use-module';
import { t } from '@/services/i18n';
import { CustomerAccount } from './CustomerAccount';
import { HeaderAccount } from './HeaderAccount';
import { OpenInSidePanel } from './OpenInSidePanel';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';
import { ShortcutsHelp } from './ShortcutsHelp';

const loadFollowedCustomer = () => import('./FollowedCustomer');

export type View = 'popup' | 'sidepanel';

/**
 * The one app behind the popup and the side panel; `view` only decides the chrome around it. Its first render (before
 * storage answers) is also prerendered into their pages at build time (modules/prerender), so it must not depend on
 * anything but `view`.
 */
export function App({ view }: { view: View }) {
  // A language change re-renders the whole app in the new language.
  useLanguage();
  const search = useCustomerSearch();
  const { customerId } = search.state;
  const Followed = useModule(loadFollowedCustomer, view === 'sidepanel')?.FollowedCustomer;

  return (
    <div class={`app app-${view}`}>
      <header>
        <h1 class="app-name">{t('appName')}</h1>
        <HeaderAccount />
        {view === 'popup' && <OpenInSidePanel />}
        <ShortcutsHelp />
        <SearchBox {...search} />
      </header>
      <main>
        {Followed && <Followed current={customerId ?? null} onOpen={(id) => search.dispatch({ type: 'chosen', id })} />}
        {search.view !== 'none' && <SearchResults {...search} />}
        {search.view !== 'none' && customerId && (
          <CustomerAccount
            key={customerId}
            id={customerId}
            hidden={search.view !== 'account'}
            reopened={search.state.reopened}
            preview={search.state.preview}
          />
        )}
      </main>
    </div>
  );
}
