// @vitest-environment node
/** The search model, transition by transition: no DOM, no storage, no requests. */
import { describe, expect, test } from 'vitest';
import type { CustomerHit, SearchPage } from '@/services/backends/backend';
import {
  activeOption,
  type CustomerSearch,
  customerSearch,
  loadingMore,
  openSearch,
  optionsOf,
  type SearchEvent,
} from '@/state/search/search';
import { escapeLeavesSearch, mainView } from '@/state/search/search-view';

const hit = (id: string, companyName = `Company ${id}`): CustomerHit => ({
  id,
  companyProfile: { tenantId: id, domain: `${id}.onmicrosoft.com`, companyName },
  billingProfile: { firstName: 'Anna', lastName: 'Ivanova' },
});
const page = (ids: string[], total: number | null = ids.length, next: unknown = null): SearchPage => ({
  customers: ids.map((id) => hit(id)),
  total,
  next,
});
const recent = [
  { id: 'r1', companyName: 'Recent One', domain: 'r1.onmicrosoft.com' },
  { id: 'r2', companyName: 'Recent Two', domain: 'r2.onmicrosoft.com' },
];

const run = (state: CustomerSearch, ...events: SearchEvent[]) => events.reduce(customerSearch, state);

/** Storage has answered: no search text, `customerId` open (or none), the recent customers known. */
const ready = (customerId: string | null = null) =>
  run(
    openSearch(),
    { type: 'queryStored', query: '' },
    { type: 'customerShown', id: customerId },
    { type: 'recentChanged', recent },
  );

/** The pending request's answer. */
const answer = (state: CustomerSearch, result: SearchPage) =>
  customerSearch(state, { type: 'answered', id: state.pending!.id, page: result });

describe('typing', () => {
  test('nothing shows until storage has said both the search text and the open customer', () => {
    expect(mainView(openSearch())).toBe('none');
    expect(mainView(run(openSearch(), { type: 'queryStored', query: '' }))).toBe('none');
    expect(mainView(ready())).toBe('recent');
  });

  test('each keystroke asks at once for the first page of its text, trimmed; the answer shows, its first option active', () => {
    let state = run(ready(), { type: 'typed', query: 'co ' });
    expect(state.pending).toEqual({ id: 1, query: 'co', from: null });
    expect(state.results).toEqual({ kind: 'loading' });
    expect(mainView(state)).toBe('results');
    state = answer(state, page(['a', 'b'], 2));
    expect(state.pending).toBeNull();
    expect(state.results).toMatchObject({ kind: 'done', query: 'co', total: 2 });
    expect(optionsOf(state).map((o) => [o.id, o.companyName, o.contact])).toEqual([
      ['a', 'Company a', 'Anna Ivanova'],
      ['b', 'Company b', 'Anna Ivanova'],
    ]);
    expect(activeOption(state)?.id).toBe('a');
  });

  test('the results shown stay while the next keystroke’s are on their way', () => {
    let state = answer(run(ready(), { type: 'typed', query: 'co' }), page(['a']));
    state = customerSearch(state, { type: 'typed', query: 'con' });
    expect(state.pending).toMatchObject({ id: 2, query: 'con' });
    expect(optionsOf(state).map((o) => o.id)).toEqual(['a']);
  });

  test('an older query’s answer arriving after a newer one’s never shows', () => {
    const first = run(ready(), { type: 'typed', query: 'c' });
    const second = customerSearch(first, { type: 'typed', query: 'co' });
    const newest = answer(second, page(['co']));
    const late = customerSearch(newest, { type: 'answered', id: first.pending!.id, page: page(['c']) });
    expect(late).toBe(newest);
    // Nor before it: an answer not pending changes nothing.
    expect(customerSearch(second, { type: 'answered', id: first.pending!.id, page: page(['c']) })).toBe(second);
    expect(customerSearch(second, { type: 'failed', id: first.pending!.id, message: 'down' })).toBe(second);
  });

  test('erasing the text drops the request under way and shows the recent customers, the list kept open', () => {
    const state = run(ready('c1'), { type: 'typed', query: 'co' }, { type: 'typed', query: '  ' });
    expect(state.pending).toBeNull();
    expect(state.results).toEqual({ kind: 'idle' });
    expect(mainView(state)).toBe('recent');
    expect(optionsOf(state)).toEqual(recent);
  });

  test('the same text again asks nothing new', () => {
    const state = run(ready(), { type: 'typed', query: 'co' });
    expect(customerSearch(state, { type: 'typed', query: 'co' }).pending).toBe(state.pending);
  });
});

