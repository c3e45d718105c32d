/**
 * `npm run release [-- --out <folder>] [--build <folder>]`: the store builds for Chrome and Firefox (or, with
 * --build, the ones already in that folder, e.g. those `npm test` tested) and the sources zip AMO asks for,
 * named with package.json's version (`customer-desk-<v>-chrome.zip`, `…-firefox.zip`, `…-sources.zip`), in one
 * folder (default `.output/release/`) with their SHA-256 in `SHA256SUMS`, also printed. The same commit gives the
 * same bytes: the builds are deterministic, and the zips list files in one order with one date (the commit's, or
 * SOURCE_DATE_EPOCH) and fixed permissions, so a partner can rebuild and compare what they deploy.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';

const ROOT = resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
/** What AMO's reviewers need to rebuild the add-on: every file git keeps, but the README's pictures and guides. */
const NOT_SOURCES = ['docs/'];
export const BROWSERS = { chrome: 'chrome-mv3', firefox: 'firefox-mv2' } as const;

export const packageName = (kind: keyof typeof BROWSERS | 'sources') => `${name}-${version}-${kind}.zip`;

/** Every file under `dir`, as sorted paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split('\\').join('/'))
    .sort();
}

/** The files git tracks or would track (not ignored), sorted: what a checkout of this commit holds. */
function sourceFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((path) => path && !NOT_SOURCES.some((folder) => path.startsWith(folder)))
    .filter((path) => statSync(join(ROOT, path), { throwIfNoEntry: false })?.isFile())
    .sort();
}

/** The commit's time, or SOURCE_DATE_EPOCH (the reproducible-builds convention) when set. */
function sourceDate(): Date {
  const epoch =
    process.env.SOURCE_DATE_EPOCH ??
    execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' });
  return new Date(Number(epoch.trim()) * 1000);
}

/** A zip of `files` (relative to `dir`) whose bytes depend on their contents and names only. */
export async function deterministicZip(dir: string, files: string[], date: Date): Promise<Buffer> {
  const zip = new JSZip();
  // No folder entries: JSZip would date them now.
  for (const file of files)
    zip.file(file, readFileSync(join(dir, file)), { date, unixPermissions: 0o100644, createFolders: false });
  return zip.generateAsync({
    type: 'nodebuffer',
    platform: 'UNIX',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Zips a browser's build from `buildDir` (the out folder holding `chrome-mv3/`, `firefox-mv2/`). */
export function zipBuild(buildDir: string, browser: keyof typeof BROWSERS, date = sourceDate()) {
  const dir = join(buildDir, BROWSERS[browser]);
  return deterministicZip(dir, filesUnder(dir), date);
}

/** The sources zip: every file of the checkout AMO's reviewers need to rebuild the add-on. */
export const zipSources = (date = sourceDate()) => deterministicZip(ROOT, sourceFiles(), date);

export interface Released {
  file: string;
  sha256: string;
}

/** The store build of `browser` into `<buildDir>/<chrome-mv3|firefox-mv2>`, as `npm run release` makes it. */
export function buildForStore(browser: keyof typeof BROWSERS, buildDir: string) {
  // The store build, whoever runs this (a test runner sets NODE_ENV=test, which changes what Vite builds).
  const env: NodeJS.ProcessEnv = { ...process.env, CD_OUT_DIR: buildDir, NODE_ENV: 'production' };
  execFileSync('npx', ['wxt', 'build', '-b', browser], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Builds both browsers into `<out>/build` (or takes the builds in `built`), writes the three packages and SHA256SUMS
 * into `out`.
 */
export async function release(out: string, built?: string): Promise<Released[]> {
  mkdirSync(out, { recursive: true });
  const buildDir = built ?? join(out, 'build');
  if (!built) {
    rmSync(buildDir, { recursive: true, force: true });
    for (const browser of Object.keys(BROWSERS) as (keyof typeof BROWSERS)[]) buildForStore(browser, buildDir);
  }
  const date = sourceDate();
  const packages: [string, Buffer][] = [
    [packageName('chrome'), await zipBuild(buildDir, 'chrome', date)],
    [packageName('firefox'), await zipBuild(buildDir, 'firefox', date)],
    [packageName('sources'), await zipSources(date)],
  ];
  const released = packages.map(([file, bytes]) => {
    writeFileSync(join(out, file), bytes);
    return { file, sha256: sha256(bytes) };
  });
  // The form `sha256sum -c SHA256SUMS` checks.
  writeFileSync(join(out, 'SHA256SUMS'), released.map((r) => `${r.sha256}  ${r.file}\n`).join(''));
  return released;
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: '.output/release' }, build: { type: 'string' } },
  });
  const out = resolve(values.out);
  const released = await release(out, values.build && resolve(values.build));
  process.stdout.write(`${name} ${version} in ${out}\n`);
  for (const { file, sha256: hash } of released) process.stdout.write(`${hash}  ${file}\n`);
}
