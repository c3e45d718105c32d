/**
 * `npm run bench:slow`: the agent's view on a slow backend. Builds the extension into the bench's folder, starts the
 * mock API with `--latency 300-900` (Partner Center answers in hundreds of milliseconds) and a few thousand
 * customers, and measures in the real popup: Enter → first account content and → the whole account, keystroke →
 * results, Submit → saved. Adds `slowAccountFirstMs`, `slowAccountWholeMs`, `slowSearchP95Ms` and `slowSaveMs` to
 * bench/results.json, keeping every other key. Flags: --customers --opens --queries --saves --out.
 */
import './out-dir';
import '@/harness/node-browser';
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ROLE } from '@/domain/roles';
import type { CustomerSummary } from '@/domain/schemas';
import { DEFAULT_PAGE_SIZE } from '@/domain/search';
import { launchExtension } from '@/harness/extension';
import { spawnMockApi } from '@/harness/mock-api';
import { roleItem } from '@/services/storage';
import { measurePopupSearch } from './popup-search';
import { pickQueries } from './queries';
import { machine, metric, type Results, stamp, table } from './results';
import { measureSlowOpen, measureSlowSave } from './slow-backend';
import { median, percentile, round } from './stats';

const ROOT = resolve(import.meta.dirname, '..');
const LATENCY = [300, 900] as const;
const { values: flags } = parseArgs({
  options: {
    customers: { type: 'string', default: '2000' },
    opens: { type: 'string', default: '20' },
    queries: { type: 'string', default: '30' },
    saves: { type: 'string', default: '10' },
    out: { type: 'string', default: join(ROOT, 'bench/results.json') },
  },
  strict: true,
});
const log = (message: string) => process.stderr.write(`[bench:slow] ${message}\n`);

log(`building the extension into ${process.env.CD_OUT_DIR}`);
const build = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`wxt build failed:\n${build.stdout}${build.stderr}`);

const api = await spawnMockApi(['--seed', flags.customers, '--seed-value', '1', '--latency', LATENCY.join('-')]);
try {
  const listed: CustomerSummary[] = (await api.call(`/customers?_limit=${flags.customers}`)).body;
  // Customers whose company name is theirs alone, so typing it finds exactly them first.
  const counts = new Map<string, number>();
  for (const c of listed) counts.set(c.companyProfile.companyName, (counts.get(c.companyProfile.companyName) ?? 0) + 1);
  const unique = listed.filter((c) => counts.get(c.companyProfile.companyName) === 1);
  const step = Math.max(1, Math.floor(unique.length / Number(flags.opens)));
  const sample = unique.filter((_, i) => i % step === 0);
  const queries = pickQueries(listed, Number(flags.queries), 1);
  const firstPages = new Map<string, string[]>();
  for (const q of queries) {
    const answer = await api.call(`/customers?q=${encodeURIComponent(q)}&_limit=${DEFAULT_PAGE_SIZE}`);
    firstPages.set(
      q,
      (answer.body as CustomerSummary[]).map((c) => c.companyProfile.companyName),
    );
  }
  const whole = async (id: string) => (await api.call(`/customers/${id}`)).body.billingProfile.defaultAddress;

  const ext = await launchExtension({ apiUrl: api.url });
  const chromium = await ext.browser.version();
  let opening: Awaited<ReturnType<typeof measureSlowOpen>>;
  let typing: Awaited<ReturnType<typeof measurePopupSearch>>;
  let saving: Awaited<ReturnType<typeof measureSlowSave>>;
  try {
    await ext.setItems([roleItem, DEFAULT_ROLE]);
    log(`opening ${sample.length} accounts`);
    opening = await measureSlowOpen(ext, sample, whole, Number(flags.opens));
    log(`typing ${queries.length} queries`);
    typing = await measurePopupSearch(ext, api.url, queries, firstPages);
    log(`saving ${flags.saves} billing edits`);
    saving = await measureSlowSave(ext, sample.slice(-Number(flags.saves)), Number(flags.saves));
  } finally {
    await ext.close();
  }

  const latency = `API --latency ${LATENCY.join('-')} ms (median ${(LATENCY[0] + LATENCY[1]) / 2} ms)`;
  const failed = (what: string, n: number) => (n ? `${n} ${what} failed` : undefined);
  const totals = typing.timings.map((t) => t.total);
  const date = new Date().toISOString();
  const on = machine(chromium);
  const mine = stamp(date, on, {
    slowAccountFirstMs: metric(
      median(opening.firstMs),
      'ms',
      `Enter → the account's name and what the search result knew, median of ${opening.firstMs.length} (p95 ${round(percentile(opening.firstMs, 95))} ms); ${latency}`,
      { target: { kind: 'max', limit: 50 }, note: failed('opens', opening.failures) },
    ),
    slowAccountWholeMs: metric(
      median(opening.wholeMs),
      'ms',
      `Enter → the whole account (its address), median of ${opening.wholeMs.length}; ${latency}; Enter came ${150} ms after the option was active`,
      {
        target: { kind: 'max', limit: (LATENCY[0] + LATENCY[1]) / 2 + 50 },
        floor: (LATENCY[0] + LATENCY[1]) / 2,
        note: `p95 ${round(percentile(opening.wholeMs, 95))} ms${opening.failures ? `; ${opening.failures} opens failed` : ''}`,
      },
    ),
    slowSearchP95Ms: metric(
      percentile(totals, 95),
      'ms',
      `last keystroke → that query's results, ${totals.length} queries (median ${round(median(totals))} ms); ${latency}`,
      { floor: LATENCY[1] * 0.95, note: failed('queries', typing.failures) },
    ),
    slowSaveMs: metric(
      median(saving.ms),
      'ms',
      `Submit → "Billing profile saved.", median of ${saving.ms.length} (the address check, then the write: two requests); ${latency}`,
      { floor: LATENCY[0] + LATENCY[1], note: failed('saves', saving.failures) },
    ),
  });
  const out = resolve(flags.out);
  const previous: Results = JSON.parse(readFileSync(out, 'utf8'));
  const results: Results = {
    ...previous,
    results: { ...previous.results, ...mine },
    conditionsSlow: {
      date,
      customers: Number(flags.customers),
      latencyMs: LATENCY,
      opens: flags.opens,
      saves: flags.saves,
    },
  };
  writeFileSync(`${out}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
  process.stdout.write(`\n${table(mine)}\n`);
  log(`wrote ${out}`);
} finally {
  await api.stop();
}
