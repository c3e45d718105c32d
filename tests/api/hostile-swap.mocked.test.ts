/**
 * Reset and import are all or nothing: each step of the swap (data-swap.ts) is made to fail in turn, and each time
 * the data, the files and the running server are as before — the export unchanged, writes still work, nothing
 * left beside the database, and a restart loads the old data. (On main, a failure after the store was closed left
 * the server answering 500 and the next start without its customers.)
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { CollectionsRoute } from '@/mock-api/collections/collections-route';
import { Snapshot } from '@/mock-api/store/snapshot';
import { Store } from '@/mock-api/store/store';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    writeFileSync: vi.fn(real.writeFileSync),
    renameSync: vi.fn(real.renameSync),
    linkSync: vi.fn(real.linkSync),
    copyFileSync: vi.fn(real.copyFileSync),
    fsyncSync: vi.fn(real.fsyncSync),
  };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, open: vi.fn(real.open) };
});

const injected = () => Object.assign(new Error('EIO: injected'), { code: 'EIO' });
const dir = mkdtempSync(join(tmpdir(), 'customer-desk-swap-'));
const dbPath = join(dir, 'db.json');
let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ dbPath, seed: 5, fixtures: undefined });
});
afterAll(() => api?.stop());

const exported = async () => (await api.call('/__admin/export', { role: null })).body;

/** Makes the next call of `fn` that `when` picks throw; the others run as they are. */
function failNext<A extends unknown[]>(fn: (...args: A) => unknown, when: (...args: A) => boolean = () => true) {
  const mock = vi.mocked(fn as (...args: unknown[]) => unknown);
  const real = mock.getMockImplementation()!;
  let armed = true;
  mock.mockImplementation((...args: unknown[]) => {
    if (armed && when(...(args as A))) {
      armed = false;
      throw injected();
    }
    return real(...args);
  });
}

/** Each step of a swap, and how to make it fail. */
const steps: [string, () => void][] = [
  [
    "making the new collections' router",
    () => {
      vi.spyOn(CollectionsRoute.prototype, 'prepare').mockImplementationOnce(() => {
        throw new RangeError('Maximum call stack size exceeded');
      });
    },
  ],
  ['writing the new snapshot', () => vi.mocked(fsPromises.open).mockRejectedValueOnce(injected())],
  ['staging the new collections', () => failNext(fs.writeFileSync)],
  [
    'closing the old store',
    () => {
      const close = Store.prototype.close;
      vi.spyOn(Store.prototype, 'close').mockImplementationOnce(async function (this: Store) {
        await close.call(this);
        throw injected();
      });
    },
  ],
  [
    'keeping the old files',
    () => {
      failNext(fs.linkSync);
      failNext(fs.copyFileSync);
    },
  ],
  ['renaming the new snapshot in place', () => failNext(fs.renameSync, (_from, to) => to === dbPath)],
  [
    'making the rename durable',
    () => {
      const rename = vi.mocked(fs.renameSync).getMockImplementation()!;
      vi.mocked(fs.renameSync).mockImplementationOnce((from, to) => {
        rename(from, to);
        failNext(fs.fsyncSync);
      });
    },
  ],
  [
    'opening the new store',
    () => {
      vi.spyOn(Snapshot, 'open').mockImplementationOnce(() => {
        throw injected();
      });
    },
  ],
  ['putting the new collections in place', () => failNext(fs.renameSync, (from) => /\.next-\d+$/.test(String(from)))],
];

async function rename(firstName: string) {
  const id = (await exported()).customers[0].id;
  const path = `/customers/${id}/profiles/billing`;
  const read = await api.call(path);
  const res = await api.call(path, { method: 'PATCH', body: { firstName }, ifMatch: read.body.etag });
  expect(res.status).toBe(200);
}

test.each(steps)('an import failing at %s changes nothing', async (_step, inject) => {
  const before = await exported();
  const data = { customers: before.customers.slice(0, 2), orders: [{ id: 1 }] };
  inject();
  const res = await api.call('/__admin/import', { method: 'POST', role: null, body: data });
  vi.restoreAllMocks();
  expect(res.status).toBeGreaterThanOrEqual(500);
  expect(await exported()).toEqual(before);
  expect((await api.call('/orders')).status).toBe(404);
  expect((await api.call('/health')).body.status).toBe('ok');
  expect(readdirSync(dir).filter((name) => /\.(swap|kept)$|\.next-\d+$/.test(name))).toEqual([]);
  await rename(`Kept ${_step}`);
});

test('a reset failing at the rename changes nothing either; then reset and import work', async () => {
  await rename('Before reset');
  const before = await exported();
  failNext(fs.renameSync, (_from, to) => to === dbPath);
  expect((await api.call('/__admin/reset', { method: 'POST', role: null })).status).toBe(503);
  vi.restoreAllMocks();
  expect(await exported()).toEqual(before);
  await rename('After the failed reset');
  const kept = await exported();
  expect(kept.customers[0].billingProfile.firstName).toBe('After the failed reset');

  // A restart loads the old data, with every acknowledged write.
  await api.stop();
  api = await startApi({ dbPath });
  expect(await exported()).toEqual(kept);

  expect(
    (await api.call('/__admin/import', { method: 'POST', role: null, body: { customers: kept.customers.slice(0, 2) } }))
      .status,
  ).toBe(200);
  expect((await exported()).customers).toHaveLength(2);
  expect((await api.call('/__admin/reset', { method: 'POST', role: null })).status).toBe(200);
});
