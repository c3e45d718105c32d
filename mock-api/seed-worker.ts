/** A seeding worker thread: makes the chunks of customers it is asked for (see seed-chunks.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { seedRange } from './seed';
import { chunkOf } from './snapshot-chunk';

const { seedValue } = workerData as { seedValue: number };
parentPort!.on('message', ({ from, to }: { from: number; to: number }) => {
  parentPort!.postMessage({ from, chunk: chunkOf(seedRange(from, to, seedValue)) });
});
