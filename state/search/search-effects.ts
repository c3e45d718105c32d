/**
 * The side effects of the search, kept thin: the requests the state asks for (a newer one aborts the older), the
 * text kept in `local:searchQuery`, the customer chosen written to `local:currentCustomerId`, and the active option's
 * customer read before Enter. Each follows the state or dispatches what it found; the decisions are in search.ts.
 */
import { DEFAULT_PAGE_SIZE } from '@/domain/search';
import { currentBackend } from '@/services/backends';
import type { SearchPage } from '@/services/backends/backend';
import { prefetchCustomer } from '@/services/customer-prefetch';
import { errorMessage } from '@/services/error-message';
import { withRetry } from '@/services/retry';
import { currentCustomerItem, type RecentCustomer, recentCustomersItem, searchQueryItem } from '@/services/storage';
import type { Store } from '../store';
import { activeOption, type CustomerSearch, type Request, type SearchEvent } from './search';

/** The part of a storage item the search uses. */
interface Item<T> {
  getValue: () => Promise<T>;
  setValue: (value: T) => Promise<void>;
  watch: (listener: (value: T) => void) => () => void;
}

/** The search's ways out to the backend and extension storage. */
export interface SearchServices {
  search: (query: string, from: unknown, signal: AbortSignal) => Promise<SearchPage>;
  query: Item<string>;
  customer: Item<string | null>;
  recent: Omit<Item<RecentCustomer[]>, 'setValue'>;
  /** Reads a customer ahead, for the Account page to take (services/customer-prefetch.ts); `offered` is when the
   * list showing it appeared. */
  prefetch: (id: string, offered: number) => void;
}

export const EXTENSION_SERVICES: SearchServices = {
  search: (query, from, signal) =>
    withRetry(async () => (await currentBackend()).search(query, from, DEFAULT_PAGE_SIZE, signal), signal),
  query: searchQueryItem,
  customer: currentCustomerItem,
  recent: recentCustomersItem,
  prefetch: (id, offered) => prefetchCustomer(id, Date.now(), offered),
};

type SearchStore = Store<CustomerSearch, SearchEvent>;

export function searchEffects(search: SearchStore, services: SearchServices = EXTENSION_SERVICES) {
  let request: AbortController | null = null;
  // The text storage holds as far as this view knows, and the last texts it wrote itself: the echo of its own
  // writes never overwrites newer typing.
  let stored: string | null = null;
  let written: string[] = [];
  // When the list the agent chooses from last changed: a copy read before it may be older than what it shows.
  let offered = 0;

  function send({ id, query, from }: Request) {
    const controller = new AbortController();
    request = controller;
    // An answer to a request no longer pending is dropped by the model, aborted or not.
    services.search(query, from, controller.signal).then(
      (page) => search.dispatch({ type: 'answered', id, page }),
      (error) => search.dispatch({ type: 'failed', id, message: errorMessage(error) }),
    );
  }

  function save(text: string) {
    stored = text;
    written = [...written.slice(-19), text];
    void services.query.setValue(text);
  }

  // Subscribed at once, not in start(): text typed before the view's effects ran (into the prerendered box) searches.
  search.subscribe((state, previous) => {
    if (state.pending !== previous.pending) {
      request?.abort();
      request = null;
      if (state.pending) send(state.pending);
    }
    if (state.query !== null && state.query !== previous.query && state.query !== stored) save(state.query);
    if (state.chosen !== null && state.chosen !== previous.chosen) void services.customer.setValue(state.chosen);
    // The option Enter would open is read before Enter, again whenever the list shown changes; the open customer
    // too, as choosing it reads it again.
    const listed = state.results !== previous.results || state.recent !== previous.recent;
    if (listed) offered = Date.now();
    const active = activeOption(state)?.id;
    const moved = active !== activeOption(previous)?.id || state.customerId !== previous.customerId;
    if (active && (moved || listed)) services.prefetch(active, offered);
  });

  return {
    /** Reads and follows what storage holds; answers the function that stops it. */
    start() {
      const unwatch = [
        services.query.watch((text) => {
          if (written.includes(text)) return;
          stored = text;
          search.dispatch({ type: 'queryHanded', query: text });
        }),
        services.customer.watch((id) => search.dispatch({ type: 'customerShown', id })),
        services.recent.watch((recent) => search.dispatch({ type: 'recentChanged', recent })),
      ];
      void services.query.getValue().then((text) => {
        if (search.getState().query === null) stored = text;
        search.dispatch({ type: 'queryStored', query: text });
      });
      void services.customer.getValue().then((id) => search.dispatch({ type: 'customerShown', id }));
      void services.recent.getValue().then((recent) => search.dispatch({ type: 'recentChanged', recent }));
      return () => {
        for (const stop of unwatch) stop();
        request?.abort();
      };
    },
  };
}
