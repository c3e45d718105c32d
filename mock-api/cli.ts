/** `npm run api -- [flags]`: starts the mock API. `--help` lists the flags. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Authority, DEFAULT_TOKEN_LIFETIME } from './authority/authority';
import { Database, DEFAULT_COMPACT_AFTER, DEFAULT_SEED_COUNT } from './database';
import { normalHost } from './middlewares/allowed-hosts';
import { normalOrigin } from './middlewares/allowed-origins';
import { seedProgress } from './seed-progress';

const HELP = `Customer Desk mock API

Usage: npm run api -- [options]

  --port <n>               port to listen on (default 3000; 0 picks a free one)
  --host <addr>            address to listen on (default 127.0.0.1)
  --db <file>              database file (default mock-api/data/db.json; created and seeded with
                           ${DEFAULT_SEED_COUNT} customers when missing, otherwise loaded with every acknowledged write)
  --seed <N>               (re)generate N deterministic customers, replacing the database
  --seed-value <n>         the seed: same value, same data (default 1)
  --reset                  regenerate the database even if it exists (${DEFAULT_SEED_COUNT} customers unless --seed)
  --latency <ms|min-max>   delay every response (but /health) by ms, or a random time between min and max
  --fail-rate <0..1>       answer this share of requests (but /health) with 503
  --compact-after <n>      fold the write journal into the database file after n writes (default ${DEFAULT_COMPACT_AFTER})
  --token-lifetime <s>     lifetime of the sign-in authority's access tokens, in seconds (default ${DEFAULT_TOKEN_LIFETIME})
  --allow-origin <origin>  also answer web pages from this origin, like https://desk.example:8443 (repeatable;
                           '*' answers every page, unsafe). Always answered: no Origin (curl, scripts), browser
                           extensions, http(s)://localhost, *.localhost, 127.0.0.1 and [::1] on any port
  --allow-host <name>      also answer requests for this Host name (repeatable). Always answered: localhost,
                           *.localhost, 127.0.0.1, [::1] and the --host address
  --recover                when a database file is damaged, set the damaged files aside (<file>.damaged-<time>)
                           and load what precedes the damage, instead of refusing to start
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
        latency: { type: 'string' },
        'fail-rate': { type: 'string' },
        'compact-after': { type: 'string' },
        'token-lifetime': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        recover: { type: 'boolean' },
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
const path = resolve(parsed.db ?? 'mock-api/data/db.json');
const faultOptions = { latency: latency(parsed.latency), failRate: rate(parsed['fail-rate']) };
const tokenLifetime = integer('token-lifetime', parsed['token-lifetime'], 1) ?? DEFAULT_TOKEN_LIFETIME;
const access = { host, allowOrigins: origins(parsed['allow-origin']), allowHosts: hosts(parsed['allow-host']) };
const cannotOpen = (error: Error) => {
  process.stderr.write(`Cannot open the database: ${error.message}\n`);
  process.exit(1);
};
const seeding = seedProgress();
const db = await Database.open({
  path,
  seed: integer('seed', parsed.seed, 0),
  seedValue: integer('seed-value', parsed['seed-value'], 0),
  reset: parsed.reset,
  compactAfter: integer('compact-after', parsed['compact-after'], 1),
  recover: parsed.recover,
  onSeedProgress: seeding.progress,
}).catch(cannotOpen);
seeding.done();
if (db.recovered) process.stdout.write(`${db.recovered}\n`);
if (access.allowOrigins.includes('*'))
  process.stderr.write(
    "warning: --allow-origin '*': any web page open in your browser can read and change this API's data.\n",
  );

const authority = await Authority.open(path, tokenLifetime).catch((error: Error) => {
  process.stderr.write(`Cannot open the signing key: ${error.message}\n`);
  process.exit(1);
});

// Loaded after the flags are checked: --help and a bad flag answer without loading the server.
const { createApp } = await import('./server');
const server = createApp(db, faultOptions, authority, access).listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(
    `Customer Desk mock API listening on http://${normalHost(host)}:${actual}\ndatabase: ${path}\ncustomers: ${db.count}\n`,
  );
});
server.on('error', (error) => {
  process.stderr.write(`Cannot listen on ${host}:${port}: ${error.message}\n`);
  process.exit(1);
});

/** SIGTERM or Ctrl-C: no new connections, the requests in flight answered, the files closed. A second one stops at once. */
function stop(signal: NodeJS.Signals) {
  process.stdout.write(`${signal}: finishing the requests in flight, then stopping\n`);
  server.close(() => db.close().then(() => process.exit(0), cannotStop));
  // Keep-alive connections close as soon as their request is answered.
  setInterval(() => server.closeIdleConnections(), 20).unref();
}
const cannotStop = (error: Error) => {
  process.stderr.write(`Stopping failed: ${error.message}\n`);
  process.exit(1);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
