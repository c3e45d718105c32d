/**
 * The mock's durable store: served from memory, and a write is acknowledged only once it is on disk.
 *
 * Files, next to `<db>`:
 * - `<db>`, the snapshot: N customer JSON lines, M audit entry lines, then the blocks start-up needs, then a
 *   one-line JSON trailer that says where everything is:
 *     search texts joined by \0, as UTF-16LE (decoding it is a copy, not a UTF-8 parse)
 *     customer ids joined by \n (latin1)
 *     N+1 line offsets (float64, little-endian)
 *     the search's trigram and bigram lists (gram-lists.ts), as their typed arrays' bytes
 * - `<db>.journal-<g>`: one JSON line per acknowledged write, `{"customer":…,"audit":[…]}`, fdatasync'd before the
 *   answer (journal.ts).
 * - `<file>.damaged-<time>`: a damaged file set aside by `--recover` (recover.ts); never read again.
 *
 * Start reads only the trailer, the offsets and the audit lines; a customer's JSON is read (pread) and parsed the
 * first time it is used, and the search blocks load in slices once the server listens (`warmUp`). 100k customers
 * are ~90 MB of JSON: parsing it all would not fit the 1.5 s start budget. Then the journals of generation ≥ g are
 * replayed in order; a torn last line (a crash mid-append, never acknowledged) is cut off. Replay is idempotent: a
 * line holds the customer's whole new state; audit entries have ids.
 *
 * Damage is named, never skipped (damage.ts): start-up checks the trailer, that every block it declares fits the
 * file, the line offsets, the audit lines and every journal line, and throws a DamageError naming the file and line
 * or byte — before it changes any file. A customer line is checked when it is first parsed (a 500 `damaged-file`);
 * `--recover` checks them all. With `--recover`, what precedes the damage becomes a new snapshot (recover.ts).
 *
 * A write the disk refuses (no space, an I/O error, a short write that cannot be finished) throws a StorageError
 * before anything changes in memory; the journal is cut back to its last whole line, so it always loads, and the
 * next write simply tries again (journal.ts).
 *
 * Compaction, off the request path once the journal holds `compactAfter` writes: new writes go to journal g+1;
 * the search lists are rebuilt in slices, and the state as of that instant is written to `<db>.tmp` in chunks,
 * fsync'd, renamed over `<db>`, the folder fsync'd, and journals < g+1 deleted. A crash at any step leaves the old
 * snapshot with all its journals, or the new one with its own: both load with every acknowledged write. A failure
 * (a full disk) or `close()` removes `<db>.tmp` and leaves the old snapshot and journals as they are. The old
 * snapshot stays open (its inode lives on after the rename), so unchanged customers keep being read from it.
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
  read,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { AuditEntry, Customer } from '@/domain/schemas';
import { DamageError, firstBadLine, type Layout, layoutProblem, missingTrailer, offsetsProblem } from './damage';
import { fsyncFolder, readAt } from './disk';
import type { GramBlocks } from './gram-lists';
import {
  cutTornLine,
  type JournalEntry,
  type JournalLine,
  type JournalRead,
  JournalWriter,
  journalPath,
  journalsOf,
  readJournal,
} from './journal';
import { entriesIn, journalEntries, type Recovery, recoveryNote, salvageSnapshot, setAside } from './recover';
import { SearchIndex, searchText } from './search-index';
import type { StorageState } from './storage-error';

export const DEFAULT_SEED_COUNT = 1000;
export const DEFAULT_COMPACT_AFTER = 10_000;
const FORMAT = 'customer-desk-db';
const CHUNK = 2000;
const NEWLINE = Buffer.from('\n');
const SEPARATOR = Buffer.alloc(2);
const readAsync = promisify(read);

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
}

/** `grams`: where each stored n-gram table's three blocks begin (absent: the lists are built after start). */
interface Trailer extends Layout {
  format: string;
  version: number;
  generation: number;
}

interface Lookup {
  search: SearchIndex;
  byId: Map<string, number>;
}

/** What a snapshot is written from: freshly seeded customers, or the live store during compaction. */
interface SnapshotSource {
  generation: number;
  count: number;
  audit: AuditEntry[];
  texts: string[];
  ids: string[];
  grams: GramBlocks[];
  /** The JSON bytes of customers [from, to). */
  lines(from: number, to: number): Promise<Buffer[]>;
}

/** Writes a whole snapshot to `<path>.tmp`, fsyncs it and renames it over `path`. */
async function writeSnapshot(path: string, source: SnapshotSource): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  try {
    await writeBlocks(temp, source);
    renameSync(temp, path);
  } catch (error) {
    // The old snapshot and its journals are whole: only the half-written copy goes (on a full disk, its space too).
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncFolder(path);
}

