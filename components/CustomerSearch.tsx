import { useEffect, useRef, useState } from 'preact/hooks';
import type { Customer } from '@/domain/schemas';
import { DEFAULT_PAGE_SIZE } from '@/domain/search';
import { searchCustomers } from '@/utils/api-client';
import { t } from '@/utils/i18n';
import { Highlight } from './Highlight';

/** Short enough to stay inside the 50 ms keystroke-to-results budget, long enough to skip mid-word requests. */
const DEBOUNCE_MS = 30;

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; query: string; customers: Customer[]; total: number }
  | { kind: 'error'; message: string };

export function CustomerSearch({ onOpen }: { onOpen: (id: string) => void }) {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [active, setActive] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setState({ kind: 'idle' });
      return;
    }
    // Aborting the previous request also drops its late answer: only the newest query renders.
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => (s.kind === 'done' ? s : { kind: 'loading' }));
      searchCustomers(q, 1, DEFAULT_PAGE_SIZE, controller.signal).then(
        ({ data, total }) => {
          setActive(0);
          setState({ kind: 'done', query: q, customers: data, total: total ?? data.length });
        },
        (error: Error) => {
          if (!controller.signal.aborted) setState({ kind: 'error', message: error.message });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, attempt]);

  const customers = state.kind === 'done' ? state.customers : [];

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!customers.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + customers.length) % customers.length);
    } else if (event.key === 'Enter' && customers[active]) {
      event.preventDefault();
      onOpen(customers[active].id);
    }
  }

  return (
    <section class="search">
      <input
        ref={input}
        type="search"
        aria-label={t('searchCustomers')}
        placeholder={t('searchPlaceholder')}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        role="searchbox"
        aria-controls="customer-results"
        aria-activedescendant={customers[active] ? `customer-${customers[active].id}` : undefined}
      />
      <p role="status" class="search-status">
        {state.kind === 'loading' && t('searching')}
        {state.kind === 'done' && (state.total ? t('resultCount', { count: state.total }) : t('noResults', { query: state.query }))}
      </p>
      {state.kind === 'error' && (
        <p role="alert" class="error">
          {t('loadError', { message: state.message })}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </p>
      )}
      <ul id="customer-results" role="listbox" aria-label={t('customers')}>
        {customers.map((customer, index) => (
          <li
            key={customer.id}
            id={`customer-${customer.id}`}
            role="option"
            aria-selected={index === active}
            // Named by the company alone, so it can be found by name; the domain is its description.
            aria-label={customer.companyProfile.companyName}
            aria-describedby={`customer-${customer.id}-domain`}
            onClick={() => onOpen(customer.id)}
          >
            <span class="company">
              <Highlight text={customer.companyProfile.companyName} query={query} />
            </span>
            <span class="detail" id={`customer-${customer.id}-domain`}>
              {customer.companyProfile.domain}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
