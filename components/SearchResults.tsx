import type { CustomerSearch, SearchState } from '@/hooks/use-customer-search';
import { useRole } from '@/hooks/use-role';
import { useStorageItem } from '@/hooks/use-storage-item';
import { denial } from '@/services/denial';
import { t } from '@/services/i18n';
import { connectionItem } from '@/services/storage';
import { CustomerOptions } from './CustomerOptions';
import { EmptyState } from './EmptyState';
import { RetryAlert } from './RetryAlert';

/**
 * The main area while the agent searches: the results (or, with an empty box, the recent customers) in place of the
 * account. Kept in the page when hidden, so its live region is there to announce the next search.
 */
/** How many were found; where the backend does not count, how many so far and whether there are more. */
function resultStatus(state: Extract<SearchState, { kind: 'done' }>, partnerCenter: boolean): string {
  const count = state.total ?? state.customers.length;
  if (!count) return t(partnerCenter ? 'pc.noResults' : 'noResults', { query: state.query });
  return t(state.total === null && state.next !== null ? 'resultCountMore' : 'resultCount', { count });
}

export function SearchResults({ search }: { search: CustomerSearch }) {
  const role = useRole();
  // Partner Center finds company names and domains by their start only: the hint and "no results" say so.
  const partnerCenter = useStorageItem(connectionItem) === 'partnerCenter';
  const { state, options, query } = search;
  const searching = search.view === 'results';
  return (
    <section class="search" hidden={!searching && search.view !== 'recent'}>
      {denial(role, 'viewCustomers') && <p class="reason">{denial(role, 'viewCustomers')}</p>}
      <p role="status" class="search-status">
        {state.kind === 'loading' && t('searching')}
        {searching && state.kind === 'done' && resultStatus(state, partnerCenter)}
      </p>
      {state.kind === 'error' && <RetryAlert message={state.message} onRetry={search.retry} />}
      {searching && state.kind === 'done' && !state.customers.length && (
        <p class="hint">{t(partnerCenter ? 'pc.noResultsHint' : 'noResultsHint')}</p>
      )}
      {!searching && options.length > 0 && <h2>{t('recentCustomers')}</h2>}
      <CustomerOptions
        label={searching ? t('customers') : t('recentCustomers')}
        options={options}
        active={search.active}
        query={searching ? (query ?? '') : ''}
        onOpen={search.choose}
      />
      {!searching && !options.length && !denial(role, 'viewCustomers') && (
        <EmptyState
          title={t('searchEmpty.title')}
          hint={t(partnerCenter ? 'pc.searchEmptyHint' : 'searchEmpty.hint')}
        />
      )}
      {searching && state.kind === 'done' && state.next !== null && (
        <button type="button" disabled={search.loadingMore} onClick={() => void search.more()}>
          {state.total === null
            ? t('showMore')
            : t('moreResults', { shown: state.customers.length, count: state.total })}
        </button>
      )}
    </section>
  );
}
