/**
 * Damaged files are named: start-up refuses them with exit code 1, a message naming the file, the line or byte and
 * what to do, and leaves every file byte for byte as it was; `--recover` sets them aside and loads what precedes
 * the damage.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { type MockApi, runCli, spawnMockApi } from '@/harness/mock-api';

const root = mkdtempSync(join(tmpdir(), 'customer-desk-damage-'));
const running: MockApi[] = [];
afterAll(async () => {
  await Promise.all(running.map((api) => api.stop()));
  rmSync(root, { recursive: true, force: true });
});

/** A database in its own folder, seeded, with `writes` acknowledged renames (one per customer, in list order). */
async function prepared(name: string, writes: number, args: string[] = [], beforeStop = async (_db: string) => {}) {
  const dir = mkdtempSync(join(root, `${name}-`));
  const dbPath = join(dir, 'db.json');
  const api = await start(dbPath, ['--seed', '40', ...args]);
  const customers: { id: string; firstName: string }[] = [];
  for (const c of (await api.call('/customers?_limit=40')).body) {
    const billing = await api.call(`/customers/${c.id}/profiles/billing`);
    customers.push({ id: c.id, firstName: billing.body.firstName });
  }
  for (const [n, { id }] of customers.slice(0, writes).entries()) {
    const read = await api.call(`/customers/${id}/profiles/billing`);
    const res = await api.call(`/customers/${id}/profiles/billing`, {
      method: 'PATCH',
      body: { firstName: `Write ${n + 1}` },
      ifMatch: read.body.etag,
    });
    expect(res.status).toBe(200);
  }
  await beforeStop(dbPath);
  await api.stop();
  return { dir, dbPath, customers, journal: () => join(dir, readdirSync(dir).find((f) => /journal-\d+$/.test(f))!) };
}

async function start(dbPath: string, args: string[] = []) {
  const api = await spawnMockApi(args, { dbPath });
  running.push(api);
  return api;
}

/** Every file in the folder and a hash of its bytes. */
const filesIn = (dir: string) =>
  new Map(
    readdirSync(dir).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );

/** Starts the CLI on a damaged database: exit 1, the message, and not one byte changed. */
async function refused(dir: string, dbPath: string) {
  const before = filesIn(dir);
  const run = await runCli(['--port', '0', '--db', dbPath]);
  expect(run.status, run.stdout + run.stderr).toBe(1);
  expect(filesIn(dir)).toEqual(before);
  expect(run.stderr).toContain('--recover');
  expect(run.stderr).toContain('backup');
  return run.stderr;
}

const firstName = async (api: MockApi, id: string) =>
  (await api.call(`/customers/${id}/profiles/billing`)).body.firstName;

test('a garbled line in the middle of the journal: exit 1 naming the journal and the line; files untouched', async () => {
  const { dir, dbPath, journal } = await prepared('journal', 3);
  const lines = readFileSync(journal(), 'utf8').split('\n');
  lines[1] = lines[1].replace('"customer":', '"customer"x');
  writeFileSync(journal(), lines.join('\n'));
  const message = await refused(dir, dbPath);
  expect(message).toContain(`${journal()} is damaged at line 2 (byte ${Buffer.byteLength(lines[0]) + 1})`);
  expect(message).toContain('not JSON');
  expect(message).toContain('2 journal entries from that line on');
});

test('--recover keeps the journal entries before the damage, sets the damaged journal aside and says what it dropped', async () => {
  const { dir, dbPath, customers, journal } = await prepared('recover-journal', 4);
  const original = readFileSync(journal(), 'utf8');
  const lines = original.split('\n');
  lines[2] = `${lines[2].slice(0, 40)}#garbage#${lines[2].slice(49)}`;
  writeFileSync(journal(), lines.join('\n'));
  const damaged = journal();

  const api = await start(dbPath, ['--recover']);
  expect(api.output()).toContain(`--recover: ${damaged} was damaged at line 3`);
  expect(api.output()).toContain('dropped: 2 journal entries');
  const aside = readdirSync(dir).find((f) => f.includes('.damaged-'))!;
  expect(readFileSync(join(dir, aside), 'utf8')).toBe(lines.join('\n'));
  const expected = ['Write 1', 'Write 2', customers[2].firstName, customers[3].firstName];
  for (const [n, name] of expected.entries()) expect(await firstName(api, customers[n].id)).toBe(name);
  const read = await api.call(`/customers/${customers[5].id}/profiles/billing`);
  const after = await api.call(`/customers/${customers[5].id}/profiles/billing`, {
    method: 'PATCH',
    body: { firstName: 'After recovery' },
    ifMatch: read.body.etag,
  });
  expect(after.status).toBe(200);
  await api.stop();

  // Recovered for good: a plain start loads the same state and the write after it, with no damage to report.
  const again = await start(dbPath);
  for (const [n, name] of expected.entries()) expect(await firstName(again, customers[n].id)).toBe(name);
  expect(await firstName(again, customers[5].id)).toBe('After recovery');
  expect((await again.call(`/customers/${customers[0].id}/auditLog`)).body).toHaveLength(1);
  expect((await again.call(`/customers/${customers[2].id}/auditLog`)).body).toHaveLength(0);
  await again.stop();
});

test('a truncated database file: exit 1 naming the file, the byte and line where it ends; files untouched', async () => {
  const { dir, dbPath } = await prepared('truncated', 1);
  const size = readFileSync(dbPath).length;
  const cut = Math.floor(size / 4);
  truncateSync(dbPath, cut);
  const line = readFileSync(dbPath, 'utf8').split('\n').length;
  const message = await refused(dir, dbPath);
  expect(message).toContain(`${dbPath} is damaged at byte ${cut} (line ${line})`);
  expect(message).toContain('cut short');
});

