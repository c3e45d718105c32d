// First step of `npm test`: the e2e tests drive Debian's Chromium (with chromium-l10n, for the Russian UI) and
// Firefox ESR. Missing ones are installed when we run as root (a fresh CI machine); otherwise the command stops at
// once with the one line to run, rather than letting the browser tests fail one by one or skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const INSTALL = 'apt-get update && apt-get install -y';

/** Each Debian package the tests need, and whether it is here (CHROMIUM_PATH / FIREFOX_PATH stand in for one). */
function missing() {
  const installed = (name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0;
  const chromium = process.env.CHROMIUM_PATH;
  const firefox = process.env.FIREFOX_PATH;
  return [
    ['chromium', () => existsSync(chromium ?? '/usr/bin/chromium')],
    // Without it every extension page stays en-US, whatever the flags (tests/e2e/russian.test.ts).
    ['chromium-l10n', () => chromium !== undefined || installed('chromium-l10n')],
    ['firefox-esr', () => existsSync(firefox ?? '/usr/bin/firefox-esr')],
  ]
    .filter(([, present]) => !present())
    .map(([name]) => name);
}

const needed = missing();
if (needed.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`npm test needs ${needed.join(', ')}: run  sudo sh -c '${INSTALL} ${needed.join(' ')}'`);
    process.exit(1);
  }
  console.log(`Installing ${needed.join(', ')} for the browser tests (${INSTALL} ${needed.join(' ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...needed], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const still = missing();
  if (still.length > 0) {
    console.error(`npm test needs ${still.join(', ')}, still missing after apt-get install`);
    process.exit(1);
  }
}