describe('storage', () => {
  test('the stored text is searched at start, unless the agent typed before storage answered', () => {
    const stored = run(openSearch(), { type: 'queryStored', query: 'contoso' });
    expect(stored).toMatchObject({ query: 'contoso', pending: { query: 'contoso' } });
    const typed = run(openSearch(), { type: 'typed', query: 'fab' }, { type: 'queryStored', query: 'contoso' });
    expect(typed).toMatchObject({ query: 'fab', pending: { id: 1, query: 'fab' } });
  });

  test('a search handed over by another view (or the context menu) replaces the text', () => {
    const state = run(ready('c1'), { type: 'typed', query: 'fab' }, { type: 'queryHanded', query: 'contoso' });
    expect(state).toMatchObject({ query: 'contoso', pending: { id: 2, query: 'contoso' } });
  });
});

describe('keys', () => {
  const listed = () => answer(run(ready('c1'), { type: 'typed', query: 'co' }), page(['a', 'b', 'c']));

  test('↓ and ↑ move through the options and wrap around', () => {
    const down = (state: CustomerSearch) => customerSearch(state, { type: 'moved', step: 1 });
    const up = (state: CustomerSearch) => customerSearch(state, { type: 'moved', step: -1 });
    expect(activeOption(down(listed()))?.id).toBe('b');
    expect(activeOption(down(down(down(listed()))))?.id).toBe('a');
    expect(activeOption(up(listed()))?.id).toBe('c');
  });

  test('over the account, the first ↓ (or a click in the box) lists the recent customers, the first active', () => {
    const account = ready('c1');
    expect(mainView(account)).toBe('account');
    const down = customerSearch(account, { type: 'moved', step: 1 });
    expect(mainView(down)).toBe('recent');
    expect(activeOption(down)?.id).toBe('r1');
    expect(activeOption(customerSearch(down, { type: 'moved', step: 1 }))?.id).toBe('r2');
    expect(mainView(customerSearch(account, { type: 'listAsked' }))).toBe('recent');
    // A click while listing changes nothing.
    expect(customerSearch(down, { type: 'listAsked' })).toBe(down);
  });

  test('with no options, the arrows do nothing', () => {
    const empty = run(ready(), { type: 'recentChanged', recent: [] });
    expect(customerSearch(empty, { type: 'moved', step: 1 })).toBe(empty);
  });

  test('Escape leaves the search in one press: the text goes, the list closes, the account is back', () => {
    const left = customerSearch(listed(), { type: 'left' });
    expect(left).toMatchObject({ query: '', listOpen: false, pending: null, results: { kind: 'idle' } });
    expect(mainView(left)).toBe('account');
    // Over the recent customers with no account open there is nothing to leave: Escape is the browser's.
    const none = ready();
    expect(escapeLeavesSearch(none)).toBe(false);
    expect(customerSearch(none, { type: 'left' })).toBe(none);
  });

  test('Escape with no account open clears the text back to the recent customers', () => {
    const left = run(ready(), { type: 'typed', query: 'co' }, { type: 'left' });
    expect(mainView(left)).toBe('recent');
  });
});

