import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';

let api: InProcessApi;
let ids: string[];

beforeAll(async () => {
  api = await startApi({ seed: 30 });
  ids = (await api.call('/customers?_limit=30')).body.map((c: { id: string }) => c.id);
});
afterAll(() => api?.stop());

const billing = (id: string) => `/customers/${id}/profiles/billing`;

test('every read carries a quoted ETag equal to the embedded etag', async () => {
  const customer = await api.call(`/customers/${ids[0]}`);
  expect(customer.headers.get('ETag')).toMatch(/^"[^"]+"$/);
  for (const [path, key] of [
    ['profiles/billing', 'billingProfile'],
    ['profiles/company', 'companyProfile'],
    ['purchasePermission', 'purchasePermission'],
  ]) {
    const res = await api.call(`/customers/${ids[0]}/${path}`);
    expect(res.headers.get('ETag')).toMatch(/^"[^"]+"$/);
    expect(res.headers.get('ETag')).toBe(res.body.etag);
    expect(customer.body[key].etag).toBe(res.body.etag);
  }
});

test('a write without If-Match is 428 and changes nothing', async () => {
  const before = await api.call(billing(ids[1]));
  const res = await api.call(billing(ids[1]), { method: 'PATCH', body: { firstName: 'Nope' } });
  expect(res.status).toBe(428);
  expect(res.body.error.code).toBe('precondition-required');
  expect((await api.call(billing(ids[1]))).body).toEqual(before.body);
});

test('a stale If-Match is 412 with the current resource and its ETag', async () => {
  const first = await api.call(billing(ids[2]));
  const etag = first.headers.get('ETag')!;
  const won = await api.call(billing(ids[2]), { method: 'PATCH', body: { firstName: 'First' }, ifMatch: etag });
  expect(won.status).toBe(200);
  expect(won.headers.get('ETag')).not.toBe(etag);
  expect(won.body.etag).toBe(won.headers.get('ETag'));
  const lost = await api.call(billing(ids[2]), { method: 'PATCH', body: { firstName: 'Second' }, ifMatch: etag });
  expect(lost.status).toBe(412);
  expect(lost.body.error.code).toBe('etag-mismatch');
  expect(lost.body.current).toEqual(won.body);
  expect(lost.headers.get('ETag')).toBe(won.body.etag);
  expect((await api.call(billing(ids[2]))).body.firstName).toBe('First');
});

test('ETags are per resource: saving billing does not stale the company form', async () => {
  const company = await api.call(`/customers/${ids[3]}/profiles/company`);
  const bill = await api.call(billing(ids[3]));
  expect(
    (await api.call(billing(ids[3]), { method: 'PATCH', body: { lastName: 'Changed' }, ifMatch: bill.body.etag }))
      .status,
  ).toBe(200);
  const res = await api.call(`/customers/${ids[3]}/profiles/company`, {
    method: 'PATCH',
    body: { companyName: 'Still fresh' },
    ifMatch: company.body.etag,
  });
  expect(res.status).toBe(200);
  expect(res.body.companyName).toBe('Still fresh');
});

test('twenty clients racing with the same ETag: exactly one wins, the rest get 412', async () => {
  const etag = (await api.call(billing(ids[4]))).body.etag;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      api.call(billing(ids[4]), { method: 'PATCH', body: { firstName: `Racer ${n}` }, ifMatch: etag }),
    ),
  );
  const statuses = results.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 412)).toHaveLength(19);
  const winner = results.find((r) => r.status === 200)!;
  expect((await api.call(billing(ids[4]))).body.firstName).toBe(winner.body.firstName);
  const audit = await api.call(`/customers/${ids[4]}/auditLog`);
  expect(audit.body).toHaveLength(1);
});

test('an unchanged write keeps the ETag and adds no audit entry', async () => {
  const read = await api.call(billing(ids[5]));
  const res = await api.call(billing(ids[5]), {
    method: 'PATCH',
    body: { firstName: read.body.firstName },
    ifMatch: read.body.etag,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('ETag')).toBe(read.body.etag);
  expect((await api.call(`/customers/${ids[5]}/auditLog`)).body).toEqual([]);
});
