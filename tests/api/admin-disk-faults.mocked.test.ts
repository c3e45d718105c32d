/**
 * When the disk refuses, reset, import and writes to the other collections answer like any write: 507
 * `storage-full` or 503 `storage-error`, with nothing changed, and they work again once the disk does.
 * (Injected failures; disk-full.test.ts fills a real small disk.)
 */
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { expect, type Mock, test, vi } from 'vitest';
import { withApi } from '../helpers/fixtures';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, copyFileSync: vi.fn(real.copyFileSync), writeFileSync: vi.fn(real.writeFileSync) };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, open: vi.fn(real.open) };
});

const failOnce = (fn: unknown, code: string) =>
  (fn as Mock).mockImplementationOnce(() => {
    throw Object.assign(new Error(`${code}: injected`), { code });
  });

const desk = withApi({ seed: 6 });

const exported = async () => (await desk.api.call('/__admin/export', { role: null })).body;

async function rename(firstName: string) {
  const path = `/customers/${desk.id}/profiles/billing`;
  const read = await desk.api.call(path);
  expect((await desk.api.call(path, { method: 'PATCH', body: { firstName }, ifMatch: read.body.etag })).status).toBe(
    200,
  );
}

test('reset: 507 on a full disk, 503 on an I/O error, nothing changed; then it resets', async () => {
  await rename('Kept');
  const before = await exported();
  for (const [code, status, errorCode] of [
    ['ENOSPC', 507, 'storage-full'],
    ['EIO', 503, 'storage-error'],
  ] as const) {
    failOnce(fs.copyFileSync, code);
    const res = await desk.api.call('/__admin/reset', { method: 'POST', role: null });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(errorCode);
    expect(await exported()).toEqual(before);
  }
  expect((await desk.api.call('/__admin/reset', { method: 'POST', role: null })).status).toBe(200);
  expect((await exported()).customers[0].billingProfile.firstName).not.toBe('Kept');
});

test('import: 507 when the new snapshot cannot be written, or the collections cannot be staged; nothing changed', async () => {
  const before = await exported();
  const data = { customers: before.customers.slice(0, 2), orders: [{ id: 1 }] };
  vi.mocked(fsPromises.open).mockRejectedValueOnce(Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' }));
  const refused = await desk.api.call('/__admin/import', { method: 'POST', role: null, body: data });
  expect(refused.status).toBe(507);
  expect(await exported()).toEqual(before);
  failOnce(fs.writeFileSync, 'ENOSPC');
  expect((await desk.api.call('/__admin/import', { method: 'POST', role: null, body: data })).status).toBe(507);
  expect(await exported()).toEqual(before);
  expect((await desk.api.call('/orders')).status).toBe(404);

  expect((await desk.api.call('/__admin/import', { method: 'POST', role: null, body: data })).status).toBe(200);
  expect((await desk.api.call('/customers')).body).toHaveLength(2);
});

test('a write to another collection: 507, the collection as it was; then it is written', async () => {
  const before = (await desk.api.call('/orders')).body;
  failOnce(fs.writeFileSync, 'ENOSPC');
  const refused = await desk.api.call('/orders', { method: 'POST', body: { id: 2 } });
  expect(refused.status).toBe(507);
  expect(refused.body.error.code).toBe('storage-full');
  expect((await desk.api.call('/orders')).body).toEqual(before);
  expect((await desk.api.call('/orders', { method: 'POST', body: { id: 2 } })).status).toBe(201);
  expect((await desk.api.call('/orders')).body).toEqual([...before, { id: 2 }]);
});
