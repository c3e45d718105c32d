/** A seeding worker thread: makes the chunks of customers it is asked for, and sorts search blocks (seed-chunks.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import type { Packed } from '../search/lists';
import { sortHere } from '../search/sorted-strings';
import { chunkOf } from '../snapshot-chunk';
import { seedRange } from './seed';

export type SeedJob = { kind: 'chunk'; from: number; to: number } | { kind: 'sort'; strings: Packed; ties?: Packed };

const { seedValue } = workerData as { seedValue: number };
parentPort!.on('message', async (job: SeedJob) => {
  parentPort!.postMessage(
    job.kind === 'chunk' ? chunkOf(seedRange(job.from, job.to, seedValue)) : await sortHere(job.strings, job.ties),
  );
});
