import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { type RunningMockApi, startMockApi } from '@/mock-api/index';

let api: RunningMockApi;
const headers = { 'X-Partner-Role': 'admin-agent', 'Content-Type': 'application/json' };
const post = (path: string, body: unknown) =>
  fetch(`${api.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

beforeAll(async () => {
  api = await startMockApi({ seed: 20 }); // a free port and a temporary database, removed by close()
});
afterAll(() => api.close());
beforeEach(() => api.reset()); // the 20 customers again; the journal and the fault rules emptied

test('a save refused with 503 is sent again, with the same If-Match', async () => {
  // 1. The data this test needs: one customer, renamed (GET /__admin/export gives whole customers to start from).
  const { customers } = await (await fetch(`${api.url}/__admin/export`)).json();
  const contoso = { ...customers[0], companyProfile: { ...customers[0].companyProfile, companyName: 'Contoso' } };
  expect((await post('/__admin/import', { customers: [contoso] })).status).toBe(200);

  // 2. A fault: the next PATCH of any billing profile answers 503.
  await post('/__admin/faults', { method: 'PATCH', path: '/customers/*/profiles/billing', status: 503, times: 1 });

  // 3. The call: in your suite, the client under test does this.
  const billing = `${api.url}/customers/${contoso.id}/profiles/billing`;
  const etag = (await fetch(billing, { headers })).headers.get('ETag')!;
  const save = () =>
    fetch(billing, { method: 'PATCH', headers: { ...headers, 'If-Match': etag }, body: '{"firstName":"Ann"}' });
  expect((await save()).status).toBe(503);
  expect((await save()).status).toBe(200);

  // 4. The journal: what the client sent, newest first.
  const { requests } = await (await fetch(`${api.url}/__admin/requests?method=PATCH`)).json();
  expect(requests.map((r: { status: number }) => r.status)).toEqual([200, 503]);
  for (const sent of requests) {
    expect(sent.headers['if-match']).toBe(etag);
    expect(sent.body).toEqual({ firstName: 'Ann' });
  }
});
