/** A compaction's worker thread: writes the new snapshot (see `compact` in database.ts) and says when it is done. */
import { parentPort, workerData } from 'node:worker_threads';
import { type Compaction, compactionSource, writeSnapshot } from './database';

await writeSnapshot((workerData as Compaction).path, compactionSource(workerData as Compaction));
parentPort!.postMessage('done');
