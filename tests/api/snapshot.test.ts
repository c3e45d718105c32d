/**
 * The snapshot numbers customers in tie order, so a compaction after renames numbers them afresh; and a database of
 * an older format — format 2 (customer lines, audit lines, an n-gram search index, no summaries) or the walking
 * skeleton's one JSON document — is refused on start, naming the file and what to do, and left as it was.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { foldText } from '@/domain/search';
import { type InProcessApi, runCli, spawnMockApi, startApi } from '@/harness/mock-api';
import { seedCustomers, seedRange } from '@/mock-api/store/seed/seed';

const dir = mkdtempSync(join(tmpdir(), 'customer-desk-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The old layout, enough of it to read: lines, audit lines, (search blocks,) line offsets, trailer. */
function formatTwo(path: string, customers: object[], audit: object[]) {
  const lines = customers.map((c) => Buffer.from(`${JSON.stringify(c)}\n`));
  const offsets = new Float64Array(customers.length + 1);
  let position = 0;
  for (const [i, line] of lines.entries()) {
    offsets[i] = position;
    position += line.length;
  }
  offsets[customers.length] = position;
  const auditBytes = Buffer.from(audit.map((a) => `${JSON.stringify(a)}\n`).join(''));
  const auditStart = position;
  const searchStart = auditStart + auditBytes.length;
  const trailer = {
    format: 'customer-desk-db',
    version: 2,
    generation: 0,
    customers: customers.length,
    audit: audit.length,
    auditStart,
    searchStart,
    idsStart: searchStart,
    offsetsStart: searchStart,
    end: searchStart + offsets.byteLength,
  };
  writeFileSync(
    path,
    Buffer.concat([...lines, auditBytes, Buffer.from(offsets.buffer), Buffer.from(`\n${JSON.stringify(trailer)}\n`)]),
  );
}

