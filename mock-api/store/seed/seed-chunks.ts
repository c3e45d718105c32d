/**
 * Seeded customers for the snapshot writer, chunk by chunk, in order (docs/architecture.md, "Seeding"): from 20,000
 * customers one worker thread per core makes chunks ahead of the writer, then sorts the search blocks; smaller seeds
 * are made in this thread. Same seed value, same customers either way (seed.ts makes any range alone).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { type SortedStringsBlocks, type Sorter, sortHere } from '../search/sorted-strings';
import { chunkOf, type SnapshotChunk } from '../snapshot-chunk';
import { CHUNK, writeSnapshot } from '../snapshot-file';
import { tsWorker } from '../ts-worker';
import { seedRange } from './seed';
import type { SeedJob } from './seed-worker';

const IN_THREAD_BELOW = 20_000;

interface ChunkSource {
  chunk(from: number, to: number): Promise<SnapshotChunk>;
  sort: Sorter;
  close(): Promise<void>;
}

interface Queued {
  job: SeedJob;
  done: (result: unknown) => void;
  fail: (error: Error) => void;
}

/** Worker threads taking jobs in the order given, each job to the next free one. */
function pool(seedValue: number) {
  const queue: Queued[] = [];
  const busy = new Map<Worker, Queued>();
  const idle: Worker[] = [];
  let failure: Error | null = null;
  const dispatch = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop()!;
      const next = queue.shift()!;
      busy.set(worker, next);
      worker.postMessage(next.job);
    }
  };
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, () => {
    const worker = tsWorker(new URL('./seed-worker.ts', import.meta.url), { seedValue });
    worker.on('message', (result: unknown) => {
      busy.get(worker)!.done(result);
      busy.delete(worker);
      idle.push(worker);
      dispatch();
    });
    worker.on('error', (error) => {
      failure = error;
      for (const queued of [...busy.values(), ...queue.splice(0)]) queued.fail(error);
      busy.clear();
    });
    idle.push(worker);
    return worker;
  });
  return {
    size: workers.length,
    run<T>(job: SeedJob): Promise<T> {
      if (failure) return Promise.reject(failure);
      const result = new Promise<T>((done, fail) => queue.push({ job, done: done as (r: unknown) => void, fail }));
      dispatch();
      return result;
    },
    close: () => Promise.all(workers.map((w) => w.terminate())).then(() => {}),
  };
}

/** Writes `count` customers seeded from `seedValue` as the snapshot at `path`. */
export async function writeSeeded(
  path: string,
  count: number,
  seedValue: number,
  onProgress: (done: number) => void,
): Promise<void> {
  const chunks = seedChunks(count, seedValue);
  try {
    await writeSnapshot(path, { generation: 0, count, audit: [], chunk: chunks.chunk, sort: chunks.sort }, onProgress);
  } finally {
    await chunks.close();
  }
}

function seedChunks(count: number, seedValue: number): ChunkSource {
  if (count < IN_THREAD_BELOW)
    return {
      chunk: async (from, to) => chunkOf(seedRange(from, to, seedValue)),
      sort: sortHere,
      close: async () => {},
    };
  const workers = pool(seedValue);
  const ahead = new Map<number, Promise<SnapshotChunk>>();
  const schedule = (from: number) => {
    if (from >= count || ahead.has(from)) return;
    ahead.set(from, workers.run({ kind: 'chunk', from, to: Math.min(count, from + CHUNK) }));
  };
  return {
    chunk(from) {
      // Keep every worker busy: two chunks each ahead of the writer.
      for (let k = 0; k <= 2 * workers.size; k++) schedule(from + k * CHUNK);
      const chunk = ahead.get(from)!;
      ahead.delete(from);
      return chunk;
    },
    sort: (strings, ties) => workers.run<SortedStringsBlocks>({ kind: 'sort', strings, ties }),
    close: workers.close,
  };
}
