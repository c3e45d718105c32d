import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CustomerSummary } from '@/domain/schemas';
import { DEFAULT_PAGE_SIZE } from '@/domain/search';
import { searchCustomers } from '@/utils/api-client';
import { denial } from '@/utils/denial';
import { errorMessage } from '@/utils/error-message';
import { t } from '@/utils/i18n';
import { isTyping } from '@/utils/is-typing';
import { withRetry } from '@/utils/retry';
import { recentCustomersItem, roleItem, searchQueryItem } from '@/utils/storage';
import { useStorageItem } from '@/utils/use-storage-item';
import { type CustomerOption, CustomerOptions } from './CustomerOptions';

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; query: string; customers: CustomerSummary[]; total: number; page: number }
  | { kind: 'error'; message: string };

const asOption = (c: CustomerSummary): CustomerOption => ({
  id: c.id,
  companyName: c.companyProfile.companyName,
  domain: c.companyProfile.domain,
  contact: `${c.billingProfile.firstName} ${c.billingProfile.lastName}`,
});

export function CustomerSearch({ onOpen }: { onOpen: (id: string) => void }) {
  // null until the stored text is read: the search survives the popup closing.
  const [query, setQuery] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [active, setActive] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const recent = useStorageItem(recentCustomersItem) ?? [];
  const role = useStorageItem(roleItem);
  const input = useRef<HTMLInputElement>(null);
  // What this view wrote itself, so the echo of its own writes never overwrites newer typing.
  const written = useRef<string[]>([]);

  // Layout effects run before the first paint: the box is focused, and each debounce starts, a frame sooner.
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
    // No debounce: each keystroke asks at once, and the next one aborts the request (dropping its late answer),
    // so only the newest query renders and the last keystroke's answer is not kept waiting.
    const controller = new AbortController();
    setState((s) => (s.kind === 'done' ? s : { kind: 'loading' }));
    withRetry(() => searchCustomers(q, 1, DEFAULT_PAGE_SIZE, controller.signal), controller.signal).then(
      ({ data, total }) => {
        setActive(0);
        setState({ kind: 'done', query: q, customers: data, total: total ?? data.length, page: 1 });
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
      const { data } = await withRetry(() => searchCustomers(state.query, state.page + 1, DEFAULT_PAGE_SIZE));
      setState({ ...state, customers: [...state.customers, ...data], page: state.page + 1 });
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
        placeholder={t('searchPlaceholder')}
        value={query ?? ''}
        onInput={(event) => type(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-controls="customer-results"
        aria-activedescendant={options[active] ? `customer-${options[active].id}` : undefined}
      />
      {denial(role, 'viewCustomers') && <p class="reason">{denial(role, 'viewCustomers')}</p>}
      <p role="status" class="search-status">
        {state.kind === 'loading' && t('searching')}
        {searching &&
          state.kind === 'done' &&
          (state.total ? t('resultCount', { count: state.total }) : t('noResults', { query: state.query }))}
      </p>
      {state.kind === 'error' && (
        <p role="alert" class="error">
          {state.message}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </p>
      )}
      {!searching && recent.length > 0 && <h2>{t('recentCustomers')}</h2>}
      <CustomerOptions
        label={searching ? t('customers') : t('recentCustomers')}
        options={options}
        active={active}
        query={searching ? (query ?? '') : ''}
        onOpen={onOpen}
      />
      {searching && state.kind === 'done' && state.customers.length < state.total && (
        <button type="button" disabled={loadingMore} onClick={() => void more()}>
          {t('moreResults', { shown: state.customers.length, count: state.total })}
        </button>
      )}
    </section>
  );
}
