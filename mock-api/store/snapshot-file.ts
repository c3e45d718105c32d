/**
 * The snapshot file's format (docs/architecture.md, "The mock API's store"): customer lines, audit lines, summary
 * lines, typed blocks, then a one-line trailer saying where everything is. Writing a whole one (through
 * `<path>.tmp`, fsync'd, renamed over `path`), reading its trailer, and copying one as another generation.
 */
import {
  closeSync,
  copyFileSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEntry, Customer } from '@/domain/schemas';
import { DamageError, missingTrailer, unreadable } from './damage';
import { fsyncFolder, readAt } from './disk';
import { flattenSearchBlocks, SearchBlocksBuilder } from './search/search-blocks';
import type { Sorter } from './search/sorted-strings';
import { type BlockAt, blockBytes, blocksProblem } from './snapshot-blocks';
import { chunkOf, joinLines, type SnapshotChunk } from './snapshot-chunk';

const FORMAT = 'customer-desk-db';
const VERSION = 3;
/** Customers are written, and seeded, this many at a time. */
export const CHUNK = 2000;

export interface Trailer {
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

/** What a snapshot is written from: seeded customers, fixtures, an import, or the live store during compaction. */
export interface SnapshotSource {
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

/** `customers` and `audit` as the snapshot at `path` of `generation` (fixtures, an import, a recovery). */
export function writeSnapshotOf(
  path: string,
  customers: Customer[],
  audit: AuditEntry[],
  generation: number,
): Promise<void> {
  return writeSnapshot(path, {
    generation,
    count: customers.length,
    audit,
    chunk: async (from, to) => chunkOf(customers.slice(from, to)),
  });
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

/**
 * The trailer, checked: a file without one, or whose blocks do not fit the file, is damaged (damage.ts); one of
 * another format version is refused, and so is anything that is not a snapshot at all.
 */
export function readTrailer(fd: number, path: string): Trailer {
  const size = fstatSync(fd).size;
  const tailStart = Math.max(0, size - 64 * 1024);
  const tail = readAt(fd, tailStart, size).toString('latin1');
  const start = tail.lastIndexOf('\n', tail.length - 2);
  let trailer: Trailer | undefined;
  try {
    trailer = tail.endsWith('\n') ? (JSON.parse(tail.slice(start + 1)) as Trailer) : undefined;
  } catch {
    // reported below
  }
  if (trailer?.format !== FORMAT) throw missingTrailer(fd, path, size);
  if (trailer.version !== VERSION)
    throw unreadable(
      path,
      `is a Customer Desk database of format ${trailer.version}; this version reads format ${VERSION} only`,
    );
  const at = tailStart + start;
  const problem = blocksProblem(trailer, trailer.summaryStart, at);
  if (problem) throw new DamageError(path, `byte ${at + 1} (its trailer)`, problem);
  return trailer;
}

/**
 * Copies the snapshot at `from` to `to`, fsync'd, as generation `generation`: the same state, to take the place of
 * a newer one (a reset). Only the trailer differs, so this costs a file copy.
 */
export function copySnapshot(from: string, to: string, generation: number): void {
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
