/**
 * Collections a fixture file adds beside customers and the audit log, served by json-server's own router: its
 * query language, under the API's host, origin, role and fault rules, durable, exported, imported and reset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { seedCustomers } from '@/mock-api/store/seed/seed';

const dir = mkdtempSync(join(tmpdir(), 'customer-desk-collections-'));
const dbPath = join(dir, 'db.json');
const customers = seedCustomers(2, 9);
const subscriptions = [
  { id: 1, customerId: customers[0].id, offer: 'Azure plan', seats: 10 },
  { id: 2, customerId: customers[0].id, offer: 'Microsoft 365 E3', seats: 250 },
  { id: 3, customerId: customers[1].id, offer: 'Microsoft 365 E5', seats: 40 },
  { id: 4, customerId: customers[1].id, offer: 'Dynamics (a+)+$', seats: 5 },
];
const orders = [
  { id: 'o1', subscriptionId: 2, quantity: 50 },
  { id: 'o2', subscriptionId: 2, quantity: 200 },
  { id: 'o3', subscriptionId: 3, quantity: 40 },
];
let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ dbPath, fixtures: { customers, subscriptions, orders } });
});
afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const offers = (items: { offer: string }[]) => items.map((s) => s.offer);

test("json-server's query language: filters, _sort/_order, _gte/_lte/_ne, q, _embed, _expand, nested routes", async () => {
  expect((await api.call('/subscriptions')).body).toEqual(subscriptions);
  expect(offers((await api.call(`/subscriptions?customerId=${customers[1].id}`)).body)).toEqual([
    'Microsoft 365 E5',
    'Dynamics (a+)+$',
  ]);
  expect(offers((await api.call('/subscriptions?_sort=seats&_order=desc')).body)).toEqual([
    'Microsoft 365 E3',
    'Microsoft 365 E5',
    'Azure plan',
    'Dynamics (a+)+$',
  ]);
  expect(
    (await api.call('/subscriptions?seats_gte=40&seats_lte=250&id_ne=2')).body.map((s: { id: number }) => s.id),
  ).toEqual([3]);
  expect(offers((await api.call('/subscriptions?q=e5')).body)).toEqual(['Microsoft 365 E5']);
  const embedded = (await api.call('/subscriptions/2?_embed=orders')).body;
  expect(embedded.orders.map((o: { id: string }) => o.id)).toEqual(['o1', 'o2']);
  expect((await api.call('/orders/o3?_expand=subscription')).body.subscription.offer).toBe('Microsoft 365 E5');
  expect((await api.call('/subscriptions/2/orders')).body.map((o: { id: string }) => o.id)).toEqual(['o1', 'o2']);
});

test("json-server's paging: X-Total-Count and Link, as for /customers", async () => {
  const page = await api.call('/subscriptions?_page=2&_limit=1');
  expect(page.body.map((s: { id: number }) => s.id)).toEqual([2]);
  expect(page.headers.get('X-Total-Count')).toBe('4');
  const link = page.headers.get('Link')!;
  for (const rel of ['first', 'prev', 'next', 'last']) expect(link).toContain(`rel="${rel}"`);
  expect(link).toContain('_page=4');
});

test('_like matches its text literally (a substring, case ignored): (a+)+$ neither stalls the server nor acts as a pattern', async () => {
  const evil = `${'a'.repeat(40)}!`;
  await api.call('/subscriptions', { method: 'POST', body: { id: 99, customerId: customers[0].id, offer: evil } });
  const started = performance.now();
  const res = await api.call(`/subscriptions?offer_like=${encodeURIComponent('(a+)+$')}`);
  expect(performance.now() - started).toBeLessThan(2000);
  expect(offers(res.body)).toEqual(['Dynamics (a+)+$']);
  expect(offers((await api.call('/subscriptions?offer_like=microsoft%20365')).body)).toHaveLength(2);
  expect((await api.call('/subscriptions?offer_like=.*')).body).toEqual([]);
  await api.call('/subscriptions/99', { method: 'DELETE' });
});

test('roles: any known role reads, writing needs a role that may edit; none is 401', async () => {
  expect((await api.call('/orders', { role: 'billing-admin' })).status).toBe(200);
  expect((await api.call('/orders', { role: null })).status).toBe(401);
  const denied = await api.call('/orders', { role: 'helpdesk-agent', method: 'POST', body: { quantity: 1 } });
  expect(denied.status).toBe(403);
  expect(denied.body.error.message).toContain('Helpdesk agent');
  const added = await api.call('/orders', {
    role: 'sales-agent',
    method: 'POST',
    body: { subscriptionId: 1, quantity: 3 },
  });
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({ subscriptionId: 1, quantity: 3, id: expect.anything() });
  expect(added.headers.get('Location')).toContain(`/orders/${added.body.id}`);
  const changed = await api.call(`/orders/${added.body.id}`, { method: 'PATCH', body: { quantity: 4 } });
  expect(changed.body).toMatchObject({ id: added.body.id, quantity: 4, subscriptionId: 1 });
  const replaced = await api.call(`/orders/${added.body.id}`, { method: 'PUT', body: { quantity: 5 } });
  expect(replaced.body).toEqual({ id: added.body.id, quantity: 5 });
  expect((await api.call(`/orders/${added.body.id}`, { method: 'DELETE' })).status).toBe(200);
  expect((await api.call(`/orders/${added.body.id}`)).status).toBe(404);
});

test('bad writes: unknown id 404 (before the body), not JSON 415, malformed 400; nothing changes', async () => {
  const before = (await api.call('/orders')).body;
  const unknown = await api.call('/orders/nope', {
    method: 'PATCH',
    raw: 'x',
    headers: { 'Content-Type': 'text/plain' },
  });
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.code).toBe('not-found');
  expect(
    (await api.call('/orders', { method: 'POST', raw: 'x', headers: { 'Content-Type': 'text/plain' } })).status,
  ).toBe(415);
  expect(
    (await api.call('/orders', { method: 'POST', raw: '{', headers: { 'Content-Type': 'application/json' } })).status,
  ).toBe(400);
  expect(
    (
      await api.call('/orders', {
        method: 'POST',
        raw: '{"constructor":{}}',
        headers: { 'Content-Type': 'application/json' },
      })
    ).status,
  ).toBe(400);
  expect((await api.call('/orders')).body).toEqual(before);
});

test('fault rules apply to them too', async () => {
  await api.call('/__admin/faults', {
    method: 'POST',
    role: null,
    body: { path: '/subscriptions/*', status: 503, times: 1 },
  });
  expect((await api.call('/subscriptions/1')).status).toBe(503);
  expect((await api.call('/subscriptions/1')).status).toBe(200);
});

test('reset goes back to the fixture; writes are durable: a restart keeps them, and export has them', async () => {
  await api.reset();
  expect((await api.call('/orders')).body).toEqual(orders);
  expect((await api.call('/subscriptions')).body).toEqual(subscriptions);
  const added = (await api.call('/orders', { method: 'POST', body: { id: 'kept', subscriptionId: 3, quantity: 7 } }))
    .body;
  await api.stop();
  api = await startApi({ dbPath });
  expect((await api.call('/orders/kept')).body).toEqual(added);
  const exported = (await api.call('/__admin/export', { role: null })).body;
  expect(exported.orders).toEqual([...orders, added]);
  expect(exported.subscriptions).toEqual(subscriptions);
});
