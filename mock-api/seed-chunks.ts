/**
 * Seeded customers for the snapshot writer, chunk by chunk, in order. Making them (the fake-data library) is most
 * of the work, so for large seeds one worker thread per core makes chunks ahead of the writer; small seeds are made
 * in this thread, where starting workers would cost more than it saves. Same seed value, same customers either way
 * (seed.ts makes any range alone).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { seedRange } from './seed';
import { chunkOf, type SnapshotChunk } from './snapshot-chunk';
import { tsWorker } from './ts-worker';

const IN_THREAD_BELOW = 20_000;

export interface ChunkSource {
  chunk(from: number, to: number): Promise<SnapshotChunk>;
  close(): Promise<void>;
}

interface Job {
  from: number;
  to: number;
  done: (chunk: SnapshotChunk) => void;
  fail: (error: Error) => void;
}

export function seedChunks(count: number, seedValue: number, chunkSize: number): ChunkSource {
  if (count < IN_THREAD_BELOW)
    return { chunk: async (from, to) => chunkOf(seedRange(from, to, seedValue)), close: async () => {} };

  const queue: Job[] = [];
  const busy = new Map<Worker, Job>();
  const idle: Worker[] = [];
  const ahead = new Map<number, Promise<SnapshotChunk>>();
  let failure: Error | null = null;
  const dispatch = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage({ from: job.from, to: job.to });
    }
  };
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, () => {
    const worker = tsWorker(new URL('./seed-worker.ts', import.meta.url), { seedValue });
    worker.on('message', ({ chunk }: { chunk: SnapshotChunk }) => {
      busy.get(worker)!.done(chunk);
      busy.delete(worker);
      idle.push(worker);
      dispatch();
    });
    worker.on('error', (error) => {
      failure = error;
      for (const job of [...busy.values(), ...queue.splice(0)]) job.fail(error);
      busy.clear();
    });
    idle.push(worker);
    return worker;
  });
  const schedule = (from: number) => {
    if (from >= count || ahead.has(from)) return;
    const to = Math.min(count, from + chunkSize);
    ahead.set(from, new Promise<SnapshotChunk>((done, fail) => queue.push({ from, to, done, fail })));
  };
  return {
    chunk(from) {
      if (failure) return Promise.reject(failure);
      // Keep every worker busy: two chunks each ahead of the writer.
      for (let k = 0; k <= 2 * workers.length; k++) schedule(from + k * chunkSize);
      dispatch();
      const chunk = ahead.get(from)!;
      ahead.delete(from);
      return chunk;
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
