/** `npm run api -- [flags]` (installed: `customer-desk-api [flags]`): starts the mock API. `--help` lists the flags. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_LIFETIME } from './authority/authority';
import { fromSources } from './from-sources';
import { normalHost } from './middlewares/allowed-hosts';
import { normalOrigin } from './middlewares/allowed-origins';
import { DatabaseInUseError, DEFAULT_COMPACT_AFTER, DEFAULT_SEED_COUNT, seedProgress } from './store';

// Installed as a package, the repository's folders are not there: the database goes under the current directory.
const COMMAND = fromSources ? 'npm run api --' : 'customer-desk-api';
const DEFAULT_DB = fromSources ? 'mock-api/data/db.json' : '.customer-desk/db.json';

const HELP = `Customer Desk mock API

Usage: ${COMMAND} [options]

  --port <n>               port to listen on (default 3000; 0 picks a free one)
  --host <addr>            address to listen on (default 127.0.0.1)
  --db <file>              database file (default ${DEFAULT_DB}; created and seeded with
                           ${DEFAULT_SEED_COUNT} customers when missing, otherwise loaded with every acknowledged write)
  --seed <N>               (re)generate N deterministic customers, replacing the database
  --seed-value <n>         the seed: same value, same data (default 1)
  --reset                  regenerate the database even if it exists (${DEFAULT_SEED_COUNT} customers unless --seed)
  --fixtures <file.json>   start from this data instead: { "customers": [...], "auditLog": [...], and any other
                           collection json-server serves }, as GET /__admin/export writes it (replaces the database)
  --latency <ms|min-max>   delay every response (but /health) by ms, or a random time between min and max
  --fail-rate <0..1>       answer this share of requests (but /health) with 503
  --compact-after <n>      fold the write journal into the database file after n writes (default ${DEFAULT_COMPACT_AFTER})
  --token-lifetime <s>     lifetime of the sign-in authority's access tokens, in seconds (default ${DEFAULT_TOKEN_LIFETIME})
  --rotate-refresh-tokens  each refresh token works once, and a reused one revokes every token of its sign-in
                           (default: as Entra ID, a refresh token stays valid when used)
  --client-secret <s>      the secret grant_type=client_credentials takes, for any client id: an application's own
                           token (app-only); without it every client secret is refused
  --allow-origin <origin>  also answer web pages from this origin, like https://desk.example:8443 (repeatable;
                           '*' answers every page, unsafe). Always answered: no Origin (curl, scripts), browser
                           extensions, http(s)://localhost, *.localhost, 127.0.0.1 and [::1] on any port
  --allow-host <name>      also answer requests for this Host name (repeatable). Always answered: localhost,
                           *.localhost, 127.0.0.1, [::1] and the --host address
  --recover                when a database file is damaged, set the damaged files aside (<file>.damaged-<time>)
                           and load what precedes the damage, instead of refusing to start
  --no-admin               no /__admin routes (reset, import, export, request journal, fault rules): 404;
                           /openapi.json and /docs stay
  --help                   show this help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    fail(`--${name} must be a whole number of at least ${min}, not "${value}".`);
  return Number(value);
}

function latency(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)(?:-(\d+))?$/.exec(value);
  const [min, max] = match ? [Number(match[1]), Number(match[2] ?? match[1])] : [NaN, NaN];
  if (!match || min > max) fail(`--latency must be milliseconds like 200, or a range like 100-500, not "${value}".`);
  return [min, max];
}

function rate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    fail(`--fail-rate must be a number from 0 to 1, not "${value}".`);
  return n;
}

function origins(values: string[] = []): string[] {
  return values.map((value) => {
    const origin = value === '*' ? value : normalOrigin(value);
    if (!origin) fail(`--allow-origin must be an origin like https://desk.example:8443 (or '*'), not "${value}".`);
    return origin;
  });
}

function hosts(values: string[] = []): string[] {
  return values.map((value) => {
    if (!/^(\[[0-9a-f:.]+\]|[0-9a-f:]*:[0-9a-f:.]*|[a-z0-9._-]+)$/i.test(value))
      fail(`--allow-host must be a host name or address without a port, like desk.example, not "${value}".`);
    return normalHost(value);
  });
}

function parseFlags() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        'seed-value': { type: 'string' },
        reset: { type: 'boolean' },
        fixtures: { type: 'string' },
        latency: { type: 'string' },
        'fail-rate': { type: 'string' },
        'compact-after': { type: 'string' },
        'token-lifetime': { type: 'string' },
        'rotate-refresh-tokens': { type: 'boolean' },
        'client-secret': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        recover: { type: 'boolean' },
        'no-admin': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}
const parsed = parseFlags();
if (parsed.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const port = integer('port', parsed.port, 0) ?? 3000;
if (port > 65535) fail(`--port must be at most 65535, not "${port}".`);
const host = parsed.host ?? '127.0.0.1';
const allowOrigins = origins(parsed['allow-origin']);
const seeding = seedProgress();
const options = {
  port,
  host,
  dbPath: resolve(parsed.db ?? DEFAULT_DB),
  seed: integer('seed', parsed.seed, 0),
  seedValue: integer('seed-value', parsed['seed-value'], 0),
  fixtures: parsed.fixtures,
  reset: parsed.reset,
  latency: latency(parsed.latency),
  failRate: rate(parsed['fail-rate']),
  compactAfter: integer('compact-after', parsed['compact-after'], 1),
  tokenLifetime: integer('token-lifetime', parsed['token-lifetime'], 1) ?? DEFAULT_TOKEN_LIFETIME,
  rotateRefreshTokens: parsed['rotate-refresh-tokens'],
  clientSecret: parsed['client-secret'],
  allowOrigins,
  allowHosts: hosts(parsed['allow-host']),
  admin: !parsed['no-admin'],
  recover: parsed.recover,
  onSeedProgress: seeding.progress,
};
if (options.seed !== undefined && options.fixtures !== undefined) fail('Give --seed or --fixtures, not both.');
if (options.clientSecret === '') fail('--client-secret must not be empty.');

function exit(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

// Loaded after the flags are checked: --help and a bad flag answer without loading the server.
const { FixturesError, startMockApi } = await import('./index');
const api = await startMockApi(options).catch((error: Error) =>
  exit(
    error instanceof FixturesError || error instanceof DatabaseInUseError ? 2 : 1,
    error instanceof FixturesError ? `Cannot use --fixtures: ${error.message}` : error.message,
  ),
);
seeding.done();
if (api.recovered) process.stdout.write(`${api.recovered}\n`);
if (allowOrigins.includes('*'))
  process.stderr.write(
    "warning: --allow-origin '*': any web page open in your browser can read and change this API's data.\n",
  );
process.stdout.write(
  `Customer Desk mock API listening on ${api.url}\ndatabase: ${api.dbPath}\ncustomers: ${api.customers}\n`,
);

/** SIGTERM or Ctrl-C: no new connections, the requests in flight answered, the files closed. A second one stops at once. */
function stop(signal: NodeJS.Signals) {
  process.stdout.write(`${signal}: finishing the requests in flight, then stopping\n`);
  api.close().then(
    () => process.exit(0),
    (error: Error) => exit(1, `Stopping failed: ${error.message}`),
  );
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
