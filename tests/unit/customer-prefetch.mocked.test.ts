import { beforeEach, expect, test, vi } from 'vitest';
import type { Customer } from '@/domain/schemas';
import { prefetchCustomer, takePrefetched } from '@/services/customer-prefetch';
import { customerChangedItem } from '@/services/storage';

const customer = vi.fn(async (id: string) => ({ id }) as Customer);
vi.mock('@/services/backends', () => ({ currentBackend: async () => ({ customer }) }));

beforeEach(() => {
  customer.mockClear();
  takePrefetched(''); // nothing kept from the test before
});

test('the active option is read once, and Enter takes that read', async () => {
  prefetchCustomer('a', 1000);
  prefetchCustomer('a', 2000); // the same option again: no second request
  await expect(takePrefetched('a', 3000)).resolves.toEqual({ id: 'a' });
  expect(customer).toHaveBeenCalledTimes(1);
});

test('taken once: the next open of the same customer reads afresh', () => {
  prefetchCustomer('a', 1000);
  expect(takePrefetched('a', 1000)).not.toBeNull();
  expect(takePrefetched('a', 1000)).toBeNull();
});

test('only the last active option is kept', () => {
  prefetchCustomer('a', 1000);
  prefetchCustomer('b', 1100);
  expect(takePrefetched('a', 1200)).toBeNull();
  prefetchCustomer('b', 1100);
  expect(takePrefetched('b', 1200)).not.toBeNull();
});

test('a read older than five seconds is not used, and a later prefetch of it asks again', async () => {
  prefetchCustomer('a', 1000);
  expect(takePrefetched('a', 6000)).toBeNull();
  prefetchCustomer('a', 1000);
  prefetchCustomer('a', 6000);
  await new Promise((settled) => setTimeout(settled)); // the backend is asked once it is known
  expect(customer).toHaveBeenCalledTimes(3);
  expect(takePrefetched('a', 6000)).not.toBeNull();
});

test('a failed prefetch is no unhandled rejection; the page falls back to its own read', async () => {
  customer.mockRejectedValueOnce(new Error('offline'));
  prefetchCustomer('a', 1000);
  const taken = takePrefetched('a', 1000)!;
  await expect(taken.catch(async () => ({ id: 'read again' }))).resolves.toEqual({ id: 'read again' });
});

test('a change another view announces drops the copy of that customer only', async () => {
  prefetchCustomer('a', 1000);
  await customerChangedItem.setValue({ id: 'b', at: 1100 });
  expect(takePrefetched('a', 1200)).not.toBeNull();
  prefetchCustomer('a', 1300);
  await customerChangedItem.setValue({ id: 'a', at: 1400 });
  expect(takePrefetched('a', 1500)).toBeNull();
});

test('a copy asked for before the list offering the customer appeared does not count: it is read again', async () => {
  prefetchCustomer('a', 1000, 1000);
  prefetchCustomer('a', 1500, 1400); // a newer list shows it: the copy of 1000 may be older than that list
  prefetchCustomer('a', 1600, 1400); // the same list again: the copy of 1500 is newer than it
  await new Promise((settled) => setTimeout(settled)); // the backend is asked once it is known
  expect(customer).toHaveBeenCalledTimes(2);
  expect(takePrefetched('a', 1700)).not.toBeNull();
});
