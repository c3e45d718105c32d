/** `npm test`'s first step (scripts/test-browsers.mjs): the browsers the e2e tests drive are there, or it says how. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/test-browsers.mjs');

/** Runs the check with `env` as an unprivileged user (by setpriv, when this runs as root). */
function check(env: Record<string, string>) {
  const root = process.getuid?.() === 0;
  const [command, args] = root
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SCRIPT]]
    : [process.execPath, [SCRIPT]];
  return spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
}

test('with every browser there, it says nothing and lets the tests run', () => {
  const run = check({ CHROMIUM_PATH: process.execPath, FIREFOX_PATH: process.execPath });
  expect(run.status).toBe(0);
  expect(run.stdout + run.stderr).toBe('');
});

test('a browser missing and no root: it stops at once with one line saying the command to run', () => {
  const run = check({ CHROMIUM_PATH: process.execPath, FIREFOX_PATH: '/nonexistent/firefox-esr' });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toEqual([
    "npm test needs firefox-esr: run  sudo sh -c 'apt-get update && apt-get install -y firefox-esr'",
  ]);
});
