/** The mock API's start-up on an existing database (spawn → first 200 from /health) and its resident memory. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type MockApi, spawnMockApi } from '@/harness/mock-api';

export interface StartRun {
  /** From the sources through tsx (`npm run api`), as every earlier run measured it. */
  ms: number[];
  /** The packaged command line (the build's dist/cli.js, what `npx customer-desk-api` runs): no TypeScript compiled. */
  packagedMs: number[];
  /** The last server started (the packaged one), left running for the measures that need it. */
  api: MockApi;
}

/** One start: spawn → first 200 from /health. */
async function timedStart(dbPath: string, cli: 'sources' | 'built'): Promise<{ ms: number; api: MockApi }> {
  const started = performance.now();
  const api = await spawnMockApi([], { dbPath, cli });
  // Bounded: the helper resolved once the server listens, so /health answers at once or never.
  let healthy = false;
  for (let attempt = 0; attempt < 100 && !healthy; attempt++)
    healthy = await fetch(`${api.url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
  if (!healthy) throw new Error(`the mock API on ${dbPath} never answered /health with 200:\n${api.output()}`);
  return { ms: performance.now() - started, api };
}

/** `times` starts of each command line, interleaved so that a busier moment of the machine weighs on both alike. */
export async function measureApiStart(dbPath: string, times: number): Promise<StartRun> {
  const run: Omit<StartRun, 'api'> = { ms: [], packagedMs: [] };
  let api: MockApi | undefined;
  for (let i = 0; i < times; i++)
    for (const cli of ['sources', 'built'] as const) {
      await api?.stop();
      const start = await timedStart(dbPath, cli);
      (cli === 'sources' ? run.ms : run.packagedMs).push(start.ms);
      api = start.api;
    }
  return { ...run, api: api! };
}

/** VmRSS of a process, from /proc (Linux). */
export function residentMB(pid: number): number {
  const kB = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kB) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kB[1]) / 1024;
}

/** CPU time a process has used so far, all its threads, in clock ticks (utime + stime from /proc; 100 a second). */
export function cpuTicks(pid: number): number {
  // The command name in field 2 may hold spaces: count fields after its closing parenthesis.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until a freshly started server has finished its background work (the mock builds its search index in
 * slices after it starts listening): its CPU time stops growing over half a second. Bounded to 30 s.
 */
export async function waitUntilIdle(pid: number): Promise<void> {
  let before = cpuTicks(pid);
  for (let attempt = 0; attempt < 60; attempt++) {
    await sleep(500);
    const now = cpuTicks(pid);
    if (now - before <= 2) return; // a tick is 10 ms: at most 4% of a core
    before = now;
  }
}