async function writeBlocks(temp: string, source: SnapshotSource): Promise<void> {
  const file = await open(temp, 'w');
  try {
    let position = 0;
    const put = async (parts: Buffer[]) => {
      const buffer = Buffer.concat(parts);
      await file.write(buffer, 0, buffer.length, position);
      position += buffer.length;
    };
    const offsets = new Float64Array(source.count + 1);
    for (let from = 0; from < source.count; from += CHUNK) {
      const parts: Buffer[] = [];
      for (const [k, line] of (await source.lines(from, Math.min(source.count, from + CHUNK))).entries()) {
        offsets[from + k] = position + parts.reduce((sum, p) => sum + p.length, 0);
        parts.push(line, NEWLINE);
      }
      await put(parts);
    }
    offsets[source.count] = position;
    const auditStart = position;
    for (let from = 0; from < source.audit.length; from += CHUNK) {
      await put([
        Buffer.from(
          `${source.audit
            .slice(from, from + CHUNK)
            .map((a) => JSON.stringify(a))
            .join('\n')}\n`,
        ),
      ]);
    }
    const searchStart = position;
    await put([Buffer.from(source.texts.join('\u0000'), 'utf16le')]);
    const idsStart = position;
    await put([Buffer.from(source.ids.join('\n'), 'latin1')]);
    const offsetsStart = position;
    await put([Buffer.from(offsets.buffer)]);
    const grams: Trailer['grams'] = [];
    for (const { starts, records, owner } of source.grams) {
      const at = {
        starts: position,
        records: position + starts.byteLength,
        owner: position + starts.byteLength + records.byteLength,
      };
      for (const block of [starts, records, owner])
        await put([Buffer.from(block.buffer, block.byteOffset, block.byteLength)]);
      grams.push({ ...at, end: position });
    }
    const trailer: Trailer = {
      format: FORMAT,
      version: 2,
      generation: source.generation,
      customers: source.count,
      audit: source.audit.length,
      auditStart,
      searchStart,
      idsStart,
      offsetsStart,
      grams,
      end: position,
    };
    await put([Buffer.from(`\n${JSON.stringify(trailer)}\n`)]);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** The search's n-gram lists for `texts`, built in slices with `pause()` between them. */
async function gramsOf(texts: string[], pause: () => Promise<void> | void): Promise<GramBlocks[]> {
  const index = new SearchIndex(texts);
  for (const _ of index.buildGrams()) await pause();
  return index.gramBlocks()!;
}

async function sourceOf(customers: Customer[], audit: AuditEntry[] = [], generation = 0): Promise<SnapshotSource> {
  const texts = customers.map(searchText);
  return {
    generation,
    count: customers.length,
    audit,
    texts,
    grams: await gramsOf(texts, () => {}),
    ids: customers.map((c) => c.id),
    lines: async (from, to) => customers.slice(from, to).map((c) => Buffer.from(JSON.stringify(c))),
  };
}

function hasTrailer(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    readTrailer(fd, path);
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The walking skeleton kept one JSON document `{ customers, auditLog }`: such a file is converted once. */
function legacySource(path: string): Promise<SnapshotSource> | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { customers?: Customer[]; auditLog?: AuditEntry[] };
    return Array.isArray(data.customers) ? sourceOf(data.customers, data.auditLog ?? []) : null;
  } catch {
    return null;
  }
}

/** The trailer, checked: a file without one, or whose offsets do not fit the file, is damaged (damage.ts). */
function readTrailer(fd: number, path: string): Trailer {
  const size = fstatSync(fd).size;
  const tailStart = Math.max(0, size - 4096);
  const tail = readAt(fd, tailStart, size).toString('latin1');
  const start = tail.lastIndexOf('\n', tail.length - 2);
  let trailer: Trailer | undefined;
  try {
    trailer = tail.endsWith('\n') ? (JSON.parse(tail.slice(start + 1)) as Trailer) : undefined;
  } catch {
    // reported below
  }
  if (trailer?.format !== FORMAT || trailer.version !== 2) throw missingTrailer(fd, path, size);
  const problem = layoutProblem(trailer, tailStart + start);
  if (problem) throw new DamageError(path, `byte ${tailStart + start + 1} (its trailer)`, problem);
  return trailer;
}

export class Database {
  readonly auditLog: AuditEntry[] = [];
  private lookup: Lookup | null = null;
  private readonly trailer: Trailer;
  /** Byte offsets of each customer's line in the snapshot; offsets[count] is where they end. */
  private readonly offsets: Float64Array;
  private readonly parsed: (Customer | undefined)[];
  private readonly json: (string | undefined)[];
  /** 1 where the record changed since the snapshot was read: its bytes there are stale. */
  private readonly dirty: Uint8Array;
  private readonly auditIds = new Set<string>();
  /** Journal writes read at start, applied when the index is built (so replay does not wait for it). */
  private pending: (JournalEntry & { file: string })[] = [];
  private generation: number;
  private journal: JournalWriter | undefined;
  private journalWrites = 0;
  private compacting: Promise<void> | null = null;
  /** Damage found while building the lookups (a journal naming an unknown customer): every later use throws it. */
  private failure: Error | null = null;
  private closing = false;
  /** What `--recover` did, for the start-up message. */
  recovered: string | null = null;

  private constructor(
    readonly path: string,
    private readonly snapshotFd: number,
    private readonly compactAfter: number,
  ) {
    const t = readTrailer(snapshotFd, path);
    this.trailer = t;
    this.generation = t.generation;
    const offsets = readAt(snapshotFd, t.offsetsStart, t.offsetsStart + 8 * (t.customers + 1));
    this.offsets = new Float64Array(offsets.buffer, offsets.byteOffset, t.customers + 1);
    const problem = offsetsProblem(this.offsets, t.auditStart);
    if (problem) throw new DamageError(path, `byte ${t.offsetsStart} (its line offsets)`, problem);
    this.parsed = new Array<Customer | undefined>(t.customers);
    this.json = new Array<string | undefined>(t.customers);
    this.dirty = new Uint8Array(t.customers);
    if (t.audit) this.readAudit();
  }

  private readAudit(): void {
    const t = this.trailer;
    const lines = readAt(this.snapshotFd, t.auditStart, t.searchStart).toString('utf8').split('\n', t.audit);
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
  }: OpenOptions): Promise<Database> {
    if (fixtures) {
      for (const { file } of journalsOf(path)) rmSync(file);
      await writeSnapshot(path, await sourceOf(fixtures.customers, fixtures.auditLog));
    } else if (seed !== undefined || reset || !existsSync(path)) {
      for (const { file } of journalsOf(path)) rmSync(file);
      // Loaded only to seed: the fake-data library is a third of the start-up time.
      const { seedCustomers } = await import('./seed');
      await writeSnapshot(path, await sourceOf(seedCustomers(seed ?? DEFAULT_SEED_COUNT, seedValue)));
    } else if (!hasTrailer(path)) {
      const legacy = legacySource(path);
      if (legacy) await writeSnapshot(path, await legacy);
    }
    let recovery: Recovery | undefined;
    let db: Database;
    try {
      db = Database.load(path, compactAfter, recover);
    } catch (error) {
      if (!(error instanceof DamageError) || error.file !== path || !recover) throw error;
      const salvage = salvageSnapshot(path, error, journalsOf(path));
      await writeSnapshot(path, await sourceOf(salvage.customers, salvage.audit, salvage.generation));
      recovery = salvage.recovery;
      db = Database.load(path, compactAfter, recover);
    }
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
    await writeSnapshot(path, await sourceOf(customers, audit, generation));
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

  /**
   * Opens the snapshot, checking its layout. `thorough` (for --recover) also reads every customer line and builds the
   * lookups, so that all damage is found before anything is dropped, and replay can check each journal line's customer.
   */
  private static load(path: string, compactAfter: number, thorough: boolean): Database {
    const fd = openSync(path, 'r');
    try {
      const db = new Database(path, fd, compactAfter);
      if (thorough) {
        const bad = firstBadLine(fd, db.offsets);
        if (bad !== null) throw new DamageError(path, `line ${bad + 1} (byte ${db.offsets[bad]})`, 'not a customer');
        db.warm();
      }
      return db;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /**
   * The search index and the id map, built from the snapshot's blocks (a second or so at 100k). `warmUp` builds
   * them in slices between requests right after the server starts listening; a lookup before that finishes the
   * job at once.
   */
  warm(): Lookup {
    if (this.failure) throw this.failure;
    try {
      while (!this.lookup) this.building.next();
    } catch (error) {
      this.failure = error as Error;
      throw error;
    }
    return this.lookup;
  }

  /**
   * In the background, a slice per event-loop turn: builds the lookups, then loads the search's n-gram lists
   * stored with the snapshot (or builds them, for a snapshot without).
   */
  warmUp(onFailure: (error: Error) => void): void {
    const steps = (function* (db: Database) {
      yield* db.building;
      const { search } = db.warm();
      if (!db.trailer.grams) return yield* search.buildGrams();
      const blocks: GramBlocks[] = [];
      for (const at of db.trailer.grams) {
        const read = (from: number, to: number) => readAt(db.snapshotFd, from, to).buffer;
        const starts = new Int32Array(read(at.starts, at.records));
        yield;
        const records = new Int32Array(read(at.records, at.owner));
        yield;
        blocks.push({ starts, records, owner: new Float64Array(read(at.owner, at.end)) });
        yield;
      }
      search.loadGrams(blocks);
    })(this);
    const next = () => {
      if (this.closing) return;
      try {
        if (!steps.next().done) setImmediate(next);
      } catch (error) {
        this.failure = error as Error;
        onFailure(this.failure);
      }
    };
    next();
  }

  private readonly building = (function* (db: Database): Generator<void, void> {
    const t = db.trailer;
    const block = readAt(db.snapshotFd, t.searchStart, t.idsStart);
    yield;
    const texts: string[] = [];
    // Decoded a few MB at a time, each piece ending at a record separator (a \0 UTF-16 unit: 00 00 at an even offset).
    for (let from = 0; from < block.length; ) {
      let end = block.indexOf(SEPARATOR, Math.min(block.length, from + 4_000_000));
      while (end !== -1 && end % 2) end = block.indexOf(SEPARATOR, end + 1);
      if (end === -1) end = block.length;
      texts.push(...block.toString('utf16le', from, end).split('\u0000'));
      from = end + 2;
      yield;
    }
    const ids = t.customers ? readAt(db.snapshotFd, t.idsStart, t.offsetsStart).toString('latin1').split('\n') : [];
    if (ids.length !== t.customers)
      throw new DamageError(db.path, `byte ${t.idsStart} (its ids)`, `${ids.length} ids for ${t.customers} customers`);
    const byId = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) {
      byId.set(ids[i], i);
      if (i % 20_000 === 0) yield;
    }
    db.lookup = { search: new SearchIndex(texts), byId };
    for (const { customer, file, line } of db.pending) {
      if (!byId.has(customer.id)) {
        const problem = `it names a customer the database does not hold (${customer.id})`;
        throw new DamageError(file, `line ${line}`, problem);
      }
      db.apply(customer);
    }
    db.pending = [];
  })(this);

  get search(): SearchIndex {
    return this.warm().search;
  }

  indexOf(id: string): number | undefined {
    return this.warm().byId.get(id);
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
      throw new DamageError(this.path, `line ${i + 1} (byte ${this.offsets[i]})`, 'not a customer');
    }
    return this.parsed[i];
  }

  /** A customer's JSON text, straight from the snapshot bytes when it has not changed. */
  customerJson(i: number): string {
    // Kept once read: result pages repeat, and a pread per customer per page adds up.
    this.json[i] ??= this.dirty[i]
      ? JSON.stringify(this.parsed[i])
      : readAt(this.snapshotFd, this.offsets[i], this.offsets[i + 1] - 1).toString('utf8');
    return this.json[i];
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
    this.warm(); // the journals' writes are applied with the lookups: before compaction copies the state
    await this.compacting;
    await this.compact();
  }

  /** Stops a compaction under way (its half-written copy is removed; the journals keep everything) and closes the files. */
  async close(): Promise<void> {
    this.closing = true;
    await this.compacting;
    this.journal?.close();
    closeSync(this.snapshotFd);
  }

  private apply(customer: Customer): void {
    const i = this.indexOf(customer.id);
    if (i === undefined) throw new Error(`the journal names an unknown customer ${customer.id}`);
    this.parsed[i] = customer;
    this.json[i] = undefined;
    this.dirty[i] = 1;
    this.search.update(i, searchText(customer));
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
    const known = this.lookup ? (id: string) => this.lookup!.byId.has(id) : undefined;
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
        if (this.lookup) this.apply(entry.customer);
        else this.pending.push({ ...entry, file: journals[n].file });
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
    const stopped = () => {
      if (this.closing) throw new Error('the server is stopping');
    };

    const dirty = this.dirty.slice();
    const parsed = this.parsed.slice();
    const offsets = this.offsets;
    const texts = Array.from({ length: this.count }, (_, i) => this.search.textOf(i));
    await writeSnapshot(this.path, {
      generation,
      count: this.count,
      audit: this.auditLog.slice(),
      texts,
      grams: await gramsOf(texts, () => {
        stopped();
        return new Promise((done) => setImmediate(done));
      }),
      ids: [...this.warm().byId.keys()],
      lines: async (from, to) => {
        stopped();
        // Reads the snapshot this store was opened from, through its still-open descriptor, whatever `path` names now.
        const chunk = Buffer.alloc(offsets[to] - offsets[from]);
        const { bytesRead } = await readAsync(this.snapshotFd, chunk, 0, chunk.length, offsets[from]);
        if (bytesRead !== chunk.length) throw new Error(`short read of ${this.path}`);
        return Array.from({ length: to - from }, (_, k) => {
          const i = from + k;
          return dirty[i]
            ? Buffer.from(JSON.stringify(parsed[i]))
            : chunk.subarray(offsets[i] - offsets[from], offsets[i + 1] - offsets[from] - 1);
        });
      },
    });
    for (const j of journalsOf(this.path)) if (j.generation < generation) rmSync(j.file);
  }
}
