/**
 * The mock's durable store: served from memory, and a write is acknowledged only once it is on disk.
 *
 * Files, next to `<db>`:
 * - `<db>`, the snapshot: N customer JSON lines, M audit entry lines, N summary JSON lines (what lists show), then
 *   typed blocks (snapshot-blocks.ts) — where each customer's and summary's line starts, and the search index
 *   (search/search-blocks.ts) — then a one-line JSON trailer that says where everything is.
 * - `<db>.journal-<g>`: one JSON line per acknowledged write, `{"customer":…,"audit":[…]}`, fdatasync'd before the
 *   answer (journal.ts).
 * - `<file>.damaged-<time>`: a damaged file set aside by `--recover` (recover.ts); never read again.
 *
 * Start reads the trailer, the audit lines and the blocks (copies, no parsing: a million customers load in well
 * under a second); a customer's JSON or summary is read (pread) when it is used, and parsed the first time it is
 * needed whole. Then the journals of generation ≥ g are replayed in order; a torn last line (a crash mid-append,
 * never acknowledged) is cut off. Replay is idempotent: a line holds the customer's whole new state; audit entries
 * have ids.
 *
 * Damage is named, never skipped (damage.ts): start-up checks the trailer, that every block it declares fits the
 * file and holds what its size says, the line offsets, the audit lines and every journal line, and throws a
 * DamageError naming the file and line or byte — before it changes any file. A customer line is checked when it is
 * first parsed (a 500 `damaged-file`); `--recover` checks them all. With `--recover`, what precedes the damage
 * becomes a new snapshot (recover.ts).
 *
 * A write the disk refuses (no space, an I/O error, a short write that cannot be finished) throws a StorageError
 * before anything changes in memory; the journal is cut back to its last whole line, so it always loads, and the
 * next write simply tries again (journal.ts).
 *
 * Compaction, off the request path once the journal holds `compactAfter` writes: new writes go to journal g+1; the
 * state as of that instant is written to `<db>.tmp` in chunks, rebuilding the search index (on a worker thread,
 * compact-worker.ts, for a large store), fsync'd and renamed over `<db>`; the folder is fsync'd and journals < g+1
 * deleted. A crash at any step leaves the old snapshot with all its journals, or the new one with its own: both
 * load with every acknowledged write. A failure (a full disk) or `close()` removes `<db>.tmp` and leaves the old snapshot and
 * journals as they are. The old snapshot stays open (its inode lives on after the rename), so unchanged customers
 * keep being read from it.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type AuditEntry, type Customer, type CustomerSummary, summaryOf } from '@/domain/schemas';
import { fold, searchable } from '@/domain/search';
import { DamageError, firstBadLine, type Layout, layoutProblem, missingTrailer, offsetsProblem } from './damage';
import { fsyncFolder, readAt } from './disk';
import {
  cutTornLine,
  type JournalLine,
  type JournalRead,
  JournalWriter,
  journalPath,
  journalsOf,
  readJournal,
} from './journal';
import { entriesIn, journalEntries, type Recovery, recoveryNote, salvageSnapshot, setAside } from './recover';
import {
  flattenSearchBlocks,
  SearchBlocksBuilder,
  searchBlocksProblem,
  unflattenSearchBlocks,
} from './search/search-blocks';
import { SearchIndex } from './search/search-index';
import { SortedStrings, type Sorter } from './search/sorted-strings';
import { type BlockAt, blockBytes, blocksProblem, readBlock } from './snapshot-blocks';
import { chunkOf, joinLines, type SnapshotChunk } from './snapshot-chunk';
import type { StorageState } from './storage-error';
import { tsWorker } from './ts-worker';

export const DEFAULT_SEED_COUNT = 1000;
export const DEFAULT_COMPACT_AFTER = 10_000;
const FORMAT = 'customer-desk-db';
const VERSION = 3;
const CHUNK = 2000;
/** Smaller stores compact in this thread: a worker's start costs more than the index it would build. */
const COMPACT_IN_THREAD_BELOW = 20_000;

export interface OpenOptions {
  path: string;
  seed?: number;
  seedValue?: number;
  reset?: boolean;
  compactAfter?: number;
  /** Set damaged files aside and load what precedes the damage, instead of refusing to start. */
  recover?: boolean;
  /** Start from these instead (`--fixtures`), replacing the database as `seed` does. */
  fixtures?: { customers: Customer[]; auditLog: AuditEntry[] };
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
  /** Where the summary lines begin (and the audit lines end). */
  summaryStart: number;
  /**
   * `offsets` and `summaryOffsets` (N+1 line starts each, float64, in line order), `lineOf` (record → line) and
   * the search index's blocks, one after another from where the summary lines end.
   */
  blocks: Record<string, BlockAt>;
  end: number;
}

