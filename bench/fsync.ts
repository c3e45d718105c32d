/** The floor for any durable write: appending a small record to a file and fsync'ing it, on the disk the databases use. */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export function measureFsync(dir: string, times: number): number[] {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'a');
  const ms: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      writeSync(fd, `{"write":${i},"text":"a journal line of about a hundred bytes, like one acknowledged PATCH"}\n`);
      fsyncSync(fd);
      ms.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return ms;
}
