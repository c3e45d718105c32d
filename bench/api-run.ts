/**
 * The mock API's own measures, the same at any size: seed a database (timed), start on it three times, then
 * search, write, read its memory and reset it on a settled server. Both `npm run bench` (100k, with the browser and stock
 * json-server around it) and `--customers 1000000` run this; `beforeWrites` runs what must see the data unwritten
 * (the popup's typing compares with the API's answers).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_ROLE, ROLE_HEADER } from '@/domain/roles';
import type { CustomerSummary } from '@/domain/schemas';
import { spawnMockApi } from '@/harness/mock-api';
import { builtMockApi } from '../scripts/mock-api-package/build';
import { readAllCustomers } from './all-customers';
import { measureApiSearch, type SearchRun } from './api-search';
import { cpuTicks, measureApiStart, residentMB, waitUntilIdle } from './api-start';
import { measureFsync } from './fsync';
import { httpClient } from './http-client';
import { measureOurPatch, type PatchRun } from './patch';
import { pickQueries } from './queries';
import { measureReset, type ResetRun } from './reset';
import { median } from './stats';

export interface ApiRunOptions {
  customers: number;
  seedValue: number;
  queries: number;
  writes: number;
}

export interface ApiRun {
  /** Seeding as the CLI reports it (its summary line), and spawn → listening for that run. */
  seedMs: number;
  /** The CPU time the seeding process used, all threads: what the seed costs whatever else the machine is doing. */
  seedCpuS: number;
  customers: CustomerSummary[];
  queries: string[];
  warmUp: string[];
  /** Starts on the seeded database: from the sources through tsx, and of the packaged command line. */
  startMs: number[];
  packagedStartMs: number[];
  /** Reading the database file once: what a start that parsed it would pay at least. */
  readFileMs: number;
  fileMB: number;
  search: SearchRun;
  roundTripMs: number[];
  patch: PatchRun;
  fsyncMs: number[];
  fsyncDuringWritesMs: number[];
  rssMB: number;
  reset: ResetRun;
}

const asAgent = { [ROLE_HEADER]: DEFAULT_ROLE };

export async function measureApi(
  work: string,
  options: ApiRunOptions,
  log: (message: string) => void,
  running: { stop: () => Promise<void> }[],
  beforeWrites: (url: string, run: Pick<ApiRun, 'customers' | 'queries' | 'search'>) => Promise<void> = async () => {},
): Promise<ApiRun> {
  const fsyncMs = measureFsync(work, 100);
  log('building the mock API package (skipped when its sources have not changed)');
  await builtMockApi();
  log(`seeding ${options.customers} customers`);
  const dbPath = join(work, 'db.json');
  const spawned = performance.now();
  const seeding = await spawnMockApi(['--seed', String(options.customers), '--seed-value', String(options.seedValue)], {
    dbPath,
    startTimeoutMs: 30 * 60_000,
  });
  running.push(seeding);
  const seeded = /seeded [\d,]+ customers? in ([\d.]+) s/.exec(seeding.output());
  const seedMs = seeded ? Number(seeded[1]) * 1000 : performance.now() - spawned;
  const seedCpuS = cpuTicks(seeding.process.pid!) / 100;
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s; reading every customer's summary`);
  const reader = httpClient(seeding.url, asAgent);
  const customers = await readAllCustomers(reader);
  reader.close();
  await seeding.stop();

  const fileMB = statSync(dbPath).size / 2 ** 20;
  const reading = performance.now();
  readFileSync(dbPath);
  const readFileMs = performance.now() - reading;

  log('starting the mock API on the existing database, 3 times from the sources (tsx) and 3 times packaged');
  const start = await measureApiStart(dbPath, 3);
  running.push(start.api);
  const client = httpClient(start.api.url, asAgent);
  // Latency is measured on a settled server, not while start-up work still runs.
  await waitUntilIdle(start.api.process.pid!);

  const queries = pickQueries(customers, options.queries, options.seedValue);
  const warmUp = pickQueries(customers, 20, options.seedValue + 1, new Set(queries.map((q) => q.toLowerCase())));
  log(`API search: ${queries.length} queries`);
  const search = await measureApiSearch(client, queries, warmUp);
  const roundTripMs: number[] = [];
  for (let i = 0; i < 100; i++) roundTripMs.push((await client.request('GET', '/health')).ms);

  await beforeWrites(start.api.url, { customers, queries, search });

  log(`durable PATCH: ${options.writes} writes`);
  const fsyncDuringWritesMs: number[] = [];
  const patch = await measureOurPatch(client, customers, options.writes, () =>
    fsyncDuringWritesMs.push(...measureFsync(work, 1)),
  );
  const rssMB = residentMB(start.api.process.pid!);
  log('reset: 3 times, each after a write');
  const reset = await measureReset(client, customers, 3);
  client.close();
  await start.api.stop();
  return {
    seedMs,
    seedCpuS,
    customers,
    queries,
    warmUp,
    startMs: start.ms,
    packagedStartMs: start.packagedMs,
    readFileMs,
    fileMB,
    search,
    roundTripMs,
    patch,
    fsyncMs,
    fsyncDuringWritesMs,
    rssMB,
    reset,
  };
}

export const loopbackMs = (run: ApiRun) => median(run.roundTripMs);
