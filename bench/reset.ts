/**
 * `POST /__admin/reset` on a store that took writes: the time to its answer (the start state copied back as a new
 * snapshot, fsync'd, renamed in place, the store reopened), and the first search after it (which waits for the
 * reopened store's lookups, built in the background otherwise).
 */
import type { HttpClient } from './http-client';
import { measureOurPatch } from './patch';

export interface ResetRun {
  ms: number[];
  firstSearchMs: number[];
  failures: number;
}

export async function measureReset(
  client: HttpClient,
  customers: readonly { id: string }[],
  times: number,
): Promise<ResetRun> {
  const run: ResetRun = { ms: [], firstSearchMs: [], failures: 0 };
  for (let i = 0; i < times; i++) {
    await measureOurPatch(client, customers.slice(i), 1); // something to reset
    const reset = await client.request('POST', '/__admin/reset');
    if (reset.status !== 200) {
      run.failures++;
      continue;
    }
    run.ms.push(reset.ms);
    run.firstSearchMs.push((await client.request('GET', '/customers?q=a&_limit=20')).ms);
  }
  return run;
}
