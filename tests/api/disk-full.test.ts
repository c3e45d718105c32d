/**
 * A real full disk: the API on a 2 MB tmpfs, filled up while it runs. Mounting needs root (and a sandbox that
 * allows it); elsewhere these tests are skipped, and store-faults.mocked.test.ts covers the same rules with injected
 * failures.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type MockApi, spawnMockApi } from '@/harness/mock-api';

const mountPoint = mkdtempSync(join(tmpdir(), 'customer-desk-small-disk-'));
let unavailable = '';
const running: MockApi[] = [];

beforeAll(() => {
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mount.status !== 0)
    unavailable = `cannot mount a 2 MB tmpfs here (needs root and a sandbox that allows mount): ${(mount.stderr || mount.error?.message || '').trim()}`;
});
afterAll(async () => {
  await Promise.all(running.map((api) => api.stop('SIGKILL')));
  if (!unavailable) spawnSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Each test starts on an empty disk, with no server of an earlier one still running. */
async function emptyDisk() {
  await Promise.all(running.splice(0).map((api) => api.stop('SIGKILL')));
  for (const name of readdirSync(mountPoint)) rmSync(join(mountPoint, name), { recursive: true, force: true });
}

async function start(dbPath: string, args: string[] = []) {
  const api = await spawnMockApi(args, { dbPath });
  running.push(api);
  return api;
}

/** A fresh database of 200 customers on the empty small disk; `ids`: the first `count`. */
async function seeded(name: string, compactAfter: number, count: number) {
  await emptyDisk();
  const dbPath = join(mountPoint, `${name}.json`);
  const api = await start(dbPath, ['--seed', '200', '--compact-after', String(compactAfter)]);
  const ids: string[] = (await api.call(`/customers?_limit=${count}`)).body.map((c: { id: string }) => c.id);
  return { api, dbPath, ids };
}

/** Fills the disk to the last byte; returns the filler file. */
function fill(name: string): string {
  const file = join(mountPoint, name);
  const fd = openSync(file, 'w');
  try {
    for (const size of [64 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x2e);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Frees `bytes` of the filler. */
function free(file: string, bytes: number) {
  truncateSync(file, Math.max(0, statSync(file).size - bytes));
}

async function patch(api: MockApi, id: string, firstName: string) {
  const path = `/customers/${id}/profiles/billing`;
  const read = await api.call(path);
  return api.call(path, { method: 'PATCH', body: { firstName }, ifMatch: read.body.etag });
}

test('on a full disk writes answer 507 and change nothing; they go through again once space returns; a restart has every acknowledged write', async (ctx) => {
  if (unavailable) return ctx.skip(unavailable);
  const { api, dbPath, ids } = await seeded('full', 100_000, 20);
  const acked = new Map<string, string>();
  let count = 0;
  const write = async (n: number) => {
    const id = ids[n % ids.length];
    const res = await patch(api, id, `Write ${n}`);
    if (res.status === 200) {
      acked.set(id, `Write ${n}`);
      count++;
    }
    return res;
  };

  let n = 0;
  /** Writes until the disk refuses one, which must change nothing. */
  const writeUntilFull = async () => {
    for (let tries = 0; tries < 100; tries++) {
      const id = ids[n % ids.length];
      const before = await api.call(`/customers/${id}/profiles/billing`);
      const audit = await api.call(`/customers/${id}/auditLog`);
      const res = await write(n++);
      if (res.status === 200) continue;
      expect(res.status).toBe(507);
      expect(res.body.error.code).toBe('storage-full');
      expect(res.body.error.message).toContain('not saved');
      expect((await api.call(`/customers/${id}/profiles/billing`)).body).toEqual(before.body);
      expect((await api.call(`/customers/${id}/auditLog`)).body).toEqual(audit.body);
      expect((await api.call('/health')).body).toMatchObject({ status: 'ok', storage: 'full' });
      return;
    }
    throw new Error('the disk never filled up');
  };

  expect((await write(n++)).status).toBe(200);
  const filler = fill('filler');
  await writeUntilFull();
  // A little room: a few lines fit, then one is cut short by the full disk (a short write) and refused.
  const countBefore = count;
  free(filler, 3 * 4096);
  await writeUntilFull();
  expect(count).toBeGreaterThan(countBefore + 1);

  rmSync(filler);
  expect((await write(n++)).status).toBe(200);
  expect((await api.call('/health')).body.storage).toBe('ok');
  await api.stop('SIGKILL');

  const journal = readdirSync(mountPoint).find((f) => f.startsWith('full.json.journal-'))!;
  const lines = readFileSync(join(mountPoint, journal), 'utf8');
  expect(lines.endsWith('\n')).toBe(true);
  expect(lines.trim().split('\n')).toHaveLength(count);

  const again = await start(dbPath);
  for (const [id, firstName] of acked)
    expect((await again.call(`/customers/${id}/profiles/billing`)).body.firstName, id).toBe(firstName);
  const audit = await Promise.all(
    ids.map(async (id) => Number((await again.call(`/customers/${id}/auditLog`)).headers.get('X-Total-Count'))),
  );
  expect(audit.reduce((a, b) => a + b, 0)).toBe(count);
  await again.stop();
});

test('a compaction that runs out of space leaves the old snapshot and journal; writes go on and survive a restart', async (ctx) => {
  if (unavailable) return ctx.skip(unavailable);
  const { api, dbPath, ids } = await seeded('compact', 3, 5);
  const snapshot = readFileSync(dbPath);
  // Room for a few journal lines, not for a second copy of the database.
  const filler = fill('filler');
  free(filler, 64 * 1024);
  for (const [n, id] of ids.slice(0, 3).entries()) expect((await patch(api, id, `Kept ${n}`)).status).toBe(200);
  await expect.poll(() => api.output(), { timeout: 10_000 }).toContain('compaction failed');
  // Buffer.equals: a deep toEqual of 600 KB takes seconds, long enough for the idle keep-alive connection to close.
  expect(readFileSync(dbPath).equals(snapshot)).toBe(true);
  expect(readdirSync(mountPoint).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect((await patch(api, ids[3], 'Kept 3')).status).toBe(200);
  await api.stop('SIGKILL');
  rmSync(filler);

  const again = await start(dbPath);
  for (const [n, id] of ids.slice(0, 4).entries())
    expect((await again.call(`/customers/${id}/profiles/billing`)).body.firstName).toBe(`Kept ${n}`);
  await again.stop();
});
