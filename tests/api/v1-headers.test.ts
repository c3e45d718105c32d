import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Customer } from '@/domain/schemas';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';

let api: InProcessApi;
let admin: string;
let global: string;
let customers: Customer[];

beforeAll(async () => {
  api = await startApi({ seed: 30 });
  admin = (await signIn(api.url, 'adminagent@partner.test')).access_token;
  global = (await signIn(api.url, 'globaladmin@partner.test')).access_token;
  customers = (await wholeCustomers(api, 30)).filter(
    (c: Customer) => !c.purchasePermission.azureReservations && !c.purchasePermission.azureSavingsPlans,
  );
});
afterAll(() => api?.stop());

const auditCount = async (id: string) => (await api.call(`/customers/${id}/auditLog`)).body.length;
const billing = (id: string) => `/v1/customers/${id}/profiles/billing`;

test('MS-CorrelationId is echoed and MS-RequestId answered, on success and on error; X-Locale is accepted', async () => {
  const headers = { 'MS-CorrelationId': 'corr-1', 'MS-RequestId': 'req-1', 'X-Locale': 'ru-RU' };
  const ok = await pc(api.url, admin, '/v1/customers?size=1', { headers });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('MS-CorrelationId')).toBe('corr-1');
  expect(ok.headers.get('MS-RequestId')).toBe('req-1');
  const error = await pc(api.url, admin, '/v1/customers?size=-1', { headers });
  expect(error.headers.get('MS-CorrelationId')).toBe('corr-1');
  expect(error.body.description).toMatch(/^Invalid request input/); // descriptions stay English
  const unauthenticated = await pc(api.url, null, '/v1/customers', { headers });
  expect(unauthenticated.headers.get('MS-CorrelationId')).toBe('corr-1');
  const made = await pc(api.url, admin, '/v1/customers?size=1');
  expect(made.headers.get('MS-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
});

test('a retried PUT with the same MS-RequestId answers the first result again and writes nothing', async () => {
  const c = customers[0];
  const current = (await pc(api.url, admin, billing(c.id))).body;
  const send = (token = admin, requestId = 'put-1') =>
    pc(api.url, token, billing(c.id), {
      method: 'PUT',
      body: { ...current, firstName: 'Once' },
      headers: { 'MS-RequestId': requestId },
    });
  const first = await send();
  expect(first.status).toBe(200);
  const audited = await auditCount(c.id);
  const retry = await send();
  expect(retry.status).toBe(200);
  expect(retry.body).toEqual(first.body);
  expect(await auditCount(c.id)).toBe(audited);
  // Another user, or another request id, is another call: the stale etag shows.
  expect((await send(global)).body.code).toBe('2055');
  expect((await send(admin, 'put-2')).body.code).toBe('2055');
  expect(await auditCount(c.id)).toBe(audited);
});

test('a failed first attempt is not kept: the retry with a corrected body runs', async () => {
  const c = customers[1];
  const current = (await pc(api.url, admin, billing(c.id))).body;
  const headers = { 'MS-RequestId': 'fix-1' };
  const bad = await pc(api.url, admin, billing(c.id), { method: 'PUT', body: { ...current, email: 'bad' }, headers });
  expect(bad.status).toBe(400);
  const good = await pc(api.url, admin, billing(c.id), {
    method: 'PUT',
    body: { ...current, email: 'good@example.com' },
    headers,
  });
  expect(good.status).toBe(200);
  expect(good.body.email).toBe('good@example.com');
});

test('retried POST and DELETE of a policy answer 201 and 204 again, not 409 and 404', async () => {
  const c = customers[2];
  const body = {
    selfServeEntity: { selfServeEntityType: 'customer', tenantID: c.id },
    permissions: [{ resource: 'AzureReservedInstances', action: 'Purchase' }],
  };
  const post = () =>
    pc(api.url, admin, '/v1/SelfServePolicy', { method: 'POST', body, headers: { 'MS-RequestId': 'post-1' } });
  const [first, second] = [await post(), await post()];
  expect([first.status, second.status]).toEqual([201, 201]);
  expect(second.body).toEqual(first.body);
  expect(await auditCount(c.id)).toBe(1);
  const del = () =>
    pc(api.url, admin, `/v1/SelfServePolicy/${first.body.id}`, {
      method: 'DELETE',
      headers: { 'MS-RequestId': 'del-1' },
    });
  expect([(await del()).status, (await del()).status]).toEqual([204, 204]);
  expect(await auditCount(c.id)).toBe(2);
  const fresh = await pc(api.url, admin, `/v1/SelfServePolicy/${first.body.id}`, {
    method: 'DELETE',
    headers: { 'MS-RequestId': 'del-2' },
  });
  expect(fresh.status).toBe(404);
});

test('two identical writes at once: one write, both answered with its result', async () => {
  const c = customers[3];
  const current = (await pc(api.url, admin, billing(c.id))).body;
  const send = () =>
    pc(api.url, admin, billing(c.id), {
      method: 'PUT',
      body: { ...current, lastName: 'Racer' },
      headers: { 'MS-RequestId': 'race-1' },
    });
  const [a, b] = await Promise.all([send(), send()]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(a.body).toEqual(b.body);
  expect(await auditCount(c.id)).toBe(1);
});
