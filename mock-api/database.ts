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
 * - `<db>.journal-<g>`: one JSON line per acknowledged write, `{"customer":…,"audit":[…]}`, fdatasync'd before the answer.
 *
 * Start reads only the trailer, the offsets and the audit lines; a customer's JSON is read (pread) and parsed the
 * first time it is used, and the search blocks load in slices once the server listens (`warmUp`). 100k customers
 * are ~90 MB of JSON: parsing it all would not fit the 1.5 s start budget. Then the journals of generation ≥ g are replayed in order; a torn last line (a crash mid-append, never
 * acknowledged) is cut off. Replay is idempotent: a line holds the customer's whole new state; audit entries have ids.
 *
 * Compaction, off the request path once the journal holds `compactAfter` writes: new writes go to journal g+1;
 * the search lists are rebuilt in slices, and the state as of that instant is written to `<db>.tmp` in chunks,
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
  read,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { AuditEntry, Customer } from '@/domain/schemas';
import type { GramBlocks } from './gram-lists';
import { SearchIndex, searchText } from './search-index';

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
}

interface Trailer {
  format: string;
  version: number;
  generation: number;
  customers: number;
  audit: number;
  auditStart: number;
  searchStart: number;
  idsStart: number;
  offsetsStart: number;
  /** Where each stored n-gram table's three blocks begin (absent: the lists are built after start). */
  grams?: { starts: number; records: number; owner: number; end: number }[];
  end: number;
}

interface Lookup {
  search: SearchIndex;
  byId: Map<string, number>;
}

interface JournalLine {
  customer: Customer;
  audit: AuditEntry[];
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

function fsyncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.alloc(end - start);
  for (let done = 0; done < buffer.length; ) done += readSync(fd, buffer, done, buffer.length - done, start + done);
  return buffer;
}

/** Writes a whole snapshot to `<path>.tmp`, fsyncs it and renames it over `path`. */
async function writeSnapshot(path: string, source: SnapshotSource): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
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
  renameSync(temp, path);
  fsyncFolder(path);
}

/** The search's n-gram lists for `texts`, built in slices with `pause()` between them. */
async function gramsOf(texts: string[], pause: () => Promise<void> | void): Promise<GramBlocks[]> {
  const index = new SearchIndex(texts);
  for (const _ of index.buildGrams()) await pause();
  return index.gramBlocks()!;
}

async function sourceOf(customers: Customer[], audit: AuditEntry[] = []): Promise<SnapshotSource> {
  const texts = customers.map(searchText);
  return {
    generation: 0,
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

function readTrailer(fd: number, path: string): Trailer {
  const size = fstatSync(fd).size;
  const tail = readAt(fd, Math.max(0, size - 4096), size).toString('latin1');
  const start = tail.lastIndexOf('\n', tail.length - 2);
  let trailer: Trailer | undefined;
  try {
    trailer = JSON.parse(tail.slice(start + 1)) as Trailer;
  } catch {
    // reported below
  }
  if (trailer?.format !== FORMAT || trailer.version !== 2)
    throw new Error(`${path} is not a Customer Desk database; start with --reset (or --seed N) to recreate it.`);
  return trailer;
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
  private pending: Customer[] = [];
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
    this.trailer = t;
    this.generation = t.generation;
    const offsets = readAt(snapshotFd, t.offsetsStart, t.offsetsStart + 8 * (t.customers + 1));
    this.offsets = new Float64Array(offsets.buffer, offsets.byteOffset, t.customers + 1);
    this.parsed = new Array<Customer | undefined>(t.customers);
    this.json = new Array<string | undefined>(t.customers);
    this.dirty = new Uint8Array(t.customers);
    if (t.audit) {
      for (const line of readAt(snapshotFd, t.auditStart, t.searchStart).toString('utf8').split('\n', t.audit))
        this.addAudit(JSON.parse(line) as AuditEntry);
    }
  }

  static async open({
    path,
    seed,
    seedValue = 1,
    reset = false,
    compactAfter = DEFAULT_COMPACT_AFTER,
  }: OpenOptions): Promise<Database> {
    if (seed !== undefined || reset || !existsSync(path)) {
      for (const { file } of journalsOf(path)) rmSync(file);
      // Loaded only to seed: the fake-data library is a third of the start-up time.
      const { seedCustomers } = await import('./seed');
      await writeSnapshot(path, await sourceOf(seedCustomers(seed ?? DEFAULT_SEED_COUNT, seedValue)));
    } else if (!hasTrailer(path)) {
      const legacy = legacySource(path);
      if (legacy) await writeSnapshot(path, await legacy);
    }
    const db = new Database(path, openSync(path, 'r'), compactAfter);
    db.replayJournals();
    return db;
  }

  /**
   * The search index and the id map, built from the snapshot's blocks (a second or so at 100k). `warmUp` builds
   * them in slices between requests right after the server starts listening; a lookup before that finishes the
   * job at once.
   */
  warm(): Lookup {
    while (!this.lookup) this.building.next();
    return this.lookup;
  }

  /**
   * In the background, a slice per event-loop turn: builds the lookups, then loads the search's n-gram lists
   * stored with the snapshot (or builds them, for a snapshot without).
   */
  warmUp(): void {
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
      if (!steps.next().done) setImmediate(next);
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
    const byId = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) {
      byId.set(ids[i], i);
      if (i % 20_000 === 0) yield;
    }
    db.lookup = { search: new SearchIndex(texts), byId };
    for (const customer of db.pending) db.apply(customer);
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

  customer(i: number): Customer {
    this.parsed[i] ??= JSON.parse(this.customerJson(i)) as Customer;
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
        this.pending.push(customer);
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

    const dirty = this.dirty.slice();
    const parsed = this.parsed.slice();
    const offsets = this.offsets;
    const texts = Array.from({ length: this.count }, (_, i) => this.search.textOf(i));
    await writeSnapshot(this.path, {
      generation,
      count: this.count,
      audit: this.auditLog.slice(),
      texts,
      grams: await gramsOf(texts, () => new Promise((done) => setImmediate(done))),
      ids: [...this.warm().byId.keys()],
      lines: async (from, to) => {
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
