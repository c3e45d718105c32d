/**
 * The mock API in-process, for test suites (the project's own and testers'): `startMockApi()` starts it on a free
 * loopback port with a temporary database of 1,000 seeded customers, and answers where it listens, `reset()` (as
 * `POST /__admin/reset`) and `close()`. The command line (cli.ts) starts the same thing with flags.
 *
 * ```ts
 * const api = await startMockApi({ seed: 50 });
 * await fetch(`${api.url}/customers?q=contoso`, { headers: { 'X-Partner-Role': 'admin-agent' } });
 * await api.reset();
 * await api.close();
 * ```
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TesterControl } from './admin/control';
import { type DataSet, readDataSet } from './admin/data-set';
import { LiveStore } from './admin/live-store';
import { Authority } from './authority/authority';
import { CollectionsFile, collectionsPath } from './collections/collections-file';
import { CollectionsRoute } from './collections/collections-route';
import { normalHost } from './middlewares/allowed-hosts';
import { parseJsonObject } from './middlewares/json-body';
import { DatabaseLock, openStore, StartState } from './store';

/** How long `close()` lets requests in flight finish before it closes their connections. */
export const CLOSE_GRACE_MS = 5000;

export interface MockApiOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The database file; default a temporary one, removed on close. */
  dbPath?: string;
  /** (Re)generate this many deterministic customers. A new database gets 1,000. */
  seed?: number;
  /** The seed: same value, same customers (default 1). */
  seedValue?: number;
  /** Start from this data instead: a fixture file's path, or its contents (`{ customers, auditLog?, … }`). */
  fixtures?: string | object;
  /** Regenerate the database even if it exists. */
  reset?: boolean;
  /** Delay every answer (but /health) by ms, or a random time in [min, max]. */
  latency?: number | [number, number];
  /** Answer this share of requests (but /health) with 503. */
  failRate?: number;
  compactAfter?: number;
  /** Of the authority's access tokens, in seconds. */
  tokenLifetime?: number;
  /** Each refresh token works once; a reused one revokes every token of its sign-in (README, "Signing in"). */
  rotateRefreshTokens?: boolean;
  /** The client secret `grant_type=client_credentials` takes; without it every secret is refused. */
  clientSecret?: string;
  /** Web origins answered besides the defaults (`'*'`: all). */
  allowOrigins?: string[];
  /** Host names answered besides the defaults. */
  allowHosts?: string[];
  /** Serve `/__admin` (default true). */
  admin?: boolean;
  /** Set damaged files aside and load what precedes the damage. */
  recover?: boolean;
  /** Called as seeding goes: customers written so far of `total`. */
  onSeedProgress?: (done: number, total: number) => void;
}

export interface RunningMockApi {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  dbPath: string;
  /** Customers when it started. */
  customers: number;
  /** What --recover did, if it did anything. */
  recovered: string | null;
  /** Back to the state it started from, as `POST /__admin/reset`. */
  reset(): Promise<{ customers: number }>;
  /** Answers the requests in flight (those still unanswered after CLOSE_GRACE_MS are cut off), stops, closes the files (and removes a temporary database). */
  close(): Promise<void>;
}

/** A fixture file (or its contents) that cannot be used: the message names the file and each problem. */
export class FixturesError extends Error {}

/** What could not start: the database, the signing key or the port; the message says which, and why. */
export class StartError extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what}: ${(cause as Error).message}`, { cause });
  }
}

const because = (what: string) => (cause: unknown) => {
  throw new StartError(what, cause);
};

function readFixtures(fixtures: string | object): DataSet {
  const name = typeof fixtures === 'string' ? resolve(fixtures) : 'the fixtures';
  let text: string;
  try {
    text = typeof fixtures === 'string' ? readFileSync(name, 'utf8') : JSON.stringify(fixtures);
  } catch (error) {
    throw new FixturesError(`Cannot read ${name}: ${(error as Error).message}`);
  }
  const parsed = parseJsonObject(text);
  if (!parsed.ok) throw new FixturesError(`${name}: ${parsed.message}`);
  const data = readDataSet(parsed.body);
  if (!data.ok)
    throw new FixturesError(
      `${name} is not valid:\n${Object.entries(data.fields)
        .map(([path, message]) => `  ${path}: ${message}`)
        .join('\n')}`,
    );
  return data.data;
}

function listen(server: Server): Promise<void> {
  return new Promise((done, fail) => {
    server.once('listening', done);
    server.once('error', fail);
  });
}

export async function startMockApi(options: MockApiOptions = {}): Promise<RunningMockApi> {
  const temp = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'customer-desk-api-'));
  const dbPath = options.dbPath ? resolve(options.dbPath) : join(temp!, 'db.json');
  const host = options.host ?? '127.0.0.1';
  const fixtures = options.fixtures === undefined ? undefined : readFixtures(options.fixtures);
  const lock = DatabaseLock.acquire(dbPath);
  const db = await openStore({
    path: dbPath,
    seed: options.seed,
    seedValue: options.seedValue,
    reset: options.reset,
    compactAfter: options.compactAfter,
    recover: options.recover,
    fixtures,
    onSeedProgress: options.onSeedProgress,
  }).catch((error) => {
    lock.release();
    return because('Cannot open the database')(error);
  });
  try {
    const collectionsFile = new CollectionsFile(collectionsPath(dbPath));
    const collections = db.created
      ? collectionsFile.begin(fixtures?.collections ?? {})
      : collectionsFile.load(db.currentGeneration);
    const live = new LiveStore(db);
    const control = new TesterControl(
      {
        live,
        collections: new CollectionsRoute(collectionsFile, collections),
        collectionsFile,
        compactAfter: options.compactAfter,
      },
      StartState.capture(dbPath),
      collections,
    );
    const authority = await Authority.open(dbPath, options).catch(because('Cannot open the signing key'));
    // Loaded here rather than on top: the command line answers --help and bad flags without loading the server.
    const { createApp } = await import('./server');
    const latency = typeof options.latency === 'number' ? [options.latency, options.latency] : options.latency;
    const app = createApp({
      db: live.db,
      authority,
      faults: { latency: latency as [number, number] | undefined, failRate: options.failRate },
      access: { host, allowOrigins: options.allowOrigins, allowHosts: options.allowHosts },
      tools: { control, admin: options.admin ?? true },
    });
    const server = app.listen(options.port ?? 0, host);
    await listen(server).catch(because(`Cannot listen on ${host}:${options.port ?? 0}`));
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://${normalHost(host)}:${port}`,
      port,
      dbPath,
      customers: db.count,
      recovered: db.recovered,
      reset: () => control.reset(),
      close: async () => {
        // Keep-alive connections close as soon as their request is answered; after a grace period, the rest (a
        // client trickling its body would otherwise hold the stop for minutes): a request cut off there was never
        // acknowledged.
        const idle = setInterval(() => server.closeIdleConnections(), 20);
        const slow = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        await new Promise<void>((done) => server.close(() => done()));
        clearInterval(idle);
        clearTimeout(slow);
        await live.exclusive((current) => current.close());
        control.close();
        lock.release();
        if (temp) rmSync(temp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db.close();
    lock.release();
    if (temp) rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
