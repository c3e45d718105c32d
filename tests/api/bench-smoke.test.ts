/**
 * `npm run bench` on tiny data: it runs end to end and writes every key. Timings are never asserted here. It measures
 * the Chrome build npm test made (`--extension`), so the test command builds each browser once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { EXTENSION_DIR } from '@/harness/extension';

const KEYS = [
  'popupReadyRatio',
  'popupReadyRatioRu',
  'searchP95Ms100k',
  'searchP50Ms100k',
  'openAccountMs100k',
  'apiSearchP95Ms100k',
  'apiSearchSpeedup100k',
  'patchP95Ms100k',
  'jsonServerPatchP95Ms100k',
  'fsyncMs',
  'popupJsGzipKB',
  'apiStartMs100k',
  'apiStartPackagedMs100k',
  'apiRssMB100k',
  'resetMs100k',
];

const dir = mkdtempSync(join(tmpdir(), 'customer-desk-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the bench writes every metric with its unit, target, machine and date, and draws them', {
  timeout: 600_000,
}, () => {
  const out = join(dir, 'results.json');
  const picture = join(dir, 'bench.svg');
  const args = [
    '--customers',
    '500',
    '--queries',
    '20',
    '--opens',
    '3',
    '--writes',
    '20',
    '--stock-queries',
    '5',
    '--stock-writes',
    '3',
    '--out',
    out,
    '--chart',
    picture,
    '--extension',
    EXTENSION_DIR,
  ];
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
    cwd: resolve(import.meta.dirname, '../..'),
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('| `popupReadyRatio` |');

  const written = JSON.parse(readFileSync(out, 'utf8'));
  expect(written.conditions.customers).toBe(500);
  expect(written.machine.cores).toBeGreaterThan(0);
  expect(written.machine.chromium).toMatch(/\d+\.\d+/);
  expect(Object.keys(written.results).sort()).toEqual([...KEYS].sort());
  for (const key of KEYS) {
    const entry = written.results[key];
    expect(entry.value, `${key}: ${entry.note ?? ''}`).toEqual(expect.any(Number));
    expect(Number.isFinite(entry.value), key).toBe(true);
    expect(entry.unit, key).toEqual(expect.any(String));
    expect(entry.date, key).toBe(written.date);
    expect(entry.machine, key).toEqual(written.machine);
    if (entry.target !== null) expect(entry.met, key).toEqual(expect.any(Boolean));
  }
  // Every measure with a target is a row of the picture, its floor and json-server's value beside it where known.
  const svg = readFileSync(picture, 'utf8');
  expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const key of KEYS.filter((k) => written.results[k].target !== null)) expect(svg, key).toContain(`>${key}<`);
  expect(written.results.patchP95Ms100k.floor).toEqual(expect.any(Number));
  expect(written.results.apiSearchP95Ms100k.stock).toEqual(expect.any(Number));
  expect(svg).toContain('json-server');
});
