/** The mock API's start-up on an existing database (spawn → first 200 from /health) and its resident memory. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startMockApi, type MockApi } from '../tests/helpers/mock-api';

export interface StartRun {
  ms: number[];
  /** The last server started, left running for the measures that need it. */
  api: MockApi;
}

export async function measureApiStart(dbPath: string, times: number): Promise<StartRun> {
  const ms: number[] = [];
  let api: MockApi | undefined;
  for (let i = 0; i < times; i++) {
    await api?.stop();
    const started = performance.now();
    api = await startMockApi([], { dbPath });
    // Bounded: the helper resolved once the server listens, so /health answers at once or never.
    let healthy = false;
    for (let attempt = 0; attempt < 100 && !healthy; attempt++) healthy = await fetch(`${api.url}/health`).then((r) => r.status === 200, () => false);
    if (!healthy) throw new Error(`the mock API on ${dbPath} never answered /health with 200:\n${api.output()}`);
    ms.push(performance.now() - started);
  }
  return { ms, api: api! };
}

/** VmRSS of a process, from /proc (Linux). */
export function residentMB(pid: number): number {
  const kB = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kB) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kB[1]) / 1024;
}
