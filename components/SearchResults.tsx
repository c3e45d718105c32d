import type { SearchProps } from '@/hooks/use-customer-search';
import { useRole } from '@/hooks/use-role';
import { useSettings } from '@/hooks/use-settings';
import { denial } from '@/services/denial';
import { t } from '@/services/i18n';
import { loadingMore, type Results } from '@/state/search/search';
import { CustomerOptions } from './CustomerOptions';
import { EmptyState } from './EmptyState';
import { RetryAlert } from './RetryAlert';

/** How many were found; where the backend does not count, how many so far and whether there are more. */
function resultStatus(results: Extract<Results, { kind: 'done' }>, partnerCenter: boolean): string {
  const count = results.total ?? results.customers.length;
  if (!count) return t(partnerCenter ? 'pc.noResults' : 'noResults', { query: results.query });
  return t(results.total === null && results.next !== null ? 'resultCountMore' : 'resultCount', { count });
}

/**
 * The main area while the agent searches: the results (or, with an empty box, the recent customers) in place of the
 * account. Kept in the page when hidden, so its live region is there to announce the next search.
 */
export function SearchResults({ state, dispatch, view, options }: SearchProps) {
  const role = useRole();
  // Partner Center finds company names and domains by their start only: the hint and "no results" say so.
  const partnerCenter = useSettings()?.connection === 'partnerCenter';
  const { results } = state;
  const searching = view === 'results';
  const open = (id: string) => dispatch({ type: 'chosen', id });
  return (
    <section class="search" hidden={!searching && view !== 'recent'}>
      {denial(role, 'viewCustomers') && <p class="reason">{denial(role, 'viewCustomers')}</p>}
      <p role="status" class="search-status">
        {results.kind === 'loading' && t('searching')}
        {searching && results.kind === 'done' && resultStatus(results, partnerCenter)}
      </p>
      {results.kind === 'error' && (
        <RetryAlert message={results.message} onRetry={() => dispatch({ type: 'retried' })} />
      )}
      {searching && results.kind === 'done' && !results.customers.length && (
        <p class="hint">{t(partnerCenter ? 'pc.noResultsHint' : 'noResultsHint')}</p>
      )}
      {!searching && options.length > 0 && <h2>{t('recentCustomers')}</h2>}
      <CustomerOptions
        label={searching ? t('customers') : t('recentCustomers')}
        options={options}
        active={state.active}
        query={searching ? (state.query ?? '') : ''}
        onOpen={open}
      />
      {!searching && !options.length && !denial(role, 'viewCustomers') && (
        <EmptyState
          title={t('searchEmpty.title')}
          hint={t(partnerCenter ? 'pc.searchEmptyHint' : 'searchEmpty.hint')}
        />
      )}
      {searching && results.kind === 'done' && results.next !== null && (
        <button type="button" disabled={loadingMore(state)} onClick={() => dispatch({ type: 'moreAsked' })}>
          {results.total === null
            ? t('showMore')
            : t('moreResults', { shown: results.customers.length, count: results.total })}
        </button>
      )}
    </section>
  );
}
