/**
 * The mock's durable store: served from memory, and a write is acknowledged only once it is on disk.
 *
 * Files, next to `<db>`:
 * - `<db>`, the snapshot: N customer JSON lines, M audit entry lines, N summary JSON lines (what lists show), then
 *   typed blocks (snapshot-blocks.ts) — where each customer's and summary's line starts, and the search index
 *   (search/search-blocks.ts) — then a one-line JSON trailer that says where everything is.
 * - `<db>.journal-<g>`: one JSON line per acknowledged write, `{"customer":…,"audit":[…]}`, fdatasync'd before the answer.
 *
 * Start reads the trailer, the audit lines and the blocks (copies, no parsing: a million customers load in well
 * under a second); a customer's JSON or summary is read (pread) when it is used, and parsed the first time it is
 * needed whole. Then the journals of generation ≥ g are replayed in order; a torn last line (a crash mid-append,
 * never acknowledged) is cut off. Replay is idempotent: a line holds the customer's whole new state; audit
 * entries have ids.
 *
 * Compaction, off the request path once the journal holds `compactAfter` writes: new writes go to journal g+1;
 * the state as of that instant is written to `<db>.tmp` in chunks (search index rebuilt),
 * fsync'd, renamed over `<db>`, the folder fsync'd, and journals < g+1 deleted. A crash at any step leaves the old snapshot with all its journals, or
 * the new one with its own: both load with every acknowledged write. The old snapshot stays open (its inode lives
 * on after the rename), so unchanged customers keep being read from it.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type AuditEntry, type Customer, type CustomerSummary, summaryOf } from '@/domain/schemas';
import { fold, searchable } from '@/domain/search';
import { flattenSearchBlocks, SearchBlocksBuilder, unflattenSearchBlocks } from './search/search-blocks';
import { SearchIndex } from './search/search-index';
import { SortedStrings, type Sorter } from './search/sorted-strings';
import { type BlockAt, blockBytes, readBlock, readBytes } from './snapshot-blocks';
import { chunkOf, joinLines, type SnapshotChunk } from './snapshot-chunk';
import { tsWorker } from './ts-worker';

export const DEFAULT_SEED_COUNT = 1000;
export const DEFAULT_COMPACT_AFTER = 10_000;
const FORMAT = 'customer-desk-db';
const VERSION = 3;
const CHUNK = 2000;

export interface OpenOptions {
  path: string;
  seed?: number;
  seedValue?: number;
  reset?: boolean;
  compactAfter?: number;
  /** Called as seeding goes: customers written so far of `total`. */
  onSeedProgress?: (done: number, total: number) => void;
}

interface Trailer {
  format: string;
  version: number;
  generation: number;
  customers: number;
  audit: number;
  auditStart: number;
  /**
   * `offsets` and `summaryOffsets` (N+1 line starts each, float64, in line order), `lineOf` (record → line) and
   * the search index's blocks.
   */
  blocks: Record<string, BlockAt>;
  end: number;
}

interface JournalLine {
  customer: Customer;
  audit: AuditEntry[];
}

/** What a snapshot is written from: freshly seeded customers, an older file, or the live store during compaction. */
interface SnapshotSource {
  generation: number;
  count: number;
  audit: AuditEntry[];
  /** Customers [from, to), asked for in order. */
  chunk(from: number, to: number): Promise<SnapshotChunk>;
  /** How to sort the search blocks (default: in this thread). */
  sort?: Sorter;
}

function fsyncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a whole snapshot to `<path>.tmp`, fsyncs it and renames it over `path`. */
export async function writeSnapshot(
  path: string,
  source: SnapshotSource,
  onProgress: (done: number) => void = () => {},
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w');
  try {
    let position = 0;
    const put = async (bytes: Uint8Array) => {
      await file.write(bytes, 0, bytes.length, position);
      position += bytes.length;
    };
    const offsets = new Float64Array(source.count + 1);
    // Summaries are written after the audit lines: kept until then (a quarter of the customers' bytes).
    const summaries: Uint8Array[] = [];
    const summaryOffsets = new Float64Array(source.count + 1);
    let summaryBytes = 0;
    const search = new SearchBlocksBuilder();
    for (let from = 0; from < source.count; from += CHUNK) {
      const to = Math.min(source.count, from + CHUNK);
      const chunk = await source.chunk(from, to);
      for (let k = 0; k < to - from; k++) {
        offsets[from + k] = position + (k && chunk.customers.ends[k - 1]);
        summaryOffsets[from + k] = summaryBytes + (k && chunk.summaries.ends[k - 1]);
      }
      await put(chunk.customers.bytes);
      summaries.push(chunk.summaries.bytes);
      summaryBytes += chunk.summaries.bytes.length;
      for (const c of chunk.searchables) search.add(c);
      onProgress(to);
    }
    offsets[source.count] = position;
    const auditStart = position;
    for (let from = 0; from < source.audit.length; from += CHUNK) {
      await put(joinLines(source.audit.slice(from, from + CHUNK).map((a) => Buffer.from(JSON.stringify(a)))).bytes);
    }
    for (let i = 0; i <= source.count; i++)
      summaryOffsets[i] = i < source.count ? summaryOffsets[i] + position : position + summaryBytes;
    for (const bytes of summaries.splice(0)) await put(bytes);
    // Records are numbered in tie order (search/search-blocks.ts); `lineOf` says which line each record is.
    const { blocks: index, lineOf } = await search.build(source.sort);
    const blocks: Trailer['blocks'] = {};
    for (const [name, value] of Object.entries({ offsets, summaryOffsets, lineOf, ...flattenSearchBlocks(index) })) {
      const { bytes, type } = blockBytes(value);
      blocks[name] = { start: position, end: position + bytes.length, type };
      await put(bytes);
    }
    const trailer: Trailer = {
      format: FORMAT,
      version: VERSION,
      generation: source.generation,
      customers: source.count,
      audit: source.audit.length,
      auditStart,
      blocks,
      end: position,
    };
    await put(Buffer.from(`\n${JSON.stringify(trailer)}\n`));
    await file.sync();
  } finally {
    await file.close();
  }
  renameSync(temp, path);
  fsyncFolder(path);
}