describe('choosing a customer', () => {
  test('the list stays until the chosen account is the open one; then the search is over', () => {
    let state = customerSearch(answer(run(ready('c1'), { type: 'typed', query: 'co' }), page(['a'])), {
      type: 'chosen',
      id: 'a',
    });
    expect(state).toMatchObject({ chosen: 'a', query: 'co' });
    expect(mainView(state)).toBe('results');
    // Another customer shown meanwhile (another view's choice) does not end this search.
    state = customerSearch(state, { type: 'customerShown', id: 'x' });
    expect(mainView(state)).toBe('results');
    state = customerSearch(state, { type: 'customerShown', id: 'a' });
    expect(state).toMatchObject({ chosen: null, query: '', listOpen: false, customerId: 'a' });
    expect(mainView(state)).toBe('account');
  });

  test('the chosen customer’s summary is kept for the account to show at once: a result’s, or a recent one’s', () => {
    const chosen = run(answer(run(ready('c1'), { type: 'typed', query: 'co' }), page(['a'])), {
      type: 'chosen',
      id: 'a',
    });
    expect(chosen.preview).toEqual(hit('a'));
    // It outlives the end of the search, which empties the results.
    expect(run(chosen, { type: 'customerShown', id: 'a' }).preview).toEqual(hit('a'));
    expect(run(ready('c1'), { type: 'moved', step: 1 }, { type: 'chosen', id: 'r2' }).preview).toEqual({
      id: 'r2',
      companyProfile: { tenantId: 'r2', domain: 'r2.onmicrosoft.com', companyName: 'Recent Two' },
    });
    // Chosen from elsewhere (the followed tab): nothing known before the read.
    expect(run(ready('c1'), { type: 'chosen', id: 'zz' }).preview).toBeNull();
  });

  test('choosing the customer already open ends the search at once and has it read again', () => {
    const state = run(ready('c1'), { type: 'moved', step: 1 }, { type: 'chosen', id: 'c1' });
    expect(state).toMatchObject({ chosen: null, listOpen: false, reopened: 1 });
    expect(mainView(state)).toBe('account');
    expect(run(state, { type: 'moved', step: 1 }, { type: 'chosen', id: 'c1' }).reopened).toBe(2);
    expect(run(ready('c1'), { type: 'chosen', id: 'c2' }).reopened).toBe(0);
  });
});

describe('a failed read, Retry, and more results', () => {
  test('a failed search says why; Retry asks again for the same text and shows its answer', () => {
    let state = run(ready(), { type: 'typed', query: 'co' });
    state = customerSearch(state, { type: 'failed', id: state.pending!.id, message: 'The API is unavailable.' });
    expect(state.results).toEqual({ kind: 'error', message: 'The API is unavailable.' });
    expect(optionsOf(state)).toEqual([]);
    state = customerSearch(state, { type: 'retried' });
    expect(state.pending).toMatchObject({ id: 2, query: 'co', from: null });
    expect(state.results).toEqual({ kind: 'loading' });
    expect(answer(state, page(['a'])).results).toMatchObject({ kind: 'done', query: 'co' });
  });

  test('"Show more results" appends the next page and keeps the total and the active option', () => {
    let state = answer(run(ready(), { type: 'typed', query: '.' }), page(['a', 'b'], 4, 2));
    state = customerSearch(state, { type: 'moved', step: 1 });
    state = customerSearch(state, { type: 'moreAsked' });
    expect(state.pending).toMatchObject({ query: '.', from: 2 });
    expect(loadingMore(state)).toBe(true);
    // Asked twice, sent once.
    expect(customerSearch(state, { type: 'moreAsked' })).toBe(state);
    state = answer(state, page(['c', 'd'], 4, null));
    expect(loadingMore(state)).toBe(false);
    expect(state.results).toMatchObject({ kind: 'done', total: 4, next: null });
    expect(optionsOf(state).map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(activeOption(state)?.id).toBe('b');
    // The last page: there is no more to ask for.
    expect(customerSearch(state, { type: 'moreAsked' })).toBe(state);
  });

  test('more results asked for an older text are dropped when the agent types on', () => {
    let state = answer(run(ready(), { type: 'typed', query: 'co' }), page(['a'], 2, 2));
    const more = customerSearch(state, { type: 'moreAsked' });
    state = customerSearch(more, { type: 'typed', query: 'con' });
    expect(loadingMore(state)).toBe(false);
    expect(customerSearch(state, { type: 'answered', id: more.pending!.id, page: page(['b']) })).toBe(state);
  });

  test('a failed next page says why, and Retry starts again from the first', () => {
    let state = answer(run(ready(), { type: 'typed', query: 'co' }), page(['a'], 2, 2));
    state = customerSearch(state, { type: 'moreAsked' });
    state = customerSearch(state, { type: 'failed', id: state.pending!.id, message: 'down' });
    expect(state.results).toEqual({ kind: 'error', message: 'down' });
    expect(customerSearch(state, { type: 'retried' }).pending).toMatchObject({ query: 'co', from: null });
  });
});
