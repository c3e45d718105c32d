/**
 * `npm run release` as a partner's IT would run it, and the promise it makes: the same commit builds the same
 * bytes. Its builds are compared with the store builds `npm test` made of the same sources (`.output/`), so the
 * check costs one build per browser.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { expect, test } from 'vitest';
import { BROWSERS, packageName, sha256, zipBuild, zipSources } from '@/scripts/release';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, process.env.CD_OUT_DIR ?? '.output');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

test('npm run release: three packages named with the version and their SHA-256; rebuilt, the same bytes', async () => {
  const out = mkdtempSync(join(tmpdir(), 'customer-desk-release-'));
  try {
    const printed = execFileSync('npx', ['tsx', 'scripts/release.ts', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    const sums = printed.split('\n').filter((line) => /^[0-9a-f]{64} {2}/.test(line));
    const hashes = Object.fromEntries(sums.map((line) => [line.slice(66), line.slice(0, 64)]));
    const names = [packageName('chrome'), packageName('firefox'), packageName('sources')];
    expect(names).toEqual([
      `customer-desk-${version}-chrome.zip`,
      `customer-desk-${version}-firefox.zip`,
      `customer-desk-${version}-sources.zip`,
    ]);
    expect(Object.keys(hashes)).toEqual(names);
    for (const name of names) expect(sha256(readFileSync(join(out, name)))).toBe(hashes[name]);
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toBe(`${sums.join('\n')}\n`);

    const chrome = await JSZip.loadAsync(readFileSync(join(out, packageName('chrome'))));
    expect(JSON.parse(await chrome.file('manifest.json')!.async('string')).version).toBe(version);
    const sources = await JSZip.loadAsync(readFileSync(join(out, packageName('sources'))));
    expect(sources.file('package-lock.json')).not.toBeNull();
    expect(sources.file('docs/architecture.md')).toBeNull();

    // The second build of the same commit: npm test's (rebuild .output/ first when running this alone).
    for (const browser of Object.keys(BROWSERS) as (keyof typeof BROWSERS)[])
      expect(sha256(await zipBuild(OUT, browser)), browser).toBe(hashes[packageName(browser)]);
    expect(sha256(await zipSources())).toBe(hashes[packageName('sources')]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