/** What a compaction worker is given: the snapshot to rewrite, and what changed since it was written. */
export interface Compaction {
  path: string;
  generation: number;
  audit: AuditEntry[];
  /**
   * The JSON now of each customer written since this store opened its snapshot (found in the file by id: a
   * compaction since then has numbered the records afresh).
   */
  changed: string[];
}

/**
 * The store as it is now: the snapshot at `path` with the changed customers in it, read a chunk of lines at a time
 * (the new snapshot numbers its records afresh, so the order they come in is free).
 */
export function compactionSource({ path, generation, audit, changed }: Compaction): SnapshotSource {
  const fd = openSync(path, 'r');
  const t = readTrailer(fd, path);
  const offsets = readBlock(fd, t.blocks.offsets) as Float64Array;
  const summaryOffsets = readBlock(fd, t.blocks.summaryOffsets) as Float64Array;
  const lineOf = readBlock(fd, t.blocks.lineOf) as Int32Array;
  const part = (name: string) => readBlock(fd, t.blocks[`ids.${name}`]);
  const ids = new SortedStrings({
    text: part('text') as string,
    starts: part('starts') as Int32Array,
    records: part('records') as Int32Array,
  });
  const lineOfId = (json: string) => lineOf[ids.find(fold((JSON.parse(json) as Customer).id))!];
  const now = new Map(changed.map((json) => [lineOfId(json), json]));
  return {
    generation,
    count: t.customers,
    audit,
    chunk: async (from, to) => {
      const lines = (at: Float64Array) => {
        const bytes = readBytes(fd, at[from], at[to]);
        return (i: number) => bytes.subarray(at[i] - at[from], at[i + 1] - at[from] - 1);
      };
      const [customerLine, summaryLine] = [lines(offsets), lines(summaryOffsets)];
      const customers: Uint8Array[] = [];
      const summaries: Uint8Array[] = [];
      const searchables = [];
      for (let i = from; i < to; i++) {
        const json = now.get(i);
        const summary = json === undefined ? summaryLine(i) : Buffer.from(JSON.stringify(summaryOf(JSON.parse(json))));
        customers.push(json === undefined ? customerLine(i) : Buffer.from(json));
        summaries.push(summary);
        searchables.push(searchable(JSON.parse(summary.toString()) as CustomerSummary));
      }
      if (to === t.customers) closeSync(fd);
      return { customers: joinLines(customers), summaries: joinLines(summaries), searchables };
    },
  };
}

function sourceOf(customers: Customer[], audit: AuditEntry[] = []): SnapshotSource {
  return {
    generation: 0,
    count: customers.length,
    audit,
    chunk: async (from, to) => chunkOf(customers.slice(from, to)),
  };
}

function trailerOf(path: string): Trailer | null {
  const fd = openSync(path, 'r');
  try {
    return readTrailer(fd, path);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The walking skeleton kept one JSON document `{ customers, auditLog }`: such a file is converted once. */
function legacySource(path: string): SnapshotSource | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { customers?: Customer[]; auditLog?: AuditEntry[] };
    return Array.isArray(data.customers) ? sourceOf(data.customers, data.auditLog ?? []) : null;
  } catch {
    return null;
  }
}

