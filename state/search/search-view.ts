/**
 * What a view's main area shows under the header's search box, which stays on every view: the results while the
 * agent is searching, the recent customers when the box is empty and the list is wanted, else the open account.
 */
type MainView = 'results' | 'recent' | 'account' | 'none';

export interface SearchView {
  /** The customer open in this view; `undefined` until storage has answered. */
  customerId: string | null | undefined;
  /** The search text; `null` until storage has answered. */
  query: string | null;
  /** The agent asked for the list over the open account with an empty box (↓, ↑ or a click in it, or erasing the text). */
  listOpen: boolean;
}

export function mainView({ customerId, query, listOpen }: SearchView): MainView {
  // Both come from storage: deciding before both answered would flash one view and then the other.
  if (customerId === undefined || query === null) return 'none';
  if (query.trim()) return 'results';
  return listOpen || !customerId ? 'recent' : 'account';
}

/**
 * Whether Escape in the search box leaves the search — the text is cleared and the list closes, back to the open
 * account (or the recent customers when none is open) — rather than going to the browser, which closes a popup.
 */
export function escapeLeavesSearch({ customerId, query, listOpen }: SearchView): boolean {
  return Boolean(query) || (listOpen && Boolean(customerId));
}
