/**
 * examples/ as a tester runs them, in the empty project the packed package was installed into (installed-package.ts):
 * the vitest file passes and type-checks there, and the CI step starts the command line, runs a command against it
 * and stops it, passing the command's exit code on.
 */
import { execFile } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { expect, inject, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const project = inject('testerProject');
cpSync(join(ROOT, 'examples'), join(project, 'examples'), { recursive: true });

/** A command in the project: its exit code and what it printed. */
async function run(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    return { code: 0, output: stripVTControlCharacters(stdout + stderr) };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stripVTControlCharacters(stdout + stderr) };
  }
}

test('examples/customers.test.ts passes under vitest against the installed package', async () => {
  const vitest = await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'examples/customers.test.ts']);
  expect(vitest.output).toMatch(/Tests\s+3 passed/);
  expect(vitest.code).toBe(0);
});

test('examples/customers.test.ts type-checks against the package types', async () => {
  const compilerOptions = { module: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true };
  writeFileSync(
    join(project, 'tsconfig.examples.json'),
    JSON.stringify({ compilerOptions, files: ['examples/customers.test.ts'] }),
  );
  const tsc = await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.examples.json']);
  expect(tsc.output).toBe('');
  expect(tsc.code).toBe(0);
});

/** A stand-in for a tester's suite: reads API_URL's customers, prints the count, exits with the given code. */
const suite = (exitCode: number) =>
  `fetch(process.env.API_URL + '/customers', { headers: { 'X-Partner-Role': 'helpdesk-agent' } })
    .then((r) => { console.log('customers ' + r.headers.get('X-Total-Count')); process.exit(${exitCode}); })`;

test.for([0, 3])(
  'examples/ci-with-mock-api.mjs starts the API, runs a command exiting %i with API_URL, stops it, passes the code on',
  async (exitCode) => {
    const ci = await run(process.execPath, ['examples/ci-with-mock-api.mjs', process.execPath, '-e', suite(exitCode)], {
      MOCK_API_ARGS: '--seed 30 --db .customer-desk/ci.json',
    });
    expect(ci.output).toContain('customers 30');
    expect(ci.output).toContain('SIGTERM: finishing the requests in flight');
    expect(ci.code).toBe(exitCode);
  },
);
