/** `npm run api -- [flags]`: starts the mock API. `--help` lists the flags. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from './database';
import { createApp } from './server';

const HELP = `Customer Desk mock API

Usage: npm run api -- [options]

  --port <n>          port to listen on (default 3000; 0 picks a free one)
  --host <addr>       address to listen on (default 127.0.0.1)
  --db <file>         database file (default mock-api/data/db.json, created and seeded when missing)
  --seed <N>          (re)generate N deterministic customers
  --seed-value <n>    the seed: same value, same data (default 1)
  --reset             regenerate the database even if it exists
  --help              show this help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min}, not "${value}".`);
  return n;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      'seed-value': { type: 'string' },
      reset: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (parsed.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const port = integer('port', parsed.port, 0) ?? 3000;
const host = parsed.host ?? '127.0.0.1';
const path = resolve(parsed.db ?? 'mock-api/data/db.json');
const data = openDatabase({ path, seed: integer('seed', parsed.seed, 0), seedValue: integer('seed-value', parsed['seed-value'], 0), reset: parsed.reset });

const server = createApp(data).listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`Customer Desk mock API listening on http://${host}:${actual}\ndatabase: ${path}\ncustomers: ${data.customers.length}\n`);
});