/** The trailer of the format before (2): its layout is checked as damage.ts knows it, to convert it once. */
type Version2 = Layout & { format: string; version: 2; generation: number };

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

/** Writes a whole snapshot to `<path>.tmp`, fsyncs it and renames it over `path`. */
export async function writeSnapshot(
  path: string,
  source: SnapshotSource,
  onProgress: (done: number) => void = () => {},
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  try {
    await writeBlocks(temp, source, onProgress);
    renameSync(temp, path);
  } catch (error) {
    // The old snapshot and its journals are whole: only the half-written copy goes (on a full disk, its space too).
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncFolder(path);
}

async function writeBlocks(temp: string, source: SnapshotSource, onProgress: (done: number) => void): Promise<void> {
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
    const summaryStart = position;
    for (let i = 0; i < source.count; i++) summaryOffsets[i] += summaryStart;
    summaryOffsets[source.count] = summaryStart + summaryBytes;
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
      summaryStart,
      blocks,
      end: position,
    };
    await put(Buffer.from(`\n${JSON.stringify(trailer)}\n`));
    await file.sync();
  } finally {
    await file.close();
  }
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
export function compactionSource(
  { path, generation, audit, changed }: Compaction,
  stopped: () => void = () => {},
): SnapshotSource {
  const fd = openSync(path, 'r');
  const t = readTrailer(fd, path) as Trailer;
  const block = (name: string) => readBlock(fd, t.blocks[name], path);
  const offsets = block('offsets') as Float64Array;
  const summaryOffsets = block('summaryOffsets') as Float64Array;
  const lineOf = block('lineOf') as Int32Array;
  const ids = new SortedStrings(unflattenSearchBlocks(block).ids);
  const lineOfId = (json: string) => lineOf[ids.find(fold((JSON.parse(json) as Customer).id))!];
  const now = new Map(changed.map((json) => [lineOfId(json), json]));
  return {
    generation,
    count: t.customers,
    audit,
    chunk: async (from, to) => {
      stopped();
      const lines = (at: Float64Array) => {
        const bytes = readAt(fd, at[from], at[to]);
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

function sourceOf(customers: Customer[], audit: AuditEntry[] = [], generation = 0): SnapshotSource {
  return {
    generation,
    count: customers.length,
    audit,
    chunk: async (from, to) => chunkOf(customers.slice(from, to)),
  };
}

/** The trailer of the file at `path`, or null when it has none (or a damaged one: loading it will say so). */
function trailerOf(path: string): Trailer | Version2 | null {
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

/** A snapshot of the version before (no summaries, another search index), read once to be rewritten. */
function version2Source(path: string, t: Version2): SnapshotSource {
  const fd = openSync(path, 'r');
  const bytes = readAt(fd, t.offsetsStart, t.offsetsStart + 8 * (t.customers + 1));
  const offsets = new Float64Array(bytes.buffer, bytes.byteOffset, t.customers + 1);
  const lines = (from: number, to: number, count: number) =>
    count ? readAt(fd, from, to).toString('utf8').split('\n', count) : [];
  return {
    generation: t.generation,
    count: t.customers,
    audit: lines(t.auditStart, t.searchStart, t.audit).map((line) => JSON.parse(line) as AuditEntry),
    chunk: async (from, to) =>
      chunkOf(lines(offsets[from], offsets[to], to - from).map((line) => JSON.parse(line) as Customer)),
  };
}

/** The trailer, checked: a file without one, or whose blocks do not fit the file, is damaged (damage.ts). */
function readTrailer(fd: number, path: string): Trailer | Version2 {
  const size = fstatSync(fd).size;
  const tailStart = Math.max(0, size - 64 * 1024);
  const tail = readAt(fd, tailStart, size).toString('latin1');
  const start = tail.lastIndexOf('\n', tail.length - 2);
  let trailer: Trailer | Version2 | undefined;
  try {
    trailer = tail.endsWith('\n') ? (JSON.parse(tail.slice(start + 1)) as Trailer | Version2) : undefined;
  } catch {
    // reported below
  }
  if (trailer?.format !== FORMAT || (trailer.version !== VERSION && trailer.version !== 2))
    throw missingTrailer(fd, path, size);
  const at = tailStart + start;
  const problem =
    trailer.version === 2
      ? layoutProblem(trailer as Version2, at)
      : blocksProblem(trailer as Trailer, (trailer as Trailer).summaryStart, at);
  if (problem) throw new DamageError(path, `byte ${at + 1} (its trailer)`, problem);
  return trailer;
}

export class Database {
  readonly auditLog: AuditEntry[] = [];
  private readonly trailer: Trailer;
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
  private journal: JournalWriter | undefined;
  private journalWrites = 0;
  private compacting: Promise<void> | null = null;
  /** Stops the compaction worker under way, if any. */
  private stopCompaction: (() => void) | null = null;
  private closing = false;
  /** What `--recover` did, for the start-up message. */
  recovered: string | null = null;
  /** Whether this open made the store anew (seeded, from fixtures, or reset) rather than loading what was there. */
  created = false;

  private constructor(
    readonly path: string,
    private readonly snapshotFd: number,
    private readonly compactAfter: number,
  ) {
    const t = readTrailer(snapshotFd, path);
    if (t.version !== VERSION) throw new Error(`${path} is of format ${t.version}: it should have been converted`);
    this.trailer = t;
    this.generation = t.generation;
    const block = (name: string) => readBlock(snapshotFd, t.blocks[name], path);
    this.offsets = block('offsets') as Float64Array;
    this.summaryOffsets = block('summaryOffsets') as Float64Array;
    this.lineOf = block('lineOf') as Int32Array;
    const where = (name: string) => `byte ${t.blocks[name].start} (its ${name})`;
    const problem =
      offsetsProblem(this.offsets, t.auditStart) ??
      offsetsProblem(this.summaryOffsets, t.blocks.offsets.start, t.summaryStart);
    if (problem) throw new DamageError(path, where('offsets'), problem);
    const blocks = unflattenSearchBlocks(block);
    const damage = searchBlocksProblem(blocks, this.lineOf, t.customers);
    if (damage) throw new DamageError(path, where(damage.block), damage.problem);
    this.search = new SearchIndex(blocks);
    this.parsed = new Array<Customer | undefined>(t.customers);
    this.json = new Array<string | undefined>(t.customers);
    this.dirty = new Uint8Array(t.customers);
    if (t.audit) this.readAudit();
  }

  private readAudit(): void {
    const t = this.trailer;
    const lines = readAt(this.snapshotFd, t.auditStart, t.summaryStart).toString('utf8').split('\n', t.audit);
    let byte = t.auditStart;
    for (const [k, line] of lines.entries()) {
      let entry: AuditEntry | undefined;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        // reported below
      }
      if (typeof entry?.id !== 'string')
        throw new DamageError(this.path, `line ${t.customers + k + 1} (byte ${byte})`, 'not an audit entry');
      this.addAudit(entry);
      byte += Buffer.byteLength(line) + 1;
    }
  }

  static async open({
    path,
    seed,
    seedValue = 1,
    reset = false,
    compactAfter = DEFAULT_COMPACT_AFTER,
    recover = false,
    fixtures,
    onSeedProgress,
  }: OpenOptions): Promise<Database> {
    const created = fixtures !== undefined || seed !== undefined || reset || !existsSync(path);
    if (fixtures) {
      for (const { file } of journalsOf(path)) rmSync(file);
      await writeSnapshot(path, sourceOf(fixtures.customers, fixtures.auditLog));
    } else if (created) {
      for (const { file } of journalsOf(path)) rmSync(file);
      const count = seed ?? DEFAULT_SEED_COUNT;
      // Loaded only to seed: the fake-data library is a third of the start-up time.
      const { seedChunks } = await import('./seed/seed-chunks');
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
      const older = trailer
        ? trailer.version === 2
          ? version2Source(path, trailer as Version2)
          : null
        : legacySource(path);
      if (older) await writeSnapshot(path, older);
    }
    let recovery: Recovery | undefined;
    let db: Database;
    try {
      db = Database.load(path, compactAfter, recover);
    } catch (error) {
      if (!(error instanceof DamageError) || error.file !== path || !recover) throw error;
      const salvage = salvageSnapshot(path, error, journalsOf(path));
      await writeSnapshot(path, sourceOf(salvage.customers, salvage.audit, salvage.generation));
      recovery = salvage.recovery;
      db = Database.load(path, compactAfter, recover);
    }
    db.created = created;
    const replayed = await db.replayJournals(recover);
    recovery ??= replayed;
    if (recovery) db.recovered = recoveryNote(recovery);
    else if (recover)
      db.recovered = '--recover: every line of the database file and its journals was read; nothing is damaged.';
    return db;
  }

  /**
   * Writes `customers` and `audit` as a whole snapshot at `path` (through `<path>.tmp`, fsync'd) of `generation`:
   * above every journal's, it replaces the store's state in one rename (admin/store-swap.ts).
   */
  static async writeData(path: string, customers: Customer[], audit: AuditEntry[], generation: number): Promise<void> {
    await writeSnapshot(path, sourceOf(customers, audit, generation));
  }

  /**
   * Copies the snapshot at `from` to `to`, fsync'd, as generation `generation`: the same state, to take the place of
   * a newer one (a reset). Only the trailer differs, so this costs a file copy.
   */
  static copySnapshot(from: string, to: string, generation: number): void {
    copyFileSync(from, to);
    const fd = openSync(to, 'r+');
    try {
      const trailer = readTrailer(fd, to);
      const line = Buffer.from(`${JSON.stringify({ ...trailer, generation })}\n`);
      ftruncateSync(fd, trailer.end + 1);
      writeSync(fd, line, 0, line.length, trailer.end + 1);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Opens the snapshot, checking its layout. `thorough` (for --recover) also reads every customer line. */
  private static load(path: string, compactAfter: number, thorough: boolean): Database {
    const fd = openSync(path, 'r');
    try {
      const db = new Database(path, fd, compactAfter);
      if (thorough) {
        const bad = firstBadLine(fd, db.offsets);
        if (bad !== null) throw new DamageError(path, `line ${bad + 1} (byte ${db.offsets[bad]})`, 'not a customer');
      }
      return db;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  indexOf(id: string): number | undefined {
    return this.search.indexOf(id);
  }

  get count(): number {
    return this.parsed.length;
  }

  /** The generation writes go to now; a snapshot of a higher one supersedes this store and all its journals. */
  get currentGeneration(): number {
    return this.generation;
  }

  customer(i: number): Customer {
    try {
      this.parsed[i] ??= JSON.parse(this.customerJson(i)) as Customer;
    } catch {
      // Start-up checks the layout, not every customer line (that would be reading them all): found here instead.
      this.json[i] = undefined;
      const line = this.lineOf[i];
      throw new DamageError(this.path, `line ${line + 1} (byte ${this.offsets[line]})`, 'not a customer');
    }
    return this.parsed[i];
  }

  private line(offsets: Float64Array, i: number): string {
    const line = this.lineOf[i];
    return readAt(this.snapshotFd, offsets[line], offsets[line + 1] - 1).toString('utf8');
  }

  /** A customer's JSON text, straight from the snapshot bytes when it has not changed. */
  customerJson(i: number): string {
    // Kept once read: result pages repeat, and a pread per customer per page adds up.
    this.json[i] ??= this.customerJsonOnce(i);
    return this.json[i];
  }

  /** The same text, not kept: for reading every customer once (an export), which would otherwise keep them all. */
  customerJsonOnce(i: number): string {
    return this.json[i] ?? (this.dirty[i] ? JSON.stringify(this.parsed[i]) : this.line(this.offsets, i));
  }

  /** A customer's summary as JSON text (what lists show), read from the snapshot when it has not changed. */
  summaryJson(i: number): string {
    return this.dirty[i] ? JSON.stringify(summaryOf(this.parsed[i]!)) : this.line(this.summaryOffsets, i);
  }

  summary(i: number): CustomerSummary {
    return JSON.parse(this.summaryJson(i)) as CustomerSummary;
  }

  /**
   * Makes a write durable (journal append + fdatasync), then applies it. If the disk refuses, throws a StorageError
   * having changed nothing: not the journal (cut back to its last whole line), not the memory.
   */
  commit(customer: Customer, audit: AuditEntry[]): void {
    this.journal!.append(Buffer.from(`${JSON.stringify({ customer, audit } satisfies JournalLine)}\n`));
    this.apply(customer);
    for (const entry of audit) this.addAudit(entry);
    if (++this.journalWrites >= this.compactAfter && !this.compacting) {
      this.compacting = this.compact()
        .catch((error: Error) => {
          if (!this.closing)
            process.stderr.write(`compaction failed, the journal keeps every write: ${error.message}\n`);
        })
        .finally(() => {
          this.compacting = null;
        });
    }
  }

  /** How the last write to disk went: `full` or `error` until one succeeds again. */
  get storage(): StorageState {
    return this.journal?.state ?? 'ok';
  }

  /** Folds the journals into the snapshot now (as a compaction does after `compactAfter` writes). */
  async fold(): Promise<void> {
    await this.compacting;
    await this.compact();
  }

  /** Stops a compaction under way (its half-written copy is removed; the journals keep everything) and closes the files. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopCompaction?.();
    await this.compacting;
    this.journal?.close();
    closeSync(this.snapshotFd);
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

  /**
   * Reads every journal of this snapshot's generation or newer, checking each line, before it changes any file.
   * On damage it throws a DamageError; with `recover`, it keeps what precedes the damage, sets the damaged journal and
   * all newer ones aside, and folds the rest into a new snapshot.
   */
  private async replayJournals(recover: boolean): Promise<Recovery | undefined> {
    const all = journalsOf(this.path);
    const journals = all.filter((j) => j.generation >= this.generation);
    const known = (id: string) => this.indexOf(id) !== undefined;
    const reads: JournalRead[] = [];
    for (const [n, { file }] of journals.entries()) {
      reads.push(readJournal(file, n === journals.length - 1, known));
      if (reads[n].damage) break;
    }
    const damage = reads.at(-1)?.damage;
    const dropped = damage ? damage.lines + entriesIn(journals.slice(reads.length)) : 0;
    const error =
      damage &&
      new DamageError(
        journals[reads.length - 1].file,
        `line ${damage.line} (byte ${damage.byte})`,
        damage.problem,
        `Loading stops there: the ${journalEntries(dropped)} from that line on cannot be loaded.`,
      );
    if (error && !recover) throw error;

    // Nothing is damaged (or the damage is being recovered): now files may change.
    for (const j of all) if (j.generation < this.generation) rmSync(j.file); // in the snapshot: a compaction stopped before deleting it
    let kept = 0;
    for (const [n, read] of reads.entries()) {
      for (const entry of read.entries) {
        this.apply(entry.customer);
        for (const a of entry.audit) this.addAudit(a);
      }
      kept += read.entries.length;
      this.journalWrites += read.entries.length;
      this.generation = journals[n].generation;
      // A torn last line: written, never fsync'd, never acknowledged. Cut so that new lines start clean.
      if (!read.damage && read.complete < read.size) cutTornLine(journals[n].file, read.complete);
    }
    if (!error) {
      this.journal = new JournalWriter(journalPath(this.path, this.generation));
      return undefined;
    }

    const asides = setAside(journals.slice(reads.length - 1).map((j) => j.file));
    // The new snapshot's generation is above every journal's, so all of them, the damaged ones too, become obsolete.
    this.generation = journals[journals.length - 1].generation;
    await this.compact();
    return {
      damage: error,
      kept: `the database file and the ${journalEntries(kept)} before the damage`,
      dropped: journalEntries(dropped),
      asides,
    };
  }

  private async compact(): Promise<void> {
    // Switch journals first: the snapshot below holds exactly what the older journals hold. The old one must end
    // with a whole line (a failed append may not have been cut back yet), and the new one must open, or nothing switches.
    const generation = this.generation + 1;
    this.journalWrites = 0; // counted from here even if this attempt fails: the next one comes compactAfter writes later
    this.journal?.settle();
    const journal = new JournalWriter(journalPath(this.path, generation));
    journal.state = this.storage;
    this.journal?.close();
    this.journal = journal;
    this.generation = generation;

    const changed: string[] = [];
    for (let i = 0; i < this.count; i++) if (this.dirty[i]) changed.push(JSON.stringify(this.parsed[i]));
    const compaction = { path: this.path, generation, audit: this.auditLog, changed };
    // A large store's snapshot is written by a worker thread (compact-worker.ts): rebuilding the search index of a
    // million customers takes seconds this thread must spend answering requests.
    if (this.count >= COMPACT_IN_THREAD_BELOW) await this.inWorker(compaction);
    else {
      const stopped = () => {
        if (this.closing) throw new Error('the server is stopping');
      };
      await writeSnapshot(this.path, compactionSource({ ...compaction, audit: this.auditLog.slice() }, stopped));
    }
    for (const j of journalsOf(this.path)) if (j.generation < generation) rmSync(j.file);
  }

  /** Runs a compaction's writing on a worker thread; closing the store stops it, and its half-written copy goes. */
  private inWorker(compaction: Compaction): Promise<void> {
    return new Promise<void>((done, fail) => {
      const worker = tsWorker(new URL('./compact-worker.ts', import.meta.url), compaction);
      this.stopCompaction = () => void worker.terminate();
      worker.once('message', () => done());
      worker.once('error', fail);
      worker.once('exit', () => {
        // After a finished compaction the copy is renamed already; after a stopped one it is removed here.
        rmSync(`${this.path}.tmp`, { force: true });
        fail(new Error(this.closing ? 'the server is stopping' : 'the compaction worker stopped'));
      });
    }).finally(() => {
      this.stopCompaction = null;
    });
  }
}
