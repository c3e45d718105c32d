import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_PAGE_SIZE } from '@/domain/search';
import { currentBackend } from '@/services/backends';
import type { CustomerHit } from '@/services/backends/backend';
import { prefetchCustomer } from '@/services/customer-prefetch';
import { errorMessage } from '@/services/error-message';
import { withRetry } from '@/services/retry';
import { currentCustomerItem, type RecentCustomer, recentCustomersItem, searchQueryItem } from '@/services/storage';
import { escapeLeavesSearch, type MainView, mainView } from '@/state/search/search-view';
import { useStorageItem } from './use-storage-item';

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** `total` is null where the backend does not count (Partner Center); `next` is where more results start. */
  | { kind: 'done'; query: string; customers: CustomerHit[]; total: number | null; next: unknown }
  | { kind: 'error'; message: string };

/** A customer in the list; a search result also names its contact, so a match on the contact shows. */
export interface CustomerOption extends RecentCustomer {
  contact?: string;
}

const asOption = (c: CustomerHit): CustomerOption => ({
  id: c.id,
  companyName: c.companyProfile.companyName,
  domain: c.companyProfile.domain,
  contact: c.billingProfile && `${c.billingProfile.firstName} ${c.billingProfile.lastName}`,
});

/**
 * The search shared by the header's box and the main area's list: the text (kept in storage, so it survives the
 * popup closing and reaches the other views), its results, the recent customers, the active option and what the
 * main area shows (utils/search-view.ts).
 */
export function useCustomerSearch(customerId: string | null | undefined) {
  // null until the stored text is read.
  const [query, setQuery] = useState<string | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const [active, setActive] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  // A customer chosen from the list, until storage says it is the open one.
  const [chosen, setChosen] = useState<string | null>(null);
  const recent = useStorageItem(recentCustomersItem) ?? [];
  // What this view wrote itself, so the echo of its own writes never overwrites newer typing.
  const written = useRef<string[]>([]);

  // Layout effects run before the first paint: each search starts a frame sooner.
  useLayoutEffect(() => {
    void searchQueryItem.getValue().then((stored) => setQuery((q) => q ?? stored));
    return searchQueryItem.watch((value) => {
      if (!written.current.includes(value)) setQuery(value);
    });
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

  // The list gives way only once the chosen account is the open one: clearing it sooner would show the previous
  // account (or the recent customers) for a moment.
  useLayoutEffect(() => {
    if (chosen === null || chosen !== customerId) return;
    setChosen(null);
    setText('');
    setListOpen(false);
  }, [chosen, customerId]);

  /** The text as this view writes it: shown at once, kept in storage for the other views and the next popup. */
  function setText(value: string) {
    setQuery(value);
    written.current = [...written.current.slice(-19), value];
    void searchQueryItem.setValue(value);
  }

  /** Shows the list over the open account (the recent customers while the box is empty), its first option active. */
  function showList() {
    setActive(0);
    setListOpen(true);
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

  const view: MainView = mainView({ customerId, query, listOpen });
  const results = state.kind === 'done' ? state.customers.map(asOption) : [];
  const options: CustomerOption[] = { results, recent, account: [], none: [] }[view];
  const activeId = options[active]?.id;

  // The option Enter would open is read before Enter.
  useEffect(() => {
    if (activeId && activeId !== customerId) prefetchCustomer(activeId);
  }, [activeId, customerId]);

  return {
    query,
    view,
    state,
    options,
    active,
    loadingMore,
    more,
    retry: () => setAttempt((n) => n + 1),
    /** Typing shows the list; erasing the text keeps it open (the recent customers) until the agent leaves or chooses. */
    type(value: string) {
      setText(value);
      setListOpen(true);
    },
    /** A click in the box asks for the list, as ↓ does. */
    openList() {
      if (view === 'account') showList();
    },
    /** ↑/↓ in the box: over the account they open the list first, then move through it. */
    move(step: 1 | -1) {
      if (view === 'account') showList();
      else if (options.length) setActive((i) => (i + step + options.length) % options.length);
    },
    /** Opens a customer's account: the search is done, so its text goes and the list closes. */
    choose(id: string) {
      setChosen(id);
      void currentCustomerItem.setValue(id);
    },
    /** Escape: whether it left the search (utils/search-view.ts says when it does). */
    leave(): boolean {
      if (!escapeLeavesSearch({ customerId, query, listOpen })) return false;
      setText('');
      setListOpen(false);
      return true;
    },
  };
}

export type CustomerSearch = ReturnType<typeof useCustomerSearch>;
