/** A compaction's worker thread: writes the new snapshot (compaction.ts) and says when it is done. */
import { parentPort, workerData } from 'node:worker_threads';
import { type Compaction, compactionSource } from './compaction';
import { writeSnapshot } from './snapshot-file';

await writeSnapshot((workerData as Compaction).path, compactionSource(workerData as Compaction));
parentPort!.postMessage('done');
