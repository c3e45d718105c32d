/**
 * `/__admin/reset`, `/__admin/export`, `/__admin/import` and `--fixtures`: all the data at once, as plain JSON,
 * checked with the domain's schemas, all or nothing, durable.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Customer } from '@/domain/schemas';
import { type InProcessApi, startApi } from '@/harness/mock-api';

const dir = mkdtempSync(join(tmpdir(), 'customer-desk-admin-'));
let api: InProcessApi;
let started: { customers: Customer[] };

beforeAll(async () => {
  api = await startApi({ seed: 12, dbPath: join(dir, 'db.json') });
  started = (await api.call('/__admin/export', { role: null })).body;
});
afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const billing = (id: string) => `/customers/${id}/profiles/billing`;

async function rename(id: string, firstName: string, target = api) {
  const read = await target.call(billing(id));
  const res = await target.call(billing(id), { method: 'PATCH', body: { firstName }, ifMatch: read.body.etag });
  expect(res.status).toBe(200);
  return res.body;
}

const exported = async (target = api) => (await target.call('/__admin/export', { role: null })).body;
/** POST /__admin/import of `body`, or of raw text as `type`. */
const importing = (body: unknown, type?: string) =>
  api.call('/__admin/import', {
    method: 'POST',
    role: null,
    ...(type ? { raw: String(body), headers: { 'Content-Type': type } } : { body }),
  });

/** A small hand-written fixture: two customers (one Russian), an audit entry, and another collection. */
function fixture() {
  const [us, ru] = [
    started.customers.find((c) => c.billingProfile.defaultAddress.country === 'US')!,
    started.customers.find((c) => c.billingProfile.defaultAddress.country === 'RU')!,
  ].map((c) => structuredClone(c));
  us.companyProfile.companyName = 'Fixture Works';
  return {
    customers: [us, ru],
    auditLog: [
      {
        id: 'anything',
        customerId: us.id,
        at: '2026-01-02T03:04:05.000Z',
        role: 'admin-agent',
        action: 'Update company profile',
        changes: { companyName: { before: 'Old', after: 'Fixture Works' } },
      },
    ],
    orders: [{ id: 1, customerId: us.id, total: 12 }],
  };
}

test('export: every customer as GET /customers/{id} shows it, the audit log, and no other collection yet', async () => {
  expect(Object.keys(started)).toEqual(['customers', 'auditLog']);
  expect(started.customers).toHaveLength(12);
  const one = (await api.call(`/customers/${started.customers[3].id}`)).body;
  expect(started.customers[3]).toEqual(one);
});

test('reset: back to the state the server started from, durably; the journal and the fault rules are emptied', async () => {
  const id = started.customers[0].id;
  await rename(id, 'Changed');
  await api.call('/__admin/faults', { role: null, method: 'POST', body: { path: '/nowhere', status: 500 } });
  const reset = await api.call('/__admin/reset', { method: 'POST', role: null });
  expect(reset.status).toBe(200);
  expect(reset.body).toEqual({ customers: 12 });
  expect(await exported()).toEqual(started);
  expect((await api.call('/__admin/requests', { role: null })).body).toEqual({ total: 0, requests: [] });
  expect((await api.call('/__admin/faults', { role: null })).body).toEqual({ faults: [] });

  // After a restart too: the reset was on disk before its answer.
  await rename(id, 'Before the restart');
  await api.reset();
  await api.stop();
  api = await startApi({ dbPath: join(dir, 'db.json') });
  expect(await exported()).toEqual(started);
});

test('import replaces everything: fresh ETags (an old one is 412), fresh audit ids, other collections served; reset goes back to the start, not the import', async () => {
  const data = fixture();
  const [us] = data.customers;
  const oldEtag = (await api.call(billing(us.id))).headers.get('ETag')!;
  const res = await importing(data);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ customers: 2, auditLog: 1, collections: { orders: 1 } });

  expect((await api.call('/customers?_limit=50')).body.map((c: Customer) => c.id).sort()).toEqual(
    data.customers.map((c) => c.id).sort(),
  );
  const now = (await api.call(billing(us.id))).body;
  expect(now.etag).not.toBe(us.billingProfile.etag);
  expect(now.etag).not.toBe(oldEtag);
  const stale = await api.call(billing(us.id), { method: 'PATCH', body: { firstName: 'Late' }, ifMatch: oldEtag });
  expect(stale.status).toBe(412);
  const log = (await api.call(`/customers/${us.id}/auditLog`)).body;
  expect(log).toHaveLength(1);
  expect(log[0].id).not.toBe('anything');
  expect(log[0]).toMatchObject({ action: 'Update company profile', at: '2026-01-02T03:04:05.000Z' });
  expect((await api.call('/orders')).body).toEqual(data.orders);
  const back = await exported();
  expect(back.orders).toEqual(data.orders);
  expect(back.customers[0].companyProfile.companyName).toBe('Fixture Works');

  // A second import of the export is the same data again (with fresh ETags).
  expect((await importing(back)).status).toBe(200);
  const again = await exported();
  expect(again.customers.map((c: Customer) => c.companyProfile.companyName)).toEqual(
    back.customers.map((c: Customer) => c.companyProfile.companyName),
  );

  await api.reset();
  expect(await exported()).toEqual(started);
  expect((await api.call('/orders')).status).toBe(404);
});

