#!/usr/bin/env node
/**
 * A CI job's step: starts the mock API from the installed package, waits until /health answers, runs your test
 * command with API_URL set to the API's address, stops the API with SIGTERM (it answers the requests in flight and
 * exits 0), and exits with your command's code.
 *
 *   node ci-with-mock-api.mjs npx playwright test
 *   MOCK_API_ARGS="--seed 5000 --latency 50-200" node ci-with-mock-api.mjs npm test
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('Usage: node ci-with-mock-api.mjs <test command…>');
  process.exit(2);
}

// The command line's own file, started by node: a signal then reaches the server itself, not an npx in between.
const cli = fileURLToPath(import.meta.resolve('customer-desk-mock-api/cli'));
const args = (process.env.MOCK_API_ARGS ?? '--seed 1000').split(/\s+/).filter(Boolean);
const api = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
api.stdout.setEncoding('utf8');
let output = '';
api.stdout.on('data', (text) => {
  output += text;
  process.stdout.write(text);
});
const apiExited = once(api, 'exit');

/** The address the API prints ("listening on http://127.0.0.1:<port>"), once /health answers 200 there. */
async function apiReady() {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (api.exitCode !== null) throw new Error(`the mock API exited with code ${api.exitCode}`);
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    const healthy =
      url &&
      (await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      ));
    if (healthy) return url;
    await sleep(100);
  }
  throw new Error('the mock API did not answer /health within a minute');
}

let code = 1;
try {
  const url = await apiReady();
  const tests = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, API_URL: url } });
  [code] = await once(tests, 'exit');
} catch (error) {
  console.error(error.message);
} finally {
  api.kill('SIGTERM');
  const [apiCode] = await apiExited;
  if (apiCode !== 0) {
    console.error(`the mock API stopped with code ${apiCode}`);
    code ||= 1;
  }
}
process.exit(code ?? 1);
