/**
 * `npm run bench`: builds the extension into its own folder (or takes a built one: --extension), adds the bench-only
 * blank page to a copy of it (blank-page.ts), seeds the mock API
 * with 100,000 customers and measures popup start-up, keystroke → results, API search, durable writes, start-up
 * and memory — beside their floors and stock json-server — then prints a table, writes bench/results.json and draws
 * docs/bench.svg. `--customers 1000000` measures the mock API alone at a million customers and adds its keys
 * (ending in `1m`) to the same results. Flags (for a quick run or the smoke test): --customers --queries --opens
 * --writes --stock-queries --stock-writes --seed-value --out --chart --extension.
 */
import './out-dir';
import '@/harness/node-browser';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DEFAULT_ROLE, ROLE_HEADER } from '@/domain/roles';
import { EXTENSION_DIR, type ExtensionBrowser, launchExtension } from '@/harness/extension';
import { seedCustomers } from '@/mock-api/store/seed/seed';
import { roleItem } from '@/services/storage';
import { type ApiRun, loopbackMs, measureApi } from './api-run';
import { measureApiSearch } from './api-search';
import { withBlankPage } from './blank-page';
import { chart } from './chart';
import { httpClient } from './http-client';
import { measureOpenAccount, type OpenRun } from './open-account';
import { measureStockPatch } from './patch';
import { popupStartupJs } from './popup-bundle';
import { measurePopupReady } from './popup-ready';
import { measurePopupSearch, type Timing } from './popup-search';
import { loadAverage, type Metric, machine, metric, type Results, stamp, table } from './results';
import { median, percentile, round } from './stats';
import { startStockJsonServer } from './stock-json-server';

const ROOT = resolve(import.meta.dirname, '..');
const MILLION = 1_000_000;
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
    chart: { type: 'string', default: join(ROOT, 'docs/bench.svg') },
    // A built Chrome extension to measure instead of building one (the smoke test passes npm test's .output/).
    extension: { type: 'string' },
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
const million = options.customers >= MILLION;

const began = performance.now();
const log = (message: string) =>
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1)} s] ${message}\n`);
const loadBefore = loadAverage();
const work = mkdtempSync(join(tmpdir(), 'customer-desk-bench-'));
const asAgent = { [ROLE_HEADER]: DEFAULT_ROLE };
// Every server started, so a failure half-way leaves none running (stopping one twice is harmless).
const running: { stop: () => Promise<void> }[] = [];
const failures = (what: string, n: number) => (n ? `${n} ${what} failed` : undefined);
const size = million ? `${options.customers / MILLION}m` : `${options.customers / 1000}k`;

/** The API's measures under `suffix` keys: the same rows at 100k and at a million. */
function apiMetrics(
  api: ApiRun,
  suffix: string,
  targets: { search: number; start: number; rss?: number; reset?: number },
) {
  const ours = [...api.search.ms.values()];
  const fsyncAll = [...api.fsyncMs, ...api.fsyncDuringWritesMs];
  const during = api.fsyncDuringWritesMs;
  return {
    metrics: {
      [`apiSearchP95Ms${suffix}`]: metric(
        percentile(ours, 95),
        'ms',
        `median ${round(median(ours))} ms over ${ours.length} queries at ${size}; loopback round trip ${round(loopbackMs(api))} ms`,
        {
          target: { kind: 'max', limit: targets.search },
          floor: loopbackMs(api),
          note: failures('queries', api.search.failures),
        },
      ),
      [`patchP95Ms${suffix}`]: metric(
        api.patch.unavailable ? null : percentile(api.patch.ms, 95),
        'ms',
        `median ${round(median(api.patch.ms))} ms over ${api.patch.ms.length} writes at ${size}; fsync between them: median ${round(median(during))} ms, p95 ${round(percentile(during, 95))} ms`,
        {
          target: { kind: 'max', limit: 5 },
          floor: median(fsyncAll),
          note: api.patch.unavailable ?? failures('writes', api.patch.failures),
        },
      ),
      [`apiStartMs${suffix}`]: metric(
        median(api.startMs),
        'ms',
        `median of ${api.startMs.length} starts (spawn → first 200 from /health) at ${size}; reading the ${round(api.fileMB)} MB database file once takes ${round(api.readFileMs)} ms`,
        { target: { kind: 'max', limit: targets.start }, floor: api.readFileMs },
      ),
      [`apiStartPackagedMs${suffix}`]: metric(
        median(api.packagedStartMs),
        'ms',
        `the packaged CLI (customer-desk-mock-api's dist/cli.js, no tsx): median of ${api.packagedStartMs.length} starts at ${size}, interleaved with the tsx ones; ${round(median(api.packagedStartMs) / median(api.startMs), 2)}× tsx's`,
        // docs/architecture.md, "The mock API as a package": at most 0.8× the tsx start of the same run.
        { target: { kind: 'max', limit: 0.8 * median(api.startMs) }, floor: api.readFileMs },
      ),
      [`apiRssMB${suffix}`]: metric(
        api.rssMB,
        'MB',
        `VmRSS after the search and write runs at ${size}; the database file is ${round(api.fileMB)} MB`,
        { target: targets.rss ? { kind: 'max', limit: targets.rss } : undefined, floor: api.fileMB },
      ),
      [`resetMs${suffix}`]: metric(
        median(api.reset.ms),
        'ms',
        `POST /__admin/reset after a write, median of ${api.reset.ms.length} at ${size} (it copies the ${round(api.fileMB)} MB start file); the first search after it: median ${round(median(api.reset.firstSearchMs))} ms`,
        {
          target: targets.reset ? { kind: 'max', limit: targets.reset } : undefined,
          note: failures('resets', api.reset.failures),
        },
      ),
    },
    fsyncAll,
  };
}

/** The popup page the background named for this browser's language (modules/prerender/pages.ts). */
async function chosenPopup(ext: ExtensionBrowser): Promise<string> {
  const page = await ext.open('options');
  try {
    // The background names it once it has read the settings: a page other than the default, unless the language is
    // the default one (then it never changes).
    await page
      .waitForFunction(
        async () => !(await (globalThis as unknown as ChromeAction).chrome.action.getPopup({})).endsWith('/popup.html'),
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    const url = await page.evaluate(() => (globalThis as unknown as ChromeAction).chrome.action.getPopup({}));
    return new URL(url).pathname.slice(1);
  } finally {
    await page.close();
  }
}
type ChromeAction = { chrome: { action: { getPopup: (details: object) => Promise<string> } } };

function write(path: string, text: string) {
  const temp = `${resolve(path)}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, resolve(path));
}

