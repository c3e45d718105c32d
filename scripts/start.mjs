// `npm start`: the mock API plus the extension. With a display, WXT opens a browser with the
// extension loaded and reloads it on change; without one (CI, a server) it builds the extension
// and says where to load it from, then keeps the API running.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = process.env.CI === 'true' || !hasDisplay;
const children = [];

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  children.push(child);
  return child;
}

function stopAll(code) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const api = run('npm', ['run', '--silent', 'api', '--', ...process.argv.slice(2)]);
api.on('exit', (code) => stopAll(code ?? 1));

if (headless) {
  const build = run('npx', ['wxt', 'build']);
  build.on('exit', (code) => {
    if (code !== 0) return stopAll(code ?? 1);
    console.log(
      `\nNo display here, so no browser was started. The extension is built in:\n  ${resolve('.output/chrome-mv3')}\n` +
        'Load it in Chrome or Chromium: chrome://extensions → Developer mode → Load unpacked → that folder.\n' +
        'The mock API keeps running at http://localhost:3000 (Ctrl+C stops it).',
    );
  });
} else {
  run('npx', ['wxt']).on('exit', (code) => stopAll(code ?? 0));
}
