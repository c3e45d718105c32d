/**
 * `npm run bench`: builds the extension (with the bench-only blank page) into its own folder, seeds the mock API
 * with 100,000 customers and measures popup start-up, keystroke → results, API search, durable writes, start-up
 * and memory — beside their floors and stock json-server — then prints a table and writes bench/results.json.
 * Flags (for a quick run or the smoke test): --customers --queries --opens --writes --stock-queries
 * --stock-writes --seed-value --out.
 */
import './out-dir';
import '../tests/helpers/node-browser';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_ROLE, ROLE_HEADER } from '@/domain/roles';
import { roleItem } from '@/utils/storage';
import { EXTENSION_DIR, launchExtension } from '../tests/helpers/extension';
import { spawnMockApi } from '../tests/helpers/mock-api';
import { readAllCustomers } from './all-customers';
import { measureApiSearch } from './api-search';
import { measureApiStart, residentMB, waitUntilIdle } from './api-start';
import { measureFsync } from './fsync';
import { httpClient } from './http-client';
import { measureOurPatch, measureStockPatch } from './patch';
import { popupStartupJs } from './popup-bundle';
import { measurePopupReady } from './popup-ready';
import { measurePopupSearch, type Timing } from './popup-search';
import { pickQueries } from './queries';
import { measureReset } from './reset';
import { loadAverage, machine, metric, type Results, stamp, table } from './results';
import { median, percentile, round } from './stats';
import { startStockJsonServer } from './stock-json-server';

const ROOT = resolve(import.meta.dirname, '..');
const count = (value: string, name: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be a whole number of at least ${min}, not "${value}"`);
  return n;
};
const { values: flags } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    // Pairs of popup and blank opens: the popup figure is noisy, and is judged by the median of at least 50 ratios.
    opens: { type: 'string', default: '50' },
    writes: { type: 'string', default: '200' },
    // Stock json-server needs about a second per search and seconds per write at 100k: a sample keeps the run short.
    'stock-queries': { type: 'string', default: '50' },
    'stock-writes': { type: 'string', default: '10' },
    'seed-value': { type: 'string', default: '1' },
    out: { type: 'string', default: join(ROOT, 'bench/results.json') },
  },
  strict: true,
});
const options = {
  customers: count(flags.customers, 'customers', 10),
  queries: count(flags.queries, 'queries', 2),
  opens: count(flags.opens, 'opens', 1),
  writes: count(flags.writes, 'writes', 1),
  stockQueries: count(flags['stock-queries'], 'stock-queries', 1),
  stockWrites: count(flags['stock-writes'], 'stock-writes', 1),
  seedValue: count(flags['seed-value'], 'seed-value', 0),
};

const began = performance.now();
const log = (message: string) =>
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1)} s] ${message}\n`);
const loadBefore = loadAverage();
const work = mkdtempSync(join(tmpdir(), 'customer-desk-bench-'));
const asAgent = { [ROLE_HEADER]: DEFAULT_ROLE };
// Every server started, so a failure half-way leaves none running (stopping one twice is harmless).
const running: { stop: () => Promise<void> }[] = [];