function readTrailer(fd: number, path: string): Trailer {
  const size = fstatSync(fd).size;
  const tail = readBytes(fd, Math.max(0, size - 4096), size).toString('latin1');
  const start = tail.lastIndexOf('\n', tail.length - 2);
  let trailer: Trailer | undefined;
  try {
    trailer = JSON.parse(tail.slice(start + 1)) as Trailer;
  } catch {
    // reported below
  }
  if (trailer?.format !== FORMAT || (trailer.version !== VERSION && trailer.version !== 2))
    throw new Error(`${path} is not a Customer Desk database; start with --reset (or --seed N) to recreate it.`);
  return trailer;
}

/** A snapshot of the version before (no summaries, another search index), read once to be rewritten. */
function version2Source(path: string): SnapshotSource {
  const fd = openSync(path, 'r');
  const t = readTrailer(fd, path) as Trailer & { offsetsStart: number; searchStart: number };
  const bytes = readBytes(fd, t.offsetsStart, t.offsetsStart + 8 * (t.customers + 1));
  const offsets = new Float64Array(bytes.buffer, bytes.byteOffset, t.customers + 1);
  const lines = (from: number, to: number, count: number) =>
    count ? readBytes(fd, from, to).toString('utf8').split('\n', count) : [];
  return {
    generation: t.generation,
    count: t.customers,
    audit: lines(t.auditStart, t.searchStart, t.audit).map((line) => JSON.parse(line) as AuditEntry),
    chunk: async (from, to) =>
      chunkOf(lines(offsets[from], offsets[to], to - from).map((line) => JSON.parse(line) as Customer)),
  };
}

function journalsOf(path: string): { generation: number; file: string }[] {
  if (!existsSync(dirname(path))) return [];
  const prefix = `${basename(path)}.journal-`;
  return readdirSync(dirname(path))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ generation: Number(name.slice(prefix.length)), file: join(dirname(path), name) }))
    .sort((a, b) => a.generation - b.generation);
}

export class Database {
  readonly auditLog: AuditEntry[] = [];
  /** Byte offsets of each customer's line in the snapshot; offsets[count] is where they end. */
  private readonly offsets: Float64Array;
  /** The same for each customer's summary line. */
  private readonly summaryOffsets: Float64Array;
  /** Record i (customers are numbered in tie order) is line lineOf[i]. */
  private readonly lineOf: Int32Array;
  /** Search, and finding a customer by id (search/search-index.ts). */
  readonly search: SearchIndex;
  private readonly parsed: (Customer | undefined)[];
  private readonly json: (string | undefined)[];
  /** 1 where the record changed since the snapshot was read: its bytes there are stale. */
  private readonly dirty: Uint8Array;
  private readonly auditIds = new Set<string>();
  private generation: number;
  private journalFd = -1;
  private journalWrites = 0;
  private compacting: Promise<void> | null = null;

  private constructor(
    readonly path: string,
    private readonly snapshotFd: number,
    private readonly compactAfter: number,
  ) {
    const t = readTrailer(snapshotFd, path);
    this.generation = t.generation;
    const block = (name: string) => {
      if (!t.blocks[name]) throw new Error(`${path} has no ${name} block; start with --reset to recreate it.`);
      return readBlock(snapshotFd, t.blocks[name]);
    };
    this.offsets = block('offsets') as Float64Array;
    this.summaryOffsets = block('summaryOffsets') as Float64Array;
    this.lineOf = block('lineOf') as Int32Array;
    this.search = new SearchIndex(unflattenSearchBlocks(block));
    this.parsed = new Array<Customer | undefined>(t.customers);
    this.json = new Array<string | undefined>(t.customers);
    this.dirty = new Uint8Array(t.customers);
    if (t.audit) {
      // The audit lines end where the summaries begin.
      for (const line of readBytes(snapshotFd, t.auditStart, this.summaryOffsets[0])
        .toString('utf8')
        .split('\n', t.audit))
        this.addAudit(JSON.parse(line) as AuditEntry);
    }
  }

  static async open({
    path,
    seed,
    seedValue = 1,
    reset = false,
    compactAfter = DEFAULT_COMPACT_AFTER,
    onSeedProgress,
  }: OpenOptions): Promise<Database> {
    if (seed !== undefined || reset || !existsSync(path)) {
      for (const { file } of journalsOf(path)) rmSync(file);
      const count = seed ?? DEFAULT_SEED_COUNT;
      // Loaded only to seed: the fake-data library is a third of the start-up time.
      const { seedChunks } = await import('./seed-chunks');
      const chunks = seedChunks(count, seedValue, CHUNK);
      try {
        await writeSnapshot(path, { generation: 0, count, audit: [], chunk: chunks.chunk, sort: chunks.sort }, (done) =>
          onSeedProgress?.(done, count),
        );
      } finally {
        await chunks.close();
      }
    } else {
      const trailer = trailerOf(path);
      const older = trailer ? (trailer.version === 2 ? version2Source(path) : null) : legacySource(path);
      if (older) await writeSnapshot(path, older);
    }
    const db = new Database(path, openSync(path, 'r'), compactAfter);
    db.replayJournals();
    return db;
  }

