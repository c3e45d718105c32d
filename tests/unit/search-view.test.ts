import { expect, test } from 'vitest';
import { escapeLeavesSearch, mainView, type SearchView } from '@/state/search/search-view';

const on = (view: Partial<SearchView>): SearchView => ({ customerId: 'c1', query: '', listOpen: false, ...view });

test('nothing is decided until storage has said both the open customer and the search text', () => {
  expect(mainView(on({ customerId: undefined }))).toBe('none');
  expect(mainView(on({ query: null }))).toBe('none');
  expect(mainView(on({ customerId: undefined, query: 'contoso' }))).toBe('none');
});

test('text in the box shows the results, over the account or without one', () => {
  expect(mainView(on({ query: 'contoso' }))).toBe('results');
  expect(mainView(on({ customerId: null, query: 'contoso' }))).toBe('results');
  expect(mainView(on({ query: 'contoso', listOpen: true }))).toBe('results');
});

test('an empty box shows the account, or the recent customers when none is open or the agent asked for the list', () => {
  expect(mainView(on({}))).toBe('account');
  // White space alone is no search.
  expect(mainView(on({ query: '   ' }))).toBe('account');
  expect(mainView(on({ customerId: null }))).toBe('recent');
  expect(mainView(on({ listOpen: true }))).toBe('recent');
});

test('Escape leaves the search while there is text or a list over the account, else it is the browser’s', () => {
  expect(escapeLeavesSearch(on({ query: 'contoso' }))).toBe(true);
  expect(escapeLeavesSearch(on({ customerId: null, query: 'contoso' }))).toBe(true);
  expect(escapeLeavesSearch(on({ query: '   ' }))).toBe(true);
  expect(escapeLeavesSearch(on({ listOpen: true }))).toBe(true);
  // Nothing to leave: on the account itself, or on the recent customers with no account to go back to.
  expect(escapeLeavesSearch(on({}))).toBe(false);
  expect(escapeLeavesSearch(on({ customerId: null, listOpen: true }))).toBe(false);
  expect(escapeLeavesSearch(on({ customerId: null }))).toBe(false);
});