try {
  let results: Results;
  let chromium = 'not run';
  // Each run keeps the other size's keys from the last results.
  const previous: Results | null = existsSync(flags.out) ? JSON.parse(readFileSync(flags.out, 'utf8')) : null;
  if (million) {
    // A million customers: the mock API alone (the popup's figures and stock json-server are measured at 100k).
    const api = await measureApi(work, options, log, running);
    const { metrics } = apiMetrics(api, '1m', { search: 5, start: 3000, rss: 1536 });
    const date = new Date().toISOString();
    const on = machine(previous?.machine.chromium ?? chromium);
    const mine = stamp(date, on, {
      ...metrics,
      apiSeedMs1m: metric(
        api.seedMs,
        'ms',
        `npm run api -- --seed ${options.customers}: generating, writing and indexing ${size} customers (the CLI's own summary line); ${round(api.seedCpuS, 1)} s of CPU on ${cpus().length} cores`,
        { target: { kind: 'max', limit: 60_000 } },
      ),
    });
    results = {
      ...(previous ?? { date, machine: on, conditions: {} }),
      results: { ...previous?.results, ...mine },
      conditions1m: {
        date,
        customers: options.customers,
        queries: api.queries.length,
        writes: options.writes,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAverage(),
        durationS: round((performance.now() - began) / 1000, 1),
      },
    };
    process.stdout.write(
      `\n${table(mine)}\n\n${options.customers} customers · ${on.cores} cores · Node ${on.node} · ${date}\n`,
    );
  } else {
    if (!flags.extension) {
      log(`building the extension into ${process.env.CD_OUT_DIR}`);
      const build = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`wxt build failed:\n${build.stdout}${build.stderr}`);
    }
    const extensionDir = withBlankPage(flags.extension ? resolve(flags.extension) : EXTENSION_DIR, work);

    let ready!: Awaited<ReturnType<typeof measurePopupReady>>;
    let readyRu!: Awaited<ReturnType<typeof measurePopupReady>>;
    let typing!: Awaited<ReturnType<typeof measurePopupSearch>>;
    let opening!: OpenRun;
    const api = await measureApi(work, options, log, running, async (url, { customers, queries, search }) => {
      log(
        `Chromium: ${options.opens} interleaved opens of the popup and the blank page, typing ${queries.length} queries, opening ${options.opens} accounts`,
      );
      const ext = await launchExtension({ apiUrl: url, extensionDir });
      chromium = await ext.browser.version();
      try {
        await ext.setItems([roleItem, DEFAULT_ROLE]);
        ready = await measurePopupReady(ext, options.opens);
        typing = await measurePopupSearch(ext, url, queries, search.firstPages);
        const reader = httpClient(url, asAgent);
        opening = await measureOpenAccount(ext, reader, customers, options.opens).finally(reader.close);
      } finally {
        await ext.close();
      }
      // The same paired measure with the browser in Russian, on the popup page the background names for it.
      const russian = await launchExtension({ apiUrl: url, lang: 'ru', extensionDir });
      try {
        await russian.setItems([roleItem, DEFAULT_ROLE]);
        readyRu = await measurePopupReady(russian, options.opens, 2, await chosenPopup(russian));
      } finally {
        await russian.close();
      }
    });
    const bundle = popupStartupJs(extensionDir, ready.popupScripts);
    const preactKB = gzipSync(readFileSync(join(ROOT, 'node_modules/preact/dist/preact.mjs'))).length / 1024;

    log(
      `stock json-server: ${Math.min(options.stockQueries, api.queries.length)} searches, ${options.stockWrites} writes`,
    );
    const stockFile = join(work, 'json-server-db.json');
    // The same customers, whole, as the seed made them: the API's list answers summaries.
    writeFileSync(stockFile, JSON.stringify({ customers: seedCustomers(options.customers, options.seedValue) }));
    const stockServer = await startStockJsonServer(stockFile);
    running.push(stockServer);
    const stock = httpClient(stockServer.url, asAgent);
    let stockSearch: Awaited<ReturnType<typeof measureApiSearch>>;
    let stockPatch: Awaited<ReturnType<typeof measureStockPatch>>;
    try {
      const sample = api.queries.slice(0, options.stockQueries);
      stockSearch = await measureApiSearch(stock, sample, api.warmUp.slice(0, 2));
      stockPatch = await measureStockPatch(stock, api.customers, options.stockWrites);
    } finally {
      stock.close();
      await stockServer.stop();
    }

    // The speed-up compares medians over exactly the queries both servers answered.
    const shared = [...stockSearch.ms.keys()].filter((q) => api.search.ms.has(q));
    const ourShared = median(shared.map((q) => api.search.ms.get(q)!));
    const stockShared = median(shared.map((q) => stockSearch.ms.get(q)!));
    const typed = (phase: keyof Timing) => typing.timings.map((t) => t[phase]);
    const fetchFloor = median(typing.fetchFloorMs);
    const loopback = `loopback round trip ${round(loopbackMs(api))} ms from Node, ${round(fetchFloor)} ms by fetch() in the popup`;
    const phases = `medians: keystroke→request ${round(median(typed('toRequest')))} ms, request ${round(median(typed('request')))} ms, answer→rendered ${round(median(typed('toRender')))} ms`;
    const { metrics, fsyncAll } = apiMetrics(api, '100k', { search: 2, start: 1500, reset: 1000 });
    metrics.apiSearchP95Ms100k.stock = round(percentile([...stockSearch.ms.values()], 95));
    metrics.patchP95Ms100k.stock = round(percentile(stockPatch.ms, 95));

    const date = new Date().toISOString();
    const on = machine(chromium);
    const all: Record<string, Metric> = {
      popupReadyRatio: metric(
        median(ready.ratios),
        '×',
        `median of ${ready.ratios.length} paired ratios popup ÷ blank page (p25–p75 ${round(percentile(ready.ratios, 25))}–${round(percentile(ready.ratios, 75))}); medians: blank ${round(median(ready.blankMs))} ms, popup ${round(median(ready.popupMs))} ms, popup content rendered ${round(median(ready.contentMs))} ms`,
        { target: { kind: 'max', limit: 1.1 }, floor: 1 },
      ),
      popupReadyRatioRu: metric(
        median(readyRu.ratios),
        '×',
        `the same with the browser in Russian (its popup page prerendered in Russian): median of ${readyRu.ratios.length} paired ratios (p25–p75 ${round(percentile(readyRu.ratios, 25))}–${round(percentile(readyRu.ratios, 75))}); medians: blank ${round(median(readyRu.blankMs))} ms, popup ${round(median(readyRu.popupMs))} ms`,
        { target: { kind: 'max', limit: 1.1 }, floor: 1 },
      ),
      openAccountMs100k: metric(
        median(opening.ms),
        'ms',
        `Enter on a search result → the account shows the customer's whole data, median of ${opening.ms.length} (p90 ${round(percentile(opening.ms, 90))} ms); the active option's customer is read before Enter; the floor is fetch() from the popup`,
        { floor: fetchFloor, note: failures('opens', opening.failures) },
      ),
      searchP95Ms100k: metric(
        percentile(typed('total'), 95),
        'ms',
        `${loopback}; ${typing.timings.length} queries at ${size}`,
        { target: { kind: 'max', limit: 20 }, floor: fetchFloor, note: failures('queries', typing.failures) },
      ),
      searchP50Ms100k: metric(median(typed('total')), 'ms', `${loopback}; ${phases}`, { floor: fetchFloor }),
      apiSearchP95Ms100k: metrics.apiSearchP95Ms100k,
      apiSearchSpeedup100k: metric(
        stockShared / ourShared,
        '×',
        `json-server median ${round(stockShared)} ms vs ours ${round(ourShared)} ms (${shared.length} queries)`,
        { target: { kind: 'min', limit: 50 } },
      ),
      patchP95Ms100k: metrics.patchP95Ms100k,
      jsonServerPatchP95Ms100k: metric(
        percentile(stockPatch.ms, 95),
        'ms',
        `stock json-server rewrites the whole file; ${stockPatch.ms.length} writes`,
        { note: failures('writes', stockPatch.failures) },
      ),
      fsyncMs: metric(
        median(fsyncAll),
        'ms',
        `median of ${fsyncAll.length} appends + fsync of a small file on the same disk (100 before the writes, one after each); p95 ${round(percentile(fsyncAll, 95))} ms`,
      ),
      popupJsGzipKB: metric(
        bundle.gzipBytes / 1024,
        'KB',
        `Preact ${round(preactKB, 1)} KB; ${bundle.files.length} files: ${bundle.files.map((f) => f.file.replace(/^chunks\/(.*)-[\w-]{8}\.js$/, '$1')).join(', ')}`,
        { target: { kind: 'max', limit: 25 }, floor: preactKB },
      ),
      apiStartMs100k: metrics.apiStartMs100k,
      apiStartPackagedMs100k: metrics.apiStartPackagedMs100k,
      apiRssMB100k: metrics.apiRssMB100k,
      resetMs100k: metrics.resetMs100k,
    };
    const mine = stamp(date, on, all);
    // A million-customer run's keys, and the slow-backend run's (npm run bench:slow), stay until replaced.
    const kept = Object.fromEntries(
      Object.entries(previous?.results ?? {}).filter(([key]) => key.endsWith('1m') || key.startsWith('slow')),
    );
    results = {
      date,
      machine: on,
      conditions: {
        customers: options.customers,
        seedS: round(api.seedMs / 1000, 1),
        seedCpuS: round(api.seedCpuS, 1),
        queries: api.queries.length,
        cyrillicQueries: api.queries.filter((q) => /\p{Script=Cyrillic}/u.test(q)).length,
        opensEach: options.opens,
        writes: options.writes,
        stockQueries: shared.length,
        stockWrites: options.stockWrites,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAverage(),
        durationS: round((performance.now() - began) / 1000, 1),
      },
      results: { ...mine, ...kept },
      ...(previous?.conditions1m && Object.keys(kept).length ? { conditions1m: previous.conditions1m } : {}),
      ...(previous?.conditionsSlow ? { conditionsSlow: previous.conditionsSlow } : {}),
    };
    process.stdout.write(
      `\n${table(mine)}\n\n${options.customers} customers · ${on.cores} cores · Node ${on.node} · ${chromium} · ${date}\n`,
    );
  }
  write(flags.out, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${flags.out}`);
  write(flags.chart, chart(results));
  log(`drew ${flags.chart}`);
} finally {
  for (const server of running) await server.stop();
  rmSync(work, { recursive: true, force: true });
}