  indexOf(id: string): number | undefined {
    return this.search.indexOf(id);
  }

  get count(): number {
    return this.parsed.length;
  }

  customer(i: number): Customer {
    this.parsed[i] ??= JSON.parse(this.customerJson(i)) as Customer;
    return this.parsed[i];
  }

  private line(offsets: Float64Array, i: number): string {
    const line = this.lineOf[i];
    return readBytes(this.snapshotFd, offsets[line], offsets[line + 1] - 1).toString('utf8');
  }

  /** A customer's JSON text, straight from the snapshot bytes when it has not changed. */
  customerJson(i: number): string {
    // Kept once read: result pages repeat, and a pread per customer per page adds up.
    this.json[i] ??= this.dirty[i] ? JSON.stringify(this.parsed[i]) : this.line(this.offsets, i);
    return this.json[i];
  }

  /** A customer's summary as JSON text (what lists show), read from the snapshot when it has not changed. */
  summaryJson(i: number): string {
    return this.dirty[i] ? JSON.stringify(summaryOf(this.parsed[i]!)) : this.line(this.summaryOffsets, i);
  }

  summary(i: number): CustomerSummary {
    return JSON.parse(this.summaryJson(i)) as CustomerSummary;
  }

  /** Makes a write durable (journal append + fdatasync), then applies it. Throws, changing nothing, if the disk refuses. */
  commit(customer: Customer, audit: AuditEntry[]): void {
    writeSync(this.journalFd, `${JSON.stringify({ customer, audit } satisfies JournalLine)}\n`);
    fdatasyncSync(this.journalFd);
    this.apply(customer);
    for (const entry of audit) this.addAudit(entry);
    if (++this.journalWrites >= this.compactAfter && !this.compacting) {
      this.compacting = this.compact()
        .catch((error: Error) => {
          process.stderr.write(`compaction failed, the journal keeps every write: ${error.message}\n`);
        })
        .finally(() => (this.compacting = null));
    }
  }

  private apply(customer: Customer): void {
    const i = this.indexOf(customer.id);
    if (i === undefined) throw new Error(`the journal names an unknown customer ${customer.id}`);
    const before = this.customer(i);
    this.parsed[i] = customer;
    this.json[i] = undefined;
    this.dirty[i] = 1;
    this.search.update(i, before, customer);
  }

  private addAudit(entry: AuditEntry): void {
    if (this.auditIds.has(entry.id)) return;
    this.auditIds.add(entry.id);
    this.auditLog.push(entry);
  }

  private replayJournals(): void {
    for (const { generation, file } of journalsOf(this.path)) {
      if (generation < this.generation) {
        rmSync(file); // already in the snapshot: a compaction stopped before deleting it
        continue;
      }
      const bytes = readFileSync(file);
      let complete = 0;
      for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, complete)) {
        const { customer, audit } = JSON.parse(bytes.toString('utf8', complete, end)) as JournalLine;
        this.apply(customer);
        for (const entry of audit) this.addAudit(entry);
        complete = end + 1;
        this.journalWrites++;
      }
      if (complete < bytes.length) {
        // A torn last line: written, never fsync'd, never acknowledged. Cut it so new lines start clean.
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, complete);
        fsyncSync(fd);
        closeSync(fd);
      }
      this.generation = generation;
    }
    const journal = this.journalPath(this.generation);
    const created = !existsSync(journal);
    this.journalFd = openSync(journal, 'a');
    if (created) fsyncFolder(this.path); // a new journal's name must be on disk before a write in it is acknowledged
  }

  private journalPath(generation: number): string {
    return `${this.path}.journal-${generation}`;
  }

  private async compact(): Promise<void> {
    // Switch journals first: the snapshot below holds exactly what the older journals hold.
    const generation = this.generation + 1;
    const oldFd = this.journalFd;
    this.journalFd = openSync(this.journalPath(generation), 'a');
    fsyncFolder(this.path);
    closeSync(oldFd);
    this.generation = generation;
    this.journalWrites = 0;

    // The snapshot is written by a worker thread (compact-worker.ts): rebuilding the search index of a million
    // customers takes seconds this thread must spend answering requests.
    const changed: string[] = [];
    for (let i = 0; i < this.count; i++) if (this.dirty[i]) changed.push(JSON.stringify(this.parsed[i]));
    await new Promise<void>((done, fail) => {
      const worker = tsWorker(new URL('./compact-worker.ts', import.meta.url), {
        path: this.path,
        generation,
        audit: this.auditLog,
        changed,
      } satisfies Compaction);
      worker.once('message', () => done());
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`the compaction worker stopped (exit code ${code})`)));
    });
    for (const j of journalsOf(this.path)) if (j.generation < generation) rmSync(j.file);
  }
}
