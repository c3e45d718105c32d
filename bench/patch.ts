/**
 * Durable PATCH latency: read the resource (not timed), then change a contact's first name and time the write.
 * Ours: `PATCH /customers/:id/profiles/billing` with `If-Match`. Stock json-server: `PATCH /customers/:id` with the
 * whole billing profile (its merge is shallow), which it persists by rewriting the database file.
 */
import type { Customer } from '@/domain/schemas';
import type { HttpClient } from './http-client';

export interface PatchRun {
  ms: number[];
  failures: number;
  /** Set when the API cannot take this write at all (e.g. the route is missing), instead of a number. */
  unavailable?: string;
}

const otherName = (name: string) => (name === 'Alex' ? 'Sam' : 'Alex');

/** Customers spread over the whole data set, each at most once while there are enough. */
function* spread(customers: readonly { id: string }[], count: number): Generator<{ id: string }> {
  const step = 7919; // a prime: walks every index before repeating unless the data set is a multiple of it
  for (let i = 0; i < count; i++) yield customers[(i * step) % customers.length];
}

/** `afterEach` runs between writes (untimed here): the bench times an fsync there, for a floor taken under the same disk load. */
export async function measureOurPatch(
  client: HttpClient,
  customers: readonly { id: string }[],
  writes: number,
  afterEach: () => void = () => {},
): Promise<PatchRun> {
  const run: PatchRun = { ms: [], failures: 0 };
  for (const customer of spread(customers, writes)) {
    const path = `/customers/${customer.id}/profiles/billing`;
    const read = await client.request('GET', path);
    const etag = read.headers.etag;
    if (read.status !== 200 || !etag) {
      run.unavailable = `GET ${path.replace(customer.id, ':id')} answered ${read.status}${etag ? '' : ' without an ETag'}`;
      return run;
    }
    const { firstName } = JSON.parse(read.body) as { firstName: string };
    const res = await client.request('PATCH', path, {
      body: { firstName: otherName(firstName) },
      headers: { 'If-Match': etag },
    });
    if (res.status === 200) run.ms.push(res.ms);
    else run.failures++;
    afterEach();
  }
  return run;
}

export async function measureStockPatch(
  client: HttpClient,
  customers: readonly { id: string }[],
  writes: number,
): Promise<PatchRun> {
  const run: PatchRun = { ms: [], failures: 0 };
  for (const customer of spread(customers, writes)) {
    const read = await client.request('GET', `/customers/${customer.id}`);
    const { billingProfile } = JSON.parse(read.body) as Customer;
    const res = await client.request('PATCH', `/customers/${customer.id}`, {
      body: { billingProfile: { ...billingProfile, firstName: otherName(billingProfile.firstName) } },
    });
    if (res.status === 200) run.ms.push(res.ms);
    else run.failures++;
  }
  return run;
}
