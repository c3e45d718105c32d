/**
 * The store when the disk refuses: injected failures of the journal's write, fdatasync and ftruncate, and of the
 * compaction's snapshot writes. Whatever fails, the write is refused with the right kind, memory and journal stay
 * as they were, the next write goes through, and a reopened store holds exactly the acknowledged writes.
 */
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, type Mock, test, vi } from 'vitest';
import type { Customer } from '@/domain/schemas';
import { call } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';
import { Authority } from '@/mock-api/authority/authority';
import { createApp } from '@/mock-api/server';
import { openStore, StorageError, type Store } from '@/mock-api/store';
import { journalsOf } from '@/mock-api/store/journal';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    writeSync: vi.fn(real.writeSync),
    fdatasyncSync: vi.fn(real.fdatasyncSync),
    ftruncateSync: vi.fn(real.ftruncateSync),
  };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, open: vi.fn(real.open) };
});

const failure = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
/** The next call of `fn` (one of the mocked fs functions) fails with `code`. */
const failOnce = (fn: (...args: never[]) => unknown, code: string) =>
  (fn as Mock).mockImplementationOnce(() => {
    throw failure(code);
  });
/** The next write takes only half of what it is given, as the kernel may (a short write). */
const shortWriteOnce = () =>
  vi
    .mocked(fs.writeSync)
    .mockImplementationOnce(((fd: number, buffer: Buffer, offset: number, length: number) =>
      real.writeSync(fd, buffer, offset, Math.floor(length / 2))) as typeof fs.writeSync);
const real = await vi.importActual<typeof import('node:fs')>('node:fs');

let dir: string;
let db: Store;
beforeEach(async () => {
  dir = real.mkdtempSync(join(tmpdir(), 'customer-desk-faults-'));
  db = await openStore({ path: join(dir, 'db.json'), seed: 20, compactAfter: 1000 });
});
afterEach(async () => {
  vi.mocked(fs.writeSync).mockReset().mockImplementation(real.writeSync);
  vi.mocked(fs.fdatasyncSync).mockReset().mockImplementation(real.fdatasyncSync);
  vi.mocked(fs.ftruncateSync).mockReset().mockImplementation(real.ftruncateSync);
  await db.close();
  real.rmSync(dir, { recursive: true, force: true });
});

const journal = () => journalsOf(db.path).at(-1)!.file;
const renamed = (i: number, firstName: string): Customer => {
  const c = db.customer(i);
  return { ...c, billingProfile: { ...c.billingProfile, firstName } };
};
const write = (i: number, firstName: string) => db.commit(renamed(i, firstName), []);

/** Expects the write to be refused as `state`, with nothing changed in memory or in the journal. */
function expectRefused(i: number, firstName: string, state: 'full' | 'error') {
  const before = { customer: db.customer(i), journal: real.readFileSync(journal()), audit: db.auditLog.length };
  let thrown: unknown;
  try {
    db.commit(renamed(i, firstName), [
      { id: `x-${firstName}`, customerId: before.customer.id, at: '', role: 'admin-agent', action: 'a', changes: {} },
    ]);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StorageError);
  expect((thrown as StorageError).state).toBe(state);
  expect((thrown as StorageError).status).toBe(state === 'full' ? 507 : 503);
  expect(db.customer(i)).toEqual(before.customer);
  expect(db.auditLog).toHaveLength(before.audit);
  expect(real.readFileSync(journal())).toEqual(before.journal);
  expect(db.storage).toBe(state);
}

async function reopened(): Promise<Store> {
  await db.close();
  db = await openStore({ path: join(dir, 'db.json') });
  return db;
}

test('ENOSPC and EDQUOT on write are storage-full; EIO on write or fdatasync is storage-error; the next write succeeds', async () => {
  write(0, 'Acked 1');
  failOnce(fs.writeSync, 'ENOSPC');
  expectRefused(0, 'Lost ENOSPC', 'full');
  failOnce(fs.writeSync, 'EDQUOT');
  expectRefused(0, 'Lost EDQUOT', 'full');
  failOnce(fs.writeSync, 'EIO');
  expectRefused(1, 'Lost EIO', 'error');
  // The line reached the file, but fdatasync failed: it is cut off again, never acknowledged.
  failOnce(fs.fdatasyncSync, 'EIO');
  expectRefused(1, 'Lost fsync', 'error');
  failOnce(fs.fdatasyncSync, 'ENOSPC');
  expectRefused(2, 'Lost fsync ENOSPC', 'full');

  write(1, 'Acked 2');
  expect(db.storage).toBe('ok');
  const again = await reopened();
  expect(again.customer(0).billingProfile.firstName).toBe('Acked 1');
  expect(again.customer(1).billingProfile.firstName).toBe('Acked 2');
  expect(real.readFileSync(journal(), 'utf8').trim().split('\n')).toHaveLength(2);
});