test('a bad import is refused whole, each problem by its path, and changes nothing', async () => {
  const before = await exported();
  const data = fixture();
  data.customers.push(structuredClone(data.customers[0])); // the same id twice
  (data.customers[1].billingProfile as { email: string }).email = 'not an email';
  (data.customers[0] as Record<string, unknown>).nickname = 'Co';
  data.auditLog[0].customerId = '00000000-0000-4000-8000-000000000000';
  const res = await importing({ ...data, 'bad name': [] });
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('validation');
  expect(res.body.error.fields).toEqual({
    'customers.0.nickname': 'Unknown field.',
    'customers.1.billingProfile.email': expect.stringMatching(/email/),
    'customers.2.id': 'customers.0 has this id too.',
    'auditLog.0.customerId': 'No customer in this file has this id.',
    'bad name': expect.stringMatching(/collection name/),
  });
  expect((await importing({ auditLog: [] })).body.error.fields).toEqual({ customers: 'This field is required.' });
  expect((await importing({ customers: [], customersX: 3 })).body.error.fields).toEqual({
    customersX: 'A collection is a list of objects.',
  });

  const notJson = await importing('{"customers": [', 'application/json');
  expect(notJson.status).toBe(400);
  expect(notJson.body.error.code).toBe('malformed-json');
  const notObject = await importing([1]);
  expect(notObject.status).toBe(400);
  const text = await importing('customers', 'text/plain');
  expect(text.status).toBe(415);
  expect(await exported()).toEqual(before);
});

test('an import over 256 MiB is refused by its Content-Length, before it is read', async () => {
  const before = await exported();
  const status = await new Promise<number>((done, fail) => {
    const req = request(`${api.url}/__admin/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(256 * 1024 * 1024 + 1) },
    });
    req.on('response', (res) => {
      res.resume();
      done(res.statusCode!);
      req.destroy();
    });
    req.on('error', fail);
    req.write('{"customers":[');
  });
  expect(status).toBe(413);
  expect(await exported()).toEqual(before);
});

test('--fixtures: a server starts from a fixture; its reset goes back to it', async () => {
  const data = fixture();
  const fixed = await startApi({ fixtures: data });
  try {
    expect((await fixed.call('/health')).body.customers).toBe(2);
    await rename(data.customers[0].id, 'Changed', fixed);
    await fixed.call(`/orders/1`, { method: 'PATCH', body: { total: 99 } });
    await fixed.reset();
    const back = await exported(fixed);
    expect(back.customers.map((c: Customer) => c.companyProfile.companyName)).toEqual(
      data.customers.map((c) => c.companyProfile.companyName),
    );
    expect(back.orders).toEqual(data.orders);
  } finally {
    await fixed.stop();
  }
  await expect(startApi({ fixtures: { customers: [{ id: 'x' }] } })).rejects.toThrow(/customers\.0\.id/);
});

test('reset of a database loaded with journal entries: back to it as loaded, writes of the earlier run included', async () => {
  const dbPath = join(dir, 'journaled.json');
  const first = await startApi({ seed: 4, dbPath });
  const id = (await first.call('/customers?_limit=1')).body[0].id;
  await rename(id, 'From the first run', first);
  await first.stop();
  const second = await startApi({ dbPath });
  try {
    const loaded = await exported(second);
    await rename(id, 'From the second run', second);
    expect((await second.reset()).customers).toBe(4);
    expect(await exported(second)).toEqual(loaded);
    expect((await second.call(billing(id))).body.firstName).toBe('From the first run');
  } finally {
    await second.stop();
  }
});
