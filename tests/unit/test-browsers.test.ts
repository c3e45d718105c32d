/** `npm test`'s first step (scripts/test-browsers.mjs): the browsers the e2e tests drive are there, or it says how. */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';

// A copy anyone can read: run as nobody, the script must be reachable from outside a checkout that may sit in a
// private folder (a fresh clone in `mktemp -d`), and so must the stand-in browser and the working directory.
const HERE = mkdtempSync(join(tmpdir(), 'customer-desk-test-browsers-'));
chmodSync(HERE, 0o755);
const SCRIPT = join(HERE, 'test-browsers.mjs');
copyFileSync(resolve(import.meta.dirname, '../../scripts/test-browsers.mjs'), SCRIPT);
chmodSync(SCRIPT, 0o644);
afterAll(() => rmSync(HERE, { recursive: true, force: true }));

/** Runs the check with `env` as an unprivileged user (by setpriv, when this runs as root). */
function check(env: Record<string, string>) {
  const root = process.getuid?.() === 0;
  const [command, args] = root
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SCRIPT]]
    : [process.execPath, [SCRIPT]];
  return spawnSync(command, args, { cwd: HERE, env: { ...process.env, ...env }, encoding: 'utf8' });
}

test('with every browser there, it says nothing and lets the tests run', () => {
  const run = check({ CHROMIUM_PATH: SCRIPT, FIREFOX_PATH: SCRIPT });
  expect(run.status).toBe(0);
  expect(run.stdout + run.stderr).toBe('');
});

test('a browser missing and no root: it stops at once with one line saying the command to run', () => {
  const run = check({ CHROMIUM_PATH: SCRIPT, FIREFOX_PATH: '/nonexistent/firefox-esr' });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toEqual([
    "npm test needs firefox-esr: run  sudo sh -c 'apt-get update && apt-get install -y firefox-esr'",
  ]);
});
