/**
 * The mock API's npm package as a tester receives it (installed-package.ts packed it and installed it into an empty
 * project): what it holds, `npx customer-desk-api`, `import` and `require` in plain Node, its types in a TypeScript
 * project, and the contract it ships. Nothing here imports the repository's sources.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const project = inject('testerProject');
const installed = join(project, 'node_modules/customer-desk-mock-api');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const run = (file: string, args: string[]) => promisify(execFile)(file, args, { cwd: project, encoding: 'utf8' });
const role = { 'X-Partner-Role': 'sales-agent' };

test('the .tgz is named with the version and holds JavaScript, types and the contract, no build tools', () => {
  expect(inject('packedMockApi')).toBe(join(ROOT, `.output/customer-desk-mock-api-${version}.tgz`));
  const manifest = json(join(installed, 'package.json'));
  expect(manifest.version).toBe(version);
  expect(manifest.type).toBe('module');
  for (const tool of ['tsx', 'typescript', 'esbuild', 'wxt', 'vite', 'preact', 'vitest', '@faker-js/faker'])
    expect(Object.keys(manifest.dependencies)).not.toContain(tool);
  const files = readdirSync(installed, { recursive: true, encoding: 'utf8' });
  expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  expect(files).toContain('dist/index.d.ts');
  expect(files).toContain('dist/seed-worker.js');
  expect(files).toContain('dist/compact-worker.js');
  expect(json(join(installed, 'openapi.json')).info.version).toBe(version);
});

let cli: ChildProcess;
let cliOutput = '';
let url: string;
beforeAll(async () => {
  // Its own process group: stopping it below signals the server as Ctrl-C in a terminal would, not only npx.
  cli = spawn('npx', ['customer-desk-api', '--port', '0', '--seed', '100'], { cwd: project, detached: true });
  cli.stdout!.setEncoding('utf8').on('data', (text) => {
    cliOutput += text;
  });
  cli.stderr!.setEncoding('utf8').on('data', (text) => {
    cliOutput += text;
  });
  url = await new Promise<string>((done, fail) => {
    cli.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(cliOutput);
      if (match) done(match[1]);
    });
    cli.once('exit', (code) => fail(new Error(`customer-desk-api exited with ${code}:\n${cliOutput}`)));
  });
});
afterAll(() => {
  if (cli.exitCode === null && cli.signalCode === null) process.kill(-cli.pid!, 'SIGKILL');
});

test('npx customer-desk-api starts it with the seeded customers, in .customer-desk/ of the project', async () => {
  expect(cliOutput).toContain(`database: ${join(project, '.customer-desk/db.json')}`);
  expect(cliOutput).toContain('customers: 100');
  expect((await fetch(`${url}/health`)).status).toBe(200);
  const list = await fetch(`${url}/customers?_limit=1`, { headers: role });
  expect(list.headers.get('X-Total-Count')).toBe('100');
  const help = await run('npx', ['customer-desk-api', '--help']);
  expect(help.stdout).toContain('Usage: customer-desk-api [options]');
});

test('/openapi.json carries the package version and /docs serves Swagger UI from the installed package', async () => {
  expect((await (await fetch(`${url}/openapi.json`)).json()).info.version).toBe(version);
  const docs = await fetch(`${url}/docs`);
  expect(docs.status).toBe(200);
  expect(await docs.text()).toContain('/docs/swagger-ui-bundle.js');
  const bundle = await fetch(`${url}/docs/swagger-ui-bundle.js`);
  expect(bundle.status).toBe(200);
  expect((await bundle.text()).length).toBeGreaterThan(100_000);
});

test('SIGTERM stops the server', async () => {
  // 'close': every process of the group holding its output (npx and the server) has exited.
  const closed = new Promise((done) => cli.once('close', done));
  process.kill(-cli.pid!, 'SIGTERM');
  await closed;
  expect(cliOutput).toContain('SIGTERM: finishing the requests in flight');
  await expect(fetch(`${url}/health`)).rejects.toThrow();
});

test('import in plain Node ESM: start, search, a write with If-Match, reset, close', async () => {
  copyFileSync(join(import.meta.dirname, 'in-process.mjs'), join(project, 'in-process.mjs'));
  const seen = JSON.parse((await run(process.execPath, ['in-process.mjs'])).stdout);
  expect(seen).toMatchObject({
    total: '100',
    searchFound: true,
    writeStatus: 200,
    staleStatus: 412,
    written: 'Ann',
    reset: { customers: 100 },
    closed: 'refused',
  });
  expect(seen.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(seen.before).not.toBe('Ann');
  expect(seen.afterReset).toBe(seen.before);
});

test('require in CommonJS works too (Node 20.19+ loads the ES module)', async () => {
  const script = `require('customer-desk-mock-api').startMockApi({ seed: 3 }).then(async (api) => {
    const list = await fetch(api.url + '/customers', { headers: ${JSON.stringify(role)} });
    await api.close();
    console.log(list.headers.get('X-Total-Count'));
  });`;
  writeFileSync(join(project, 'required.cjs'), script);
  expect((await run(process.execPath, ['required.cjs'])).stdout.trim()).toBe('3');
});

test('a TypeScript project sees the types: RunningMockApi, MockApiOptions, and a wrong option is an error', async () => {
  const check = `import { type MockApiOptions, type RunningMockApi, startMockApi } from 'customer-desk-mock-api';
const options: MockApiOptions = { seed: 10, latency: [0, 5], allowOrigins: ['https://desk.example'] };
const api: RunningMockApi = await startMockApi(options);
const port: number = api.port;
const reset: { customers: number } = await api.reset();
// @ts-expect-error seed is a number
await startMockApi({ seed: 'many' });
await api.close();
export { port, reset };
`;
  writeFileSync(join(project, 'check.mts'), check);
  const compilerOptions = { module: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.mts'] }));
  const tsc = join(ROOT, 'node_modules/.bin/tsc');
  await expect(run(tsc, ['-p', 'tsconfig.json'])).resolves.toMatchObject({ stdout: '' });
});
