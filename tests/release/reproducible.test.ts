/**
 * `npm run release` as a partner's IT would run it, and the promise it makes: the same commit builds the same
 * bytes. To keep npm test short, the release packages the store builds `npm test` made (`--build .output`), and
 * only Chrome's is built once more here (by the release's own build step) and compared byte for byte; Firefox's goes
 * through the same Vite pipeline and is not rebuilt here (its package is only zipped twice). `npm run release`
 * without --build builds both.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { expect, test } from 'vitest';
import { buildForStore, packageName, sha256, zipBuild, zipSources } from '@/scripts/release';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, process.env.CD_OUT_DIR ?? '.output');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

test('npm run release: three packages named with the version and their SHA-256; rebuilt, the same bytes', async () => {
  const out = mkdtempSync(join(tmpdir(), 'customer-desk-release-'));
  try {
    const printed = execFileSync('npx', ['tsx', 'scripts/release.ts', '--out', out, '--build', OUT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
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

    // The second build of the same commit (npm test's .output/ was the first; rebuild it when running this alone).
    const rebuilt = join(out, 'rebuilt');
    buildForStore('chrome', rebuilt);
    expect(sha256(await zipBuild(rebuilt, 'chrome'))).toBe(hashes[packageName('chrome')]);
    // Zipped again: the same bytes.
    expect(sha256(await zipBuild(OUT, 'firefox'))).toBe(hashes[packageName('firefox')]);
    expect(sha256(await zipSources())).toBe(hashes[packageName('sources')]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