test('a trailer whose offsets do not fit the file, and a garbled audit line: each named; files untouched', async () => {
  const offsets = await prepared('offsets', 1);
  const bytes = readFileSync(offsets.dbPath, 'latin1');
  const trailerAt = bytes.lastIndexOf('\n', bytes.length - 2) + 1;
  const trailer = JSON.parse(bytes.slice(trailerAt));
  const { offsets: block } = trailer.blocks;
  const moved = JSON.stringify({
    ...trailer,
    blocks: { ...trailer.blocks, offsets: { ...block, start: block.start + 8 } },
  });
  writeFileSync(offsets.dbPath, Buffer.from(`${bytes.slice(0, trailerAt)}${moved}\n`, 'latin1'));
  expect(await refused(offsets.dir, offsets.dbPath)).toContain(
    `${offsets.dbPath} is damaged at byte ${trailerAt} (its trailer)`,
  );

  // With --compact-after 1 the write is folded into the snapshot, audit line included.
  const audit = await prepared('audit', 1, ['--compact-after', '1'], (db) =>
    expect.poll(() => readFileSync(db, 'latin1').includes('"customerId"')).toBe(true),
  );
  const text = readFileSync(audit.dbPath, 'latin1');
  const at = text.indexOf('{"id":"a0000000001"');
  expect(at).toBeGreaterThan(0);
  writeFileSync(audit.dbPath, Buffer.from(`${text.slice(0, at)}{"id"=${text.slice(at + 6)}`, 'latin1'));
  const line = text.slice(0, at).split('\n').length;
  expect(await refused(audit.dir, audit.dbPath)).toContain(
    `${audit.dbPath} is damaged at line ${line} (byte ${at}): not an audit entry`,
  );
});

test('a journal line naming a customer the database does not hold stops the server with exit 1, naming it', async () => {
  const { dbPath, journal } = await prepared('unknown', 2);
  const [first, second] = readFileSync(journal(), 'utf8').trim().split('\n');
  const stranger = JSON.parse(first);
  stranger.customer.id = '00000000-0000-4000-8000-000000000000';
  writeFileSync(journal(), `${first}\n${JSON.stringify(stranger)}\n${second}\n`);
  const run = await runCli(['--port', '0', '--db', dbPath]);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`${journal()} is damaged at line 2 (byte `);
  expect(run.stderr).toContain('it names a customer the database does not hold');
});

test('--recover on a truncated database file keeps the customers before the cut and the journal, and says so', async () => {
  const { dir, dbPath, customers } = await prepared('recover-truncated', 3);
  const original = readFileSync(dbPath);
  // Cut in the middle of the 11th customer line: 10 whole customers remain.
  let at = 0;
  for (let n = 0; n < 10; n++) at = original.indexOf(0x0a, at) + 1;
  truncateSync(dbPath, at + 20);

  const api = await start(dbPath, ['--recover']);
  expect(api.output()).toContain(`--recover: ${dbPath} was damaged at byte ${at + 20}`);
  expect(api.output()).toContain(
    'kept: 10 customers and 0 audit entries from the database file, then 3 journal entries',
  );
  expect(api.output()).toContain(`dropped: the database file from byte ${at} on`);
  const aside = readdirSync(dir).find((f) => f.startsWith('db.json.damaged-'))!;
  expect(readFileSync(join(dir, aside))).toEqual(original.subarray(0, at + 20));
  const listed: { id: string }[] = (await api.call('/customers?_limit=100')).body;
  const snapshotIds = original
    .subarray(0, at)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).id);
  // The written customers come back from the journal, which holds each one's whole state, wherever their line was.
  expect(new Set(listed.map((c) => c.id))).toEqual(
    new Set([...snapshotIds, ...customers.slice(0, 3).map((c) => c.id)]),
  );
  for (const n of [0, 1, 2]) expect(await firstName(api, customers[n].id)).toBe(`Write ${n + 1}`);
  await api.stop();

  const again = await start(dbPath, ['--recover']);
  expect(again.output()).toContain(
    '--recover: every line of the database file and its journals was read; nothing is damaged.',
  );
  expect((await again.call('/customers?_limit=100')).body).toHaveLength(listed.length);
  await again.stop();
});

test('a garbled customer line is named when read (500 damaged-file); --recover finds it and keeps the customers before it', async () => {
  const { dir, dbPath, customers } = await prepared('customer-line', 0);
  const bytes = readFileSync(dbPath);
  let at = 0;
  for (let n = 0; n < 4; n++) at = bytes.indexOf(0x0a, at) + 1;
  const id = JSON.parse(bytes.toString('utf8', at, bytes.indexOf(0x0a, at))).id;
  bytes.write('##', at); // same length: the offsets still fit, so only reading the line shows the damage
  writeFileSync(dbPath, bytes);

  const api = await start(dbPath);
  const res = await api.call(`/customers/${id}`);
  expect(res.status).toBe(500);
  expect(res.body.error.code).toBe('damaged-file');
  expect(res.body.error.message).toContain(`${dbPath} is damaged at line 5 (byte ${at}): not a customer`);
  await api.stop();

  const recovered = await start(dbPath, ['--recover']);
  expect(recovered.output()).toContain(`--recover: ${dbPath} was damaged at line 5 (byte ${at})`);
  expect(recovered.output()).toContain('kept: 4 customers');
  expect(recovered.output()).toContain('dropped: 36 customers and 0 audit entries');
  expect((await recovered.call('/customers?_limit=100')).body).toHaveLength(4);
  expect(readdirSync(dir).some((f) => f.startsWith('db.json.damaged-'))).toBe(true);
  expect(customers).toHaveLength(40);
  await recovered.stop();
});
