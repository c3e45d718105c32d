/**
 * The real mock API for tests, the bench and scripts, on a free loopback port with its own temporary database: in this process
 * (`startApi`, through `startMockApi` of mock-api/index.ts, as testers' suites use it), or as the command line
 * testers run (`spawnMockApi`, for what only a process shows: flags, output, exit codes, signals, kill -9).
 * Every answer `call` receives is checked against the API's contract document (contract.ts).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Customer } from '@/domain/schemas';
import { type MockApiOptions, startMockApi } from '@/mock-api/index';
import { BUILT_CLI } from '../scripts/mock-api-package/build';
import { expectConforms } from './contract';

/**
 * The command line as the package ships it, built once per test run (built-mock-api.ts, vitest's globalSetup): it
 * starts in a third of the time tsx takes to compile the sources. `sources` runs mock-api/cli.ts through tsx.
 */
function cliArgs(cli: 'built' | 'sources' = 'built'): string[] {
  if (cli === 'sources') return ['--import', 'tsx', 'mock-api/cli.ts'];
  if (!existsSync(BUILT_CLI))
    throw new Error(`${BUILT_CLI} is missing: tests build it in vitest's globalSetup, or run npm run pack:api`);
  return [BUILT_CLI];
}

export interface CallOptions {
  /** The X-Partner-Role header; null sends none. Default admin-agent. */
  role?: string | null;
  method?: string;
  /** Sent as JSON (Content-Type application/json) unless `raw` is given. */
  body?: unknown;
  raw?: string;
  ifMatch?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
}

export interface InProcessApi {
  url: string;
  /** One HTTP request to the API; the body is parsed as JSON when it is JSON. */
  call: (path: string, options?: CallOptions) => Promise<CallResult>;
  dbPath: string;
  /** As POST /__admin/reset. */
  reset: () => Promise<{ customers: number }>;
  stop: () => Promise<void>;
}

export interface MockApi {
  url: string;
  /** One HTTP request to the API; the body is parsed as JSON when it is JSON. */
  call: (path: string, options?: CallOptions) => Promise<CallResult>;
  dbPath: string;
  process: ChildProcess;
  output: () => string;
  /** Stops the server; `signal` SIGKILL simulates a crash. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

export async function call(
  url: string,
  path: string,
  { role = 'admin-agent', method = 'GET', body, raw, ifMatch, headers = {} }: CallOptions = {},
): Promise<CallResult> {
  const sent: Record<string, string> = { ...headers };
  if (role !== null) sent['X-Partner-Role'] = role;
  if (ifMatch !== undefined) sent['If-Match'] = ifMatch;
  if (body !== undefined && raw === undefined) sent['Content-Type'] ??= 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers: sent,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  const answer = { status: res.status, headers: res.headers, body: parsed };
  await expectConforms(method, `${url}${path}`, answer);
  return answer;
}

/** The first `limit` customers in list order, each read whole (the list answers summaries). */
export async function wholeCustomers(api: Pick<MockApi, 'call'>, limit: number): Promise<Customer[]> {
  const { body } = await api.call(`/customers?_limit=${limit}`);
  return Promise.all(body.map(async ({ id }: { id: string }) => (await api.call(`/customers/${id}`)).body));
}

/** The API in this process; a new database of 200 customers unless `seed`, `fixtures` or `dbPath` say otherwise. */
export async function startApi(options: MockApiOptions = {}): Promise<InProcessApi> {
  const seeded = options.seed !== undefined || options.fixtures !== undefined || options.dbPath !== undefined;
  const api = await startMockApi({ ...(seeded ? {} : { seed: 200 }), ...options });
  return {
    url: api.url,
    dbPath: api.dbPath,
    call: (path, callOptions) => call(api.url, path, callOptions),
    reset: api.reset,
    stop: api.close,
  };
}

/** The command line in a child process (for flags, output, exit codes, signals and kill -9). */
export async function spawnMockApi(
  args: string[] = [],
  options: { dbPath?: string; startTimeoutMs?: number; cli?: 'built' | 'sources' } = {},
): Promise<MockApi> {
  const dir = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'customer-desk-api-'));
  const dbPath = options.dbPath ?? join(dir!, 'db.json');
  const hasSeed = args.includes('--seed') || args.includes('--fixtures');
  const child = spawn(
    process.execPath,
    [
      ...cliArgs(options.cli),
      '--port',
      '0',
      '--db',
      dbPath,
      ...(hasSeed || options.dbPath ? [] : ['--seed', '200']),
      ...args,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const collect = (chunk: Buffer) => {
    out += chunk;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`mock API did not start:\n${out}`)),
      options.startTimeoutMs ?? 60_000,
    );
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`mock API exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    call: (path, options) => call(url, path, options),
    dbPath,
    process: child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          done();
          return;
        }
        child.once('exit', () => {
          if (dir && signal !== 'SIGKILL') rmSync(dir, { recursive: true, force: true });
          done();
        });
        child.kill(signal);
      }),
  };
}

/** Runs the CLI to its exit (for --help, bad flags, damaged files): its exit code, stdout and stderr. */
export async function runCli(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...cliArgs(), ...args], { cwd: ROOT });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { status: code, stdout, stderr };
  }
}
