/**
 * Run by mock-api-package.test.ts inside a project that installed the packed package, as a tester's plain Node
 * script would use it: start, search, a write with If-Match, reset, close. Prints what it saw as one JSON line.
 */
import { startMockApi } from 'customer-desk-mock-api';

const api = await startMockApi({ seed: 100 });
const headers = { 'X-Partner-Role': 'admin-agent', 'Content-Type': 'application/json' };
const call = (path, init = {}) => fetch(`${api.url}${path}`, { ...init, headers: { ...headers, ...init.headers } });

const list = await call('/customers?_limit=1');
const [first] = await list.json();
const word = first.companyProfile.companyName.split(/\s+/)[0];
const search = await (await call(`/customers?q=${encodeURIComponent(word)}&_limit=100`)).json();
const billing = `/customers/${first.id}/profiles/billing`;
const read = await call(billing);
const before = (await read.json()).firstName;
const patch = (etag) => call(billing, { method: 'PATCH', headers: { 'If-Match': etag }, body: '{"firstName":"Ann"}' });
const write = await patch(read.headers.get('ETag'));
const stale = await patch(read.headers.get('ETag'));
const written = (await (await call(billing)).json()).firstName;
const reset = await api.reset();
const afterReset = (await (await call(billing)).json()).firstName;
await api.close();
const closed = await fetch(`${api.url}/health`).then(
  () => 'answered',
  () => 'refused',
);
console.log(
  JSON.stringify({
    url: api.url,
    total: list.headers.get('X-Total-Count'),
    searchFound: search.some((c) => c.id === first.id),
    writeStatus: write.status,
    staleStatus: stale.status,
    before,
    written,
    reset,
    afterReset,
    closed,
  }),
);
