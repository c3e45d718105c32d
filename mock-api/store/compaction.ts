/**
 * Compaction (docs/architecture.md, "The mock API's store"): once the journal holds `after` writes, new writes go
 * to the next journal and the state as of that instant becomes a new snapshot, off the request path — on a worker
 * thread (compact-worker.ts) for a large store. Then the older journals go. A failure, or the store closing, removes
 * the half-written `<db>.tmp` and leaves the old snapshot and journals as they are.
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import type { AuditEntry, Customer, CustomerSummary } from '@/domain/schemas';
import { summaryOf } from '@/domain/schemas';
import { fold, searchable } from '@/domain/search';
import { readAt } from './disk';
import { journalsOf } from './journal';
import { SortedStrings } from './search/sorted-strings';
import { readBlock } from './snapshot-blocks';
import { joinLines } from './snapshot-chunk';
import { readTrailer, type SnapshotSource, writeSnapshot } from './snapshot-file';
import { tsWorker } from './ts-worker';

/** Smaller stores compact in this thread: a worker's start costs more than the index it would build. */
const COMPACT_IN_THREAD_BELOW = 20_000;

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

/** What a compaction needs of the store. */
export interface Compactable {
  readonly path: string;
  readonly count: number;
  /** Sends new writes to the journal of the next generation; answers that generation. */
  nextJournal(): number;
  /** The audit log and the JSON of every customer changed since the snapshot, now. */
  changes(): Pick<Compaction, 'audit' | 'changed'>;
}

export class Compactor {
  /** Writes since the last compaction began (or since the snapshot, replayed ones included). */
  private writes = 0;
  private running: Promise<void> | null = null;
  private stopWorker: (() => void) | null = null;
  private closing = false;

  constructor(
    private readonly store: Compactable,
    private readonly after: number,
  ) {}

  /** Counts journal lines found at start: the next write may be the one that starts a compaction. */
  replayed(lines: number): void {
    this.writes += lines;
  }

  /** Counts a write; the `after`-th starts a compaction in the background. */
  written(): void {
    if (++this.writes < this.after || this.running) return;
    this.running = this.compact()
      .catch((error: Error) => {
        if (!this.closing) process.stderr.write(`compaction failed, the journal keeps every write: ${error.message}\n`);
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** Folds the journals into the snapshot now, after any compaction under way. */
  async now(): Promise<void> {
    await this.running;
    await this.compact();
  }

  /** Stops a compaction under way: its half-written copy is removed; the journals keep everything. */
  async stop(): Promise<void> {
    this.closing = true;
    this.stopWorker?.();
    await this.running;
  }

  private async compact(): Promise<void> {
    // The journals switch first (the store makes sure the old one ends with a whole line): the snapshot below holds
    // exactly what the older journals hold. Counted from here even if this attempt fails: the next one comes
    // `after` writes later.
    this.writes = 0;
    const { path } = this.store;
    const generation = this.store.nextJournal();
    const compaction = { path, generation, ...this.store.changes() };
    // Rebuilding the search index of a million customers takes seconds this thread must spend answering requests.
    if (this.store.count >= COMPACT_IN_THREAD_BELOW) await this.inWorker(compaction);
    else {
      const stopped = () => {
        if (this.closing) throw new Error('the server is stopping');
      };
      await writeSnapshot(path, compactionSource({ ...compaction, audit: compaction.audit.slice() }, stopped));
    }
    for (const j of journalsOf(path)) if (j.generation < generation) rmSync(j.file);
  }

  /** Runs a compaction's writing on a worker thread; stopping terminates it, and its half-written copy goes. */
  private inWorker(compaction: Compaction): Promise<void> {
    return new Promise<void>((done, fail) => {
      const worker = tsWorker(new URL('./compact-worker.ts', import.meta.url), compaction);
      this.stopWorker = () => void worker.terminate();
      worker.once('message', () => done());
      worker.once('error', fail);
      worker.once('exit', () => {
        // After a finished compaction the copy is renamed already; after a stopped one it is removed here.
        rmSync(`${compaction.path}.tmp`, { force: true });
        fail(new Error(this.closing ? 'the server is stopping' : 'the compaction worker stopped'));
      });
    }).finally(() => {
      this.stopWorker = null;
    });
  }
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
  const t = readTrailer(fd, path);
  const block = (name: string) => readBlock(fd, t.blocks[name], path);
  const offsets = block('offsets') as Float64Array;
  const summaryOffsets = block('summaryOffsets') as Float64Array;
  const lineOf = block('lineOf') as Int32Array;
  const ids = new SortedStrings({
    text: block('ids.text') as string,
    starts: block('ids.starts') as Int32Array,
    records: block('ids.records') as Int32Array,
  });
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