test.each([
  ['format 2', formatTwo],
  [
    "the walking skeleton's JSON document",
    (path: string, customers: object[], auditLog: object[]) =>
      writeFileSync(path, JSON.stringify({ customers, auditLog }, null, 2)),
  ],
])(
  'a database of an older format (%s) is refused on start, naming the file and what to do; nothing changes',
  async (_, write) => {
    const customers = seedCustomers(30, 8);
    const entry = {
      id: 'a0000000001',
      customerId: customers[4].id,
      at: '2026-01-01T00:00:00.000Z',
      role: 'admin-agent',
      action: 'Update company profile',
      changes: { companyName: { before: customers[4].companyProfile.companyName, after: 'Upgraded Ltd' } },
    };
    const dbPath = join(dir, `old-${write === formatTwo ? 2 : 1}.json`);
    write(dbPath, customers, [entry]);
    const journal = `${JSON.stringify({ customer: customers[4], audit: [entry] })}\n`;
    writeFileSync(`${dbPath}.journal-0`, journal);
    const before = readFileSync(dbPath);

    const run = await runCli(['--port', '0', '--db', dbPath]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Cannot open the database: ${dbPath} is `);
    expect(run.stderr).toContain('Nothing was changed.');
    expect(run.stderr).toContain('Start with --reset (or --seed N)');
    expect(run.stderr).toContain('--fixtures <file.json>');
    expect(readFileSync(dbPath)).toEqual(before);
    expect(readFileSync(`${dbPath}.journal-0`, 'utf8')).toBe(journal);
    expect(readdirSync(dir).filter((f) => f.startsWith(`${basename(dbPath)}.`))).toEqual([
      `${basename(dbPath)}.journal-0`,
    ]);
  },
);

async function rename(api: Pick<InProcessApi, 'call'>, id: string, companyName: string) {
  const path = `/customers/${id}/profiles/company`;
  const read = await api.call(path);
  expect((await api.call(path, { method: 'PATCH', body: { companyName }, ifMatch: read.body.etag })).status).toBe(200);
}

test('renames across several compactions in one run: every customer keeps its own data, found by its new name', async () => {
  const dbPath = join(dir, 'renames.json');
  // Compacting every 4 writes: the second compaction reads a snapshot whose records the first renumbered.
  const api = await startApi({ seed: 40, compactAfter: 4, dbPath });
  const ids: string[] = (await api.call('/customers?_limit=40')).body.map((c: { id: string }) => c.id);
  const names = new Map<string, string>();
  try {
    for (let n = 0; n < 16; n++) {
      // Names that move customers from one end of the tie order to the other.
      const id = ids[(n * 7) % ids.length];
      const name = `${n % 2 ? 'Aaa' : 'Zzz'} Renamed ${n}`;
      await rename(api, id, name);
      names.set(id, name);
      await new Promise((done) => setTimeout(done, 150)); // let a compaction finish now and then
    }
  } finally {
    await api.stop();
  }
  const again = await startApi({ dbPath });
  try {
    for (const id of ids) {
      const whole = (await again.call(`/customers/${id}`)).body;
      expect(whole.id).toBe(id);
      if (names.has(id)) {
        expect(whole.companyProfile.companyName).toBe(names.get(id));
        expect((await again.call(`/customers?q=${encodeURIComponent(names.get(id)!)}`)).body[0].id).toBe(id);
      }
    }
    const everyone = (await again.call('/customers?_limit=100')).body.map((c: { id: string }) => c.id);
    expect(new Set(everyone)).toEqual(new Set(ids));
  } finally {
    await again.stop();
  }
});

// The large stores run as the command line: their seeding and compaction workers are threads of that process.
test('seeding in worker threads (20,000 and more) makes the same customers as in this thread, in tie order', {
  timeout: 120_000,
}, async () => {
  const api = await spawnMockApi(['--seed', '20000', '--seed-value', '3'], { startTimeoutMs: 120_000 });
  try {
    for (const c of seedRange(19_990, 20_000, 3)) expect((await api.call(`/customers/${c.id}`)).body).toEqual(c);
    const first = (await api.call('/customers?_limit=50')).body.map((c: { companyProfile: { companyName: string } }) =>
      foldText(c.companyProfile.companyName),
    );
    expect(first).toEqual([...first].sort());
    expect((await api.call('/customers')).headers.get('X-Total-Count')).toBe('20000');
  } finally {
    await api.stop();
  }
});

test('a large store compacts on a worker thread: the writes are in the new snapshot, found by search after a restart', {
  timeout: 180_000,
}, async () => {
  const dbPath = join(dir, 'large.json');
  const api = await spawnMockApi(['--seed', '20000', '--compact-after', '2'], { dbPath, startTimeoutMs: 120_000 });
  const ids: string[] = (await api.call('/customers?_limit=3')).body.map((c: { id: string }) => c.id);
  try {
    await rename(api, ids[0], 'Zzz Compacted First');
    await rename(api, ids[1], 'Aaa Compacted Second'); // the second write starts the compaction
    await expect.poll(() => existsSync(`${dbPath}.journal-0`), { timeout: 60_000 }).toBe(false);
    expect(existsSync(`${dbPath}.tmp`)).toBe(false);
  } finally {
    await api.stop();
  }
  const again = await spawnMockApi([], { dbPath });
  try {
    // Nothing left to replay: the writes are in the snapshot itself.
    expect(readdirSync(dir).filter((f) => f.startsWith('large.json.journal-'))).toEqual(['large.json.journal-1']);
    expect(readFileSync(`${dbPath}.journal-1`, 'utf8')).toBe('');
    for (const [id, name] of [
      [ids[0], 'Zzz Compacted First'],
      [ids[1], 'Aaa Compacted Second'],
    ]) {
      expect((await again.call(`/customers/${id}`)).body.companyProfile.companyName).toBe(name);
      expect((await again.call(`/customers?q=${encodeURIComponent(name)}`)).body[0].id).toBe(id);
    }
    expect((await again.call('/customers')).headers.get('X-Total-Count')).toBe('20000');
  } finally {
    await again.stop();
  }
});

test('a damaged search block is named at start, not answered from', async () => {
  const dbPath = join(dir, 'damaged-block.json');
  await (await startApi({ seed: 30, dbPath })).stop();
  const bytes = readFileSync(dbPath);
  const text = bytes.toString('latin1');
  const trailer = JSON.parse(text.slice(text.lastIndexOf('\n', text.length - 2) + 1));
  // Record 0 and record 1 both said to be line 0.
  const { start } = trailer.blocks.lineOf;
  bytes.writeInt32LE(bytes.readInt32LE(start), start + 4);
  writeFileSync(dbPath, bytes);
  const run = await runCli(['--port', '0', '--db', dbPath]);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`${dbPath} is damaged at byte ${start} (its lineOf): it is not one line per customer`);
});
