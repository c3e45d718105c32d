import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_PAGE_SIZE } from '@/domain/search';
import { currentBackend } from '@/utils/backends';
import type { CustomerHit } from '@/utils/backends/backend';
import { denial } from '@/utils/denial';
import { errorMessage } from '@/utils/error-message';
import { t } from '@/utils/i18n';
import { isTyping } from '@/utils/is-typing';
import { withRetry } from '@/utils/retry';
import { connectionItem, recentCustomersItem, searchQueryItem } from '@/utils/storage';
import { useRole } from '@/utils/use-role';
import { useStorageItem } from '@/utils/use-storage-item';
import { type CustomerOption, CustomerOptions } from './CustomerOptions';
import { EmptyState } from './EmptyState';

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** `total` is null where the backend does not count (Partner Center); `next` is where more results start. */
  | { kind: 'done'; query: string; customers: CustomerHit[]; total: number | null; next: unknown }
  | { kind: 'error'; message: string };

const asOption = (c: CustomerHit): CustomerOption => ({
  id: c.id,
  companyName: c.companyProfile.companyName,
  domain: c.companyProfile.domain,
  contact: c.billingProfile && `${c.billingProfile.firstName} ${c.billingProfile.lastName}`,
});

/** How many were found; where the backend does not count, how many so far and whether there are more. */
function resultStatus(state: Extract<State, { kind: 'done' }>, partnerCenter: boolean): string {
  const count = state.total ?? state.customers.length;
  if (!count) return t(partnerCenter ? 'pc.noResults' : 'noResults', { query: state.query });
  return t(state.total === null && state.next !== null ? 'resultCountMore' : 'resultCount', { count });
}

export function CustomerSearch({ onOpen }: { onOpen: (id: string) => void }) {
  // null until the stored text is read: the search survives the popup closing.
  const [query, setQuery] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [active, setActive] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const recent = useStorageItem(recentCustomersItem) ?? [];
  const role = useRole();
  // Partner Center finds company names and domains by their start only: the hint and "no results" say so.
  const partnerCenter = useStorageItem(connectionItem) === 'partnerCenter';
  const input = useRef<HTMLInputElement>(null);
  // What this view wrote itself, so the echo of its own writes never overwrites newer typing.
  const written = useRef<string[]>([]);

  // Layout effects run before the first paint: the box is focused, and each search starts, a frame sooner.
  useLayoutEffect(() => {
    input.current?.focus();
    void searchQueryItem.getValue().then((stored) => setQuery((q) => q ?? stored));
    const unwatch = searchQueryItem.watch((value) => {
      if (!written.current.includes(value)) setQuery(value);
    });
    const slash = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', slash);
    return () => {
      unwatch();
      document.removeEventListener('keydown', slash);
    };
  }, []);

  useLayoutEffect(() => {
    const q = query?.trim();
    if (!q) {
      setState({ kind: 'idle' });
      setActive(0);
      return;
    }
    const controller = new AbortController();
    // No debounce: each keystroke asks at once, and the next one aborts the request (dropping its late answer),
    // so only the newest query renders and the last keystroke's answer is not kept waiting.
    setState((s) => (s.kind === 'done' ? s : { kind: 'loading' }));
    const search = async () => (await currentBackend()).search(q, null, DEFAULT_PAGE_SIZE, controller.signal);
    withRetry(search, controller.signal).then(
      ({ customers, total, next }) => {
        setActive(0);
        setState({ kind: 'done', query: q, customers, total, next });
      },
      (error) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [query, attempt]);

  function type(value: string) {
    setQuery(value);
    written.current = [...written.current.slice(-19), value];
    void searchQueryItem.setValue(value);
  }

  async function more() {
    if (state.kind !== 'done') return;
    setLoadingMore(true);
    try {
      const { customers, next } = await withRetry(async () =>
        (await currentBackend()).search(state.query, state.next, DEFAULT_PAGE_SIZE),
      );
      setState({ ...state, customers: [...state.customers, ...customers], next });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    } finally {
      setLoadingMore(false);
    }
  }

  const searching = Boolean(query?.trim());
  const options = searching ? (state.kind === 'done' ? state.customers.map(asOption) : []) : recent;

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!options.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (event.key === 'Enter' && options[active]) {
      event.preventDefault();
      onOpen(options[active].id);
    } else if (event.key === 'Escape' && query) {
      // Clearing, not closing the popup.
      event.preventDefault();
      type('');
    }
  }

  return (
    <section class="search">
      <input
        ref={input}
        type="search"
        aria-label={t('searchCustomers')}
        placeholder={t(partnerCenter ? 'pc.searchPlaceholder' : 'searchPlaceholder')}
        value={query ?? ''}
        onInput={(event) => type(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-controls="customer-results"
        aria-activedescendant={options[active] ? `customer-${options[active].id}` : undefined}
      />
      {denial(role, 'viewCustomers') && <p class="reason">{denial(role, 'viewCustomers')}</p>}
      <p role="status" class="search-status">
        {state.kind === 'loading' && t('searching')}
        {searching && state.kind === 'done' && resultStatus(state, partnerCenter)}
      </p>
      {state.kind === 'error' && (
        <p role="alert" class="error">
          {state.message}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </p>
      )}
      {searching && state.kind === 'done' && !state.customers.length && (
        <p class="hint">{t(partnerCenter ? 'pc.noResultsHint' : 'noResultsHint')}</p>
      )}
      {!searching && recent.length > 0 && <h2>{t('recentCustomers')}</h2>}
      <CustomerOptions
        label={searching ? t('customers') : t('recentCustomers')}
        options={options}
        active={active}
        query={searching ? (query ?? '') : ''}
        onOpen={onOpen}
      />
      {!searching && !recent.length && !denial(role, 'viewCustomers') && (
        <EmptyState
          title={t('searchEmpty.title')}
          hint={t(partnerCenter ? 'pc.searchEmptyHint' : 'searchEmpty.hint')}
        />
      )}
      {searching && state.kind === 'done' && state.next !== null && (
        <button type="button" disabled={loadingMore} onClick={() => void more()}>
          {state.total === null
            ? t('showMore')
            : t('moreResults', { shown: state.customers.length, count: state.total })}
        </button>
      )}
    </section>
  );
}
