/**
 * The customer search as a pure model: the text in the header's box, its results, the recent customers, the active
 * option and what the main area shows (docs/architecture.md, "Search on every view"). No storage or requests here:
 * search-effects.ts performs them and dispatches what they found, and the components render the state.
 */
import type { CustomerHit, SearchPage } from '@/services/backends/backend';
import type { RecentCustomer } from '@/services/storage';
import { escapeLeavesSearch, mainView } from './search-view';

export type Results =
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** `total` is null where the backend does not count (Partner Center); `next` is where more results start. */
  | { kind: 'done'; query: string; customers: CustomerHit[]; total: number | null; next: unknown }
  | { kind: 'error'; message: string };

/** A page of results asked for: the first of `query`'s, or the one at `from` ("Show more results"). */
export interface Request {
  id: number;
  query: string;
  from: unknown;
}

export interface CustomerSearch {
  /** The text in the box; null until storage has answered. */
  query: string | null;
  /** The customer open in this view; undefined until storage has answered. */
  customerId: string | null | undefined;
  /** The agent asked for the list over the open account (↓, ↑, a click in the box, or erasing the text). */
  listOpen: boolean;
  recent: RecentCustomer[];
  results: Results;
  /** The option Enter opens, by its place in the list shown. */
  active: number;
  /** The one request whose answer is wanted: answers to any other are stale and dropped. */
  pending: Request | null;
  /** A customer chosen from the list, until storage says it is the open one. */
  chosen: string | null;
  /** Requests made so far: the next one's id. */
  asked: number;
  /** How many times the agent chose the customer already open: each time the account reads it again. */
  reopened: number;
  /** What the list knew of the customer last chosen: the account shows it at once, before its whole read. */
  preview: CustomerHit | null;
}

export type SearchEvent =
  /** The text storage kept (an unfinished search): taken unless the agent has typed meanwhile. */
  | { type: 'queryStored'; query: string }
  /** Another view or the context menu handed over a search. */
  | { type: 'queryHanded'; query: string }
  | { type: 'typed'; query: string }
  /** Storage says which customer is open in this view (at start, and after every change). */
  | { type: 'customerShown'; id: string | null }
  | { type: 'recentChanged'; recent: RecentCustomer[] }
  /** A click in the box: over the account it asks for the list, as ↓ does. */
  | { type: 'listAsked' }
  /** ↑/↓: over the account they open the list first, then move through it. */
  | { type: 'moved'; step: 1 | -1 }
  | { type: 'chosen'; id: string }
  /** Escape, when `escapeLeavesSearch` says it leaves the search. */
  | { type: 'left' }
  | { type: 'answered'; id: number; page: SearchPage }
  | { type: 'failed'; id: number; message: string }
  | { type: 'retried' }
  | { type: 'moreAsked' };

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

export function openSearch(): CustomerSearch {
  return {
    query: null,
    customerId: undefined,
    listOpen: false,
    recent: [],
    results: { kind: 'idle' },
    active: 0,
    pending: null,
    chosen: null,
    asked: 0,
    reopened: 0,
    preview: null,
  };
}

/** The options the list shows: the results while searching, the recent customers with an empty box. */
export function optionsOf(state: CustomerSearch): CustomerOption[] {
  const view = mainView(state);
  if (view === 'recent') return state.recent;
  return view === 'results' && state.results.kind === 'done' ? state.results.customers.map(asOption) : [];
}

export const activeOption = (state: CustomerSearch): CustomerOption | undefined => optionsOf(state)[state.active];

/** "Show more results" is under way. */
export const loadingMore = (state: CustomerSearch) => state.pending !== null && state.pending.from !== null;

/** What the list shows of customer `id`: a result's summary, or a recent customer's name and domain. */
function hitOf(state: CustomerSearch, id: string): CustomerHit | null {
  const result = state.results.kind === 'done' ? state.results.customers.find((c) => c.id === id) : undefined;
  if (result) return result;
  const recent = state.recent.find((c) => c.id === id);
  // A customer's id is its tenant id.
  return recent
    ? { id, companyProfile: { tenantId: id, domain: recent.domain, companyName: recent.companyName } }
    : null;
}

/** The first page of the text's results is asked for at once (no debounce); a newer request makes older answers stale. */
function ask(state: CustomerSearch): CustomerSearch {
  const query = state.query?.trim();
  if (!query) return { ...state, results: { kind: 'idle' }, active: 0, pending: null };
  const pending = { id: state.asked + 1, query, from: null };
  // The results shown stay until the new ones arrive.
  const results: Results = state.results.kind === 'done' ? state.results : { kind: 'loading' };
  return { ...state, pending, asked: pending.id, results };
}

const withText = (state: CustomerSearch, query: string) => (query === state.query ? state : ask({ ...state, query }));

/** The search is done (a customer chosen, or Escape): the text goes and the list closes. */
const ended = (state: CustomerSearch): CustomerSearch => ({ ...withText(state, ''), listOpen: false, chosen: null });

/** Shows the list over the open account (the recent customers while the box is empty), its first option active. */
const listShown = (state: CustomerSearch): CustomerSearch => ({ ...state, listOpen: true, active: 0 });

export function customerSearch(state: CustomerSearch, event: SearchEvent): CustomerSearch {
  switch (event.type) {
    case 'queryStored':
      return state.query === null ? withText(state, event.query) : state;
    case 'queryHanded':
      return withText(state, event.query);
    case 'typed':
      // Erasing the text keeps the list open (the recent customers) until the agent leaves or chooses.
      return { ...withText(state, event.query), listOpen: true };
    case 'customerShown': {
      const shown = { ...state, customerId: event.id };
      // The list gives way only once the chosen account is the open one: sooner would show the previous account
      // (or the recent customers) for a moment.
      return state.chosen !== null && state.chosen === event.id ? ended(shown) : shown;
    }
    case 'recentChanged':
      return { ...state, recent: event.recent };
    case 'listAsked':
      return mainView(state) === 'account' ? listShown(state) : state;
    case 'moved': {
      if (mainView(state) === 'account') return listShown(state);
      const { length } = optionsOf(state);
      return length ? { ...state, active: (state.active + event.step + length) % length } : state;
    }
    case 'chosen':
      // The open customer chosen again is read again: the list may have shown it newer than the page does.
      return event.id === state.customerId
        ? { ...ended(state), reopened: state.reopened + 1 }
        : { ...state, chosen: event.id, preview: hitOf(state, event.id) };
    case 'left':
      return escapeLeavesSearch(state) ? ended(state) : state;
    case 'answered': {
      const { pending, results } = state;
      if (pending?.id !== event.id) return state;
      const { customers, total, next } = event.page;
      if (pending.from === null)
        return {
          ...state,
          pending: null,
          active: 0,
          results: { kind: 'done', query: pending.query, customers, total, next },
        };
      if (results.kind !== 'done') return { ...state, pending: null };
      return {
        ...state,
        pending: null,
        results: { ...results, customers: [...results.customers, ...customers], next },
      };
    }
    case 'failed':
      return state.pending?.id === event.id
        ? { ...state, pending: null, results: { kind: 'error', message: event.message } }
        : state;
    case 'retried':
      return ask(state);
    case 'moreAsked': {
      const { results } = state;
      if (results.kind !== 'done' || results.next === null || state.pending) return state;
      const pending = { id: state.asked + 1, query: results.query, from: results.next };
      return { ...state, pending, asked: pending.id };
    }
  }
}
