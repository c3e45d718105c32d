/**
 * A vitest file against the mock API, in-process: one server for the file, the same data again before every test.
 * Copy it into your project after `npm install --save-dev customer-desk-mock-api vitest`; run it with `npx vitest`.
 */
import { type RunningMockApi, startMockApi } from 'customer-desk-mock-api';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';

let api: RunningMockApi;
const headers = { 'X-Partner-Role': 'admin-agent', 'Content-Type': 'application/json' };
const get = (path: string) => fetch(`${api.url}${path}`, { headers });

beforeAll(async () => {
  api = await startMockApi({ seed: 20 }); // a free port and a temporary database, removed by close()
});
afterAll(() => api.close());
beforeEach(() => api.reset()); // the 20 customers as seeded; the request journal and fault rules emptied

/** The first customer's billing profile: its address and its ETag, which every write sends back as If-Match. */
async function firstBillingProfile() {
  const [customer] = await (await get('/customers?_limit=1')).json();
  const url = `/customers/${customer.id}/profiles/billing`;
  const read = await get(url);
  return { url, etag: read.headers.get('ETag')!, profile: await read.json() };
}

const patch = (url: string, etag: string, body: unknown) =>
  fetch(`${api.url}${url}`, { method: 'PATCH', headers: { ...headers, 'If-Match': etag }, body: JSON.stringify(body) });

test('a save with the current ETag changes the profile', async () => {
  const { url, etag } = await firstBillingProfile();
  expect((await patch(url, etag, { firstName: 'Ann' })).status).toBe(200);
  expect((await (await get(url)).json()).firstName).toBe('Ann');
});

test('a save with a stale ETag is refused and changes nothing', async () => {
  const { url, etag, profile } = await firstBillingProfile();
  await patch(url, etag, { firstName: 'Ann' });
  const stale = await patch(url, etag, { firstName: 'Bob' });
  expect(stale.status).toBe(412);
  expect((await stale.json()).error.code).toBe('etag-mismatch');
  expect((await (await get(url)).json()).firstName).toBe('Ann');
  expect(profile.firstName).not.toBe('Ann'); // the seed's name, which reset() brings back for the next test
});

test('every test starts from the seeded data', async () => {
  const { profile } = await firstBillingProfile();
  expect(profile.firstName).not.toBe('Ann');
  expect((await get('/customers')).headers.get('X-Total-Count')).toBe('20');
});