test('a short write goes on with the rest; a short write then ENOSPC leaves the journal cut back to its last whole line', async () => {
  // The kernel took half, then the rest: a whole line, acknowledged.
  shortWriteOnce();
  write(3, 'Whole after a short write');
  // The disk filled up mid-line: half a line was written, then ENOSPC.
  shortWriteOnce();
  failOnce(fs.writeSync, 'ENOSPC');
  expectRefused(3, 'Half a line', 'full');
  // A write that takes no bytes at all must not spin.
  vi.mocked(fs.writeSync).mockImplementation(() => 0);
  expectRefused(3, 'Nothing taken', 'full');
  vi.mocked(fs.writeSync).mockImplementation(real.writeSync);

  write(4, 'After space returned');
  const again = await reopened();
  expect(again.customer(3).billingProfile.firstName).toBe('Whole after a short write');
  expect(again.customer(4).billingProfile.firstName).toBe('After space returned');
});

test('when the cut itself fails, the next append cuts first; if it cannot, it is refused too', async () => {
  write(5, 'Acked');
  const size = real.statSync(journal()).size;
  shortWriteOnce();
  failOnce(fs.writeSync, 'ENOSPC');
  failOnce(fs.ftruncateSync, 'EIO');
  expect(() => write(5, 'Torn')).toThrow(StorageError);
  expect(real.statSync(journal()).size).toBeGreaterThan(size); // the torn half is still there
  failOnce(fs.ftruncateSync, 'EIO');
  expect(() => write(5, 'Still torn')).toThrow(StorageError);
  expect(db.customer(5).billingProfile.firstName).toBe('Acked');

  write(5, 'Clean again'); // cuts the torn half first
  expect(
    real
      .readFileSync(journal(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).customer.billingProfile.firstName),
  ).toEqual(['Acked', 'Clean again']);
  expect((await reopened()).customer(5).billingProfile.firstName).toBe('Clean again');
});

test('a compaction that hits ENOSPC leaves the old snapshot and journals, removes its half-written copy, and writes go on', async () => {
  await db.close();
  db = await openStore({ path: join(dir, 'db.json'), compactAfter: 2 });
  const snapshot = real.readFileSync(db.path);
  const { open } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
  vi.mocked(fsPromises.open).mockImplementationOnce(async (path, flags) => {
    const handle = await open(path, flags);
    let writes = 0;
    return new Proxy(handle, {
      get(target, key) {
        // The first block goes through, then the disk is full.
        if (key === 'write')
          return (...args: Parameters<typeof handle.write>) => {
            if (writes++) throw failure('ENOSPC');
            return (target.write as (...a: unknown[]) => unknown)(...args);
          };
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  write(6, 'One');
  write(7, 'Two'); // starts the compaction
  await vi.waitFor(() => expect(stderr).toHaveBeenCalledWith(expect.stringContaining('compaction failed')));
  stderr.mockRestore();

  expect(real.readFileSync(db.path)).toEqual(snapshot);
  expect(real.existsSync(`${db.path}.tmp`)).toBe(false);
  write(8, 'Three');
  const again = await reopened();
  expect([6, 7, 8].map((i) => again.customer(i).billingProfile.firstName)).toEqual(['One', 'Two', 'Three']);
});

test('over HTTP, desk and /v1: 507 / 503 in the error shape of each, nothing changed, /health says so, then ok again', async () => {
  const authority = await Authority.open(db.path);
  const server = createApp({ db, authority }).listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const token = (await signIn(url)).access_token;
    const id = db.customer(0).id;
    const path = `/customers/${id}/profiles/billing`;
    const desk = async (firstName: string) =>
      call(url, path, { method: 'PATCH', body: { firstName }, ifMatch: (await call(url, path)).body.etag });
    const v1 = async (firstName: string) => {
      const current = (await pc(url, token, `/v1${path}`)).body;
      return pc(url, token, `/v1${path}`, { method: 'PUT', body: { ...current, firstName } });
    };
    expect((await call(url, '/health')).body.storage).toBe('ok');

    for (const [code, status, errorCode, storage] of [
      ['ENOSPC', 507, 'storage-full', 'full'],
      ['EIO', 503, 'storage-error', 'error'],
    ] as const) {
      const before = (await call(url, path)).body;
      failOnce(fs.fdatasyncSync, code);
      const res = await desk(`Refused ${code}`);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(errorCode);
      expect(res.body.error.message).toMatch(/not saved/);
      expect((await call(url, '/health')).body.storage).toBe(storage);

      failOnce(fs.fdatasyncSync, code);
      const viaV1 = await v1(`Refused ${code} via /v1`);
      expect(viaV1.status).toBe(status);
      expect(viaV1.body).toMatchObject({ code: String(status), source: 'PartnerFD' });
      expect(viaV1.body.description).toMatch(/not saved/);
      expect((await call(url, path)).body).toEqual(before);
      expect((await call(url, `/customers/${id}/auditLog`)).body).toEqual([]);
    }
    expect((await desk('Saved')).status).toBe(200);
    expect((await call(url, '/health')).body.storage).toBe('ok');
    expect((await v1('Saved via /v1')).status).toBe(200);
  } finally {
    await new Promise((done) => server.close(done));
  }
});