try {
  log(`building the extension with the blank page into ${process.env.CD_OUT_DIR}`);
  const build = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, CD_BENCH: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`wxt build failed:\n${build.stdout}${build.stderr}`);

  const fsyncMs = measureFsync(work, 100);

  log(`seeding ${options.customers} customers`);
  const dbPath = join(work, 'db.json');
  const seeding = await spawnMockApi(['--seed', String(options.customers), '--seed-value', String(options.seedValue)], {
    dbPath,
  });
  running.push(seeding);
  const seeded = httpClient(seeding.url, asAgent);
  const customers = await readAllCustomers(seeded);
  seeded.close();
  await seeding.stop();

  log('starting the mock API on the existing database, 3 times');
  const start = await measureApiStart(dbPath, 3);
  running.push(start.api);
  const ours = httpClient(start.api.url, asAgent);
  // Latency is measured on a settled server, not while it still builds its index in the background.
  await waitUntilIdle(start.api.process.pid!);

  const queries = pickQueries(customers, options.queries, options.seedValue);
  const warmUp = pickQueries(customers, 20, options.seedValue + 1, new Set(queries.map((q) => q.toLowerCase())));
  log(`API search: ${queries.length} queries`);
  const search = await measureApiSearch(ours, queries, warmUp);
  const roundTrips: number[] = [];
  for (let i = 0; i < 100; i++) roundTrips.push((await ours.request('GET', '/health')).ms);

  log(
    `Chromium: ${options.opens} interleaved opens of the popup and the blank page, then typing ${queries.length} queries`,
  );
  const ext = await launchExtension({ apiUrl: start.api.url });
  const chromium = await ext.browser.version();
  let ready: Awaited<ReturnType<typeof measurePopupReady>>;
  let typing: Awaited<ReturnType<typeof measurePopupSearch>>;
  try {
    await ext.setItems([roleItem, DEFAULT_ROLE]);
    ready = await measurePopupReady(ext, options.opens);
    typing = await measurePopupSearch(ext, start.api.url, queries, search.firstPages);
  } finally {
    await ext.close();
  }

  const bundle = popupStartupJs(EXTENSION_DIR, ready.popupScripts);

  log(`durable PATCH: ${options.writes} writes`);
  const fsyncDuringWrites: number[] = [];
  const patch = await measureOurPatch(ours, customers, options.writes, () =>
    fsyncDuringWrites.push(...measureFsync(work, 1)),
  );
  const rssMB = residentMB(start.api.process.pid!);
  log('reset: 3 times, each after a write');
  const reset = await measureReset(ours, customers, 3);
  ours.close();
  await start.api.stop();

  log(`stock json-server: ${Math.min(options.stockQueries, queries.length)} searches, ${options.stockWrites} writes`);
  const stockFile = join(work, 'json-server-db.json');
  writeFileSync(stockFile, JSON.stringify({ customers }));
  const stockServer = await startStockJsonServer(stockFile);
  running.push(stockServer);
  const stock = httpClient(stockServer.url, asAgent);
  let stockSearch: Awaited<ReturnType<typeof measureApiSearch>>;
  let stockPatch: Awaited<ReturnType<typeof measureStockPatch>>;
  try {
    const sample = queries.slice(0, options.stockQueries);
    stockSearch = await measureApiSearch(stock, sample, warmUp.slice(0, 2));
    stockPatch = await measureStockPatch(stock, customers, options.stockWrites);
  } finally {
    stock.close();
    await stockServer.stop();
  }

  // The speed-up compares medians over exactly the queries both servers answered.
  const shared = [...stockSearch.ms.keys()].filter((q) => search.ms.has(q));
  const ourShared = median(shared.map((q) => search.ms.get(q)!));
  const stockShared = median(shared.map((q) => stockSearch.ms.get(q)!));
  const ourSearch = [...search.ms.values()];
  const typed = (phase: keyof Timing) => typing.timings.map((t) => t[phase]);
  const loopback = `loopback round trip ${round(median(roundTrips))} ms from Node, ${round(median(typing.fetchFloorMs))} ms by fetch() in the popup`;
  const phases = `medians: keystroke→request ${round(median(typed('toRequest')))} ms, request ${round(median(typed('request')))} ms, answer→rendered ${round(median(typed('toRender')))} ms`;
  const fsyncAll = [...fsyncMs, ...fsyncDuringWrites];
  const failures = (what: string, n: number) => (n ? `${n} ${what} failed` : undefined);

  const n = `${options.customers / 1000}k`;
  const date = new Date().toISOString();
  const on = machine(chromium);
  const results: Results = {
    date,
    machine: on,
    conditions: {
      customers: options.customers,
      queries: queries.length,
      cyrillicQueries: queries.filter((q) => /\p{Script=Cyrillic}/u.test(q)).length,
      opensEach: options.opens,
      writes: options.writes,
      stockQueries: shared.length,
      stockWrites: options.stockWrites,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(),
      durationS: round((performance.now() - began) / 1000, 1),
    },
    results: stamp(date, on, {
      popupReadyRatio: metric(
        median(ready.ratios),
        '×',
        `median of ${ready.ratios.length} paired ratios popup ÷ blank page (p25–p75 ${round(percentile(ready.ratios, 25))}–${round(percentile(ready.ratios, 75))}); medians: blank ${round(median(ready.blankMs))} ms, popup ${round(median(ready.popupMs))} ms, popup content rendered ${round(median(ready.contentMs))} ms`,
        { kind: 'max', limit: 1.1 },
      ),
      searchP95Ms100k: metric(
        percentile(typed('total'), 95),
        'ms',
        `${loopback}; ${typing.timings.length} queries at ${n}`,
        { kind: 'max', limit: 50 },
        failures('queries', typing.failures),
      ),
      searchP50Ms100k: metric(median(typed('total')), 'ms', `${loopback}; ${phases}`),
      apiSearchP95Ms100k: metric(
        percentile(ourSearch, 95),
        'ms',
        `median ${round(median(ourSearch))} ms over ${ourSearch.length} queries at ${n}`,
        { kind: 'max', limit: 5 },
        failures('queries', search.failures),
      ),
      apiSearchSpeedup100k: metric(
        stockShared / ourShared,
        '×',
        `json-server median ${round(stockShared)} ms vs ours ${round(ourShared)} ms (${shared.length} queries)`,
        { kind: 'min', limit: 50 },
      ),
      patchP95Ms100k: metric(
        patch.unavailable ? null : percentile(patch.ms, 95),
        'ms',
        `median ${round(median(patch.ms))} ms over ${patch.ms.length} writes at ${n}; fsync between them: median ${round(median(fsyncDuringWrites))} ms, p95 ${round(percentile(fsyncDuringWrites, 95))} ms`,
        { kind: 'max', limit: 5 },
        patch.unavailable ?? failures('writes', patch.failures),
      ),
      jsonServerPatchP95Ms100k: metric(
        percentile(stockPatch.ms, 95),
        'ms',
        `stock json-server rewrites the whole file; ${stockPatch.ms.length} writes`,
        undefined,
        failures('writes', stockPatch.failures),
      ),
      fsyncMs: metric(
        median(fsyncAll),
        'ms',
        `median of ${fsyncAll.length} appends + fsync of a small file on the same disk (100 before the writes, one after each); p95 ${round(percentile(fsyncAll, 95))} ms`,
      ),
      popupJsGzipKB: metric(
        bundle.gzipBytes / 1024,
        'KB',
        `Preact ≈ 4 KB; ${bundle.files.length} files: ${bundle.files.map((f) => f.file.replace(/^chunks\/(.*)-[\w-]{8}\.js$/, '$1')).join(', ')}`,
        { kind: 'max', limit: 25 },
      ),
      apiStartMs100k: metric(
        median(start.ms),
        'ms',
        `median of ${start.ms.length} starts (spawn → first 200 from /health) at ${n}`,
        { kind: 'max', limit: 1500 },
      ),
      apiRssMB100k: metric(rssMB, 'MB', `VmRSS after the search and write runs at ${n}`),
      resetMs100k: metric(
        median(reset.ms),
        'ms',
        `POST /__admin/reset after a write, median of ${reset.ms.length} at ${n}; the first search after it: median ${round(median(reset.firstSearchMs))} ms`,
        { kind: 'max', limit: 1000 },
        failures('resets', reset.failures),
      ),
    }),
  };

  const temp = `${resolve(flags.out)}.tmp`;
  writeFileSync(temp, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temp, resolve(flags.out));
  log(`wrote ${flags.out}`);
  process.stdout.write(
    `\n${table(results.results)}\n\n${options.customers} customers · ${on.cores} cores · Node ${on.node} · ${chromium} · ${date}\n`,
  );
} finally {
  for (const server of running) await server.stop();
  rmSync(work, { recursive: true, force: true });
}
