// @vitest-environment node
/**
 * The thin layer around the search model, with the backend and storage replaced by fakes: what is asked, what is
 * aborted, what is written, and what the state says afterwards. No browser and no DOM.
 */
import { expect, test, vi } from 'vitest';
import { ApiError } from '@/services/api-client';
import type { SearchPage } from '@/services/backends/backend';
import { t } from '@/services/i18n';
import type { RecentCustomer } from '@/services/storage';
import { customerSearch, openSearch, optionsOf } from '@/state/search/search';
import { type SearchServices, searchEffects } from '@/state/search/search-effects';
import { createStore } from '@/state/store';

/** A storage item in memory whose `watch` hears what `set` (another view) writes, and this view's own writes too. */
function fakeItem<T>(initial: T) {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T) => {
    value = next;
    for (const listener of listeners) listener(next);
  };
  return {
    getValue: async () => value,
    setValue: vi.fn(async (next: T) => set(next)),
    watch: (listener: (value: T) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set,
  };
}

/** A search over fake services; each request waits until the test answers it. */
function searchWithFakes(stored = '', open: string | null = null) {
  const requests: {
    query: string;
    from: unknown;
    signal: AbortSignal;
    answer: (page: SearchPage) => void;
    fail: (error: unknown) => void;
  }[] = [];
  const services = {
    search: (query: string, from: unknown, signal: AbortSignal) =>
      new Promise<SearchPage>((answer, fail) => {
        requests.push({ query, from, signal, answer, fail });
        signal.addEventListener('abort', () => fail(signal.reason));
      }),
    query: fakeItem(stored),
    customer: fakeItem<string | null>(open),
    recent: fakeItem<RecentCustomer[]>([]),
    prefetch: vi.fn(),
  } satisfies SearchServices;
  const store = createStore(customerSearch, openSearch());
  const stop = searchEffects(store, services).start();
  const type = (query: string) => store.dispatch({ type: 'typed', query });
  const page = (...ids: string[]): SearchPage => ({
    customers: ids.map((id) => ({ id, companyProfile: { tenantId: id, domain: `${id}.test`, companyName: id } })),
    total: ids.length,
    next: null,
  });
  return { store, services, requests, type, page, stop };
}

const settled = () => new Promise((done) => setTimeout(done));

test('the stored search is read and asked for at start', async () => {
  const { store, requests } = searchWithFakes('contoso');
  await settled();
  expect(store.getState().query).toBe('contoso');
  expect(requests.map((r) => r.query)).toEqual(['contoso']);
});

test('each keystroke asks at once and aborts the request before it; a late answer never shows', async () => {
  const { store, requests, type, page } = searchWithFakes();
  await settled();
  type('c');
  type('co');
  expect(requests.map((r) => [r.query, r.signal.aborted])).toEqual([
    ['c', true],
    ['co', false],
  ]);
  requests[1].answer(page('contoso'));
  requests[0].answer(page('c-only'));
  await settled();
  expect(optionsOf(store.getState()).map((o) => o.id)).toEqual(['contoso']);
});

test('erasing the text aborts the request under way', async () => {
  const { requests, type } = searchWithFakes();
  await settled();
  type('co');
  type('');
  expect(requests[0].signal.aborted).toBe(true);
});

test('the text typed is kept in storage; its own echo never overwrites newer typing', async () => {
  const { store, services, type } = searchWithFakes();
  await settled();
  type('c');
  type('co');
  expect(services.query.setValue.mock.calls).toEqual([['c'], ['co']]);
  // The watch of this view's first write, heard after the second.
  services.query.set('c');
  expect(store.getState().query).toBe('co');
});

test('a search another view hands over is taken, and not written back', async () => {
  const { store, services, requests } = searchWithFakes();
  await settled();
  services.query.set('fabrikam');
  expect(store.getState().query).toBe('fabrikam');
  expect(requests.map((r) => r.query)).toEqual(['fabrikam']);
  expect(services.query.setValue).not.toHaveBeenCalled();
});

test('a failed read says why, in the agent’s words; Retry asks again', async () => {
  const { store, requests, type, page } = searchWithFakes();
  await settled();
  type('co');
  requests[0].fail(new ApiError(503, null));
  await settled();
  expect(store.getState().results).toEqual({ kind: 'error', message: t('error.unavailable') });
  store.dispatch({ type: 'retried' });
  expect(requests.map((r) => r.query)).toEqual(['co', 'co']);
  requests[1].answer(page('contoso'));
  await settled();
  expect(optionsOf(store.getState()).map((o) => o.id)).toEqual(['contoso']);
});

test('choosing opens the customer through storage; its arrival ends the search', async () => {
  const { store, services, requests, type, page } = searchWithFakes('', 'c1');
  await settled();
  type('co');
  requests[0].answer(page('a', 'b'));
  await settled();
  store.dispatch({ type: 'chosen', id: 'b' });
  expect(services.customer.setValue).toHaveBeenCalledWith('b');
  await settled();
  expect(store.getState()).toMatchObject({ customerId: 'b', query: '', chosen: null });
  expect(services.query.setValue).toHaveBeenLastCalledWith('');
});

test('the active option’s customer is read ahead, the open one too, and again when a newer list shows it', async () => {
  const { store, services, requests, type, page } = searchWithFakes('', 'a');
  await settled();
  type('co');
  requests[0].answer(page('a', 'b'));
  await settled();
  // The open customer is read too: choosing it again reads it again, and this copy is newer than the list.
  expect(services.prefetch.mock.calls.map(([id]) => id)).toEqual(['a']);
  store.dispatch({ type: 'moved', step: 1 });
  expect(services.prefetch.mock.calls.map(([id]) => id)).toEqual(['a', 'b']);
  type('con');
  requests[1].answer(page('a', 'b'));
  await settled();
  // The same option active in a newer list: its copy must be read after that list was shown.
  const [, , last] = services.prefetch.mock.calls;
  expect(last[0]).toBe('a');
  expect(last[1]).toBeGreaterThanOrEqual(services.prefetch.mock.calls[0][1]);
});

test('the recent customers follow storage', async () => {
  const { store, services } = searchWithFakes();
  await settled();
  const recent = [{ id: 'r', companyName: 'Recent', domain: 'r.test' }];
  services.recent.set(recent);
  expect(optionsOf(store.getState())).toEqual(recent);
});

test('stopping aborts the request under way and stops following storage', async () => {
  const { store, services, requests, type, stop } = searchWithFakes();
  await settled();
  type('co');
  stop();
  expect(requests[0].signal.aborted).toBe(true);
  services.query.set('fabrikam');
  expect(store.getState().query).toBe('co');
});
