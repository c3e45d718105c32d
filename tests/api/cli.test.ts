import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DIAL_CODES } from '@/domain/countries';
import { Customer, companyIssues, countryIssues } from '@/domain/schemas';
import { runCli as cli, type MockApi, spawnMockApi } from '@/harness/mock-api';
import { seedCustomers } from '@/mock-api/store/seed/seed';

const started: MockApi[] = [];
let plain: MockApi;
beforeAll(async () => {
  plain = await start(['--seed', '12']);
});
afterAll(() => Promise.all(started.map((api) => api.stop())));

async function start(args: string[]) {
  const api = await spawnMockApi(args);
  started.push(api);
  return api;
}

/** Every customer, whole: the list answers summaries, so each is read on its own. */
async function everyCustomer(api: MockApi): Promise<Customer[]> {
  const first = await api.call('/customers?_limit=100');
  const pages = Math.ceil(Number(first.headers.get('X-Total-Count')) / 100);
  const rest = await Promise.all(
    Array.from({ length: pages - 1 }, (_, p) => api.call(`/customers?_limit=100&_page=${p + 2}`)),
  );
  const ids: string[] = [first, ...rest].flatMap((r) => r.body.map((c: { id: string }) => c.id));
  return Promise.all(ids.map(async (id) => (await api.call(`/customers/${id}`)).body));
}

test('--help documents every flag', async () => {
  const run = await cli(['--help']);
  expect(run.status).toBe(0);
  for (const flag of [
    '--port',
    '--host',
    '--db',
    '--seed',
    '--seed-value',
    '--reset',
    '--latency',
    '--fail-rate',
    '--compact-after',
    '--allow-origin',
    '--allow-host',
    '--recover',
    '--fixtures',
    '--no-admin',
    '--token-lifetime',
    '--rotate-refresh-tokens',
    '--client-secret',
    '--help',
  ]) {
    expect(run.stdout).toContain(flag);
  }
});

test('bad flags get a clear message and exit code 2', async () => {
  const cases = [
    [['--nope'], '--nope'],
    [['--fail-rate', '2'], '--fail-rate'],
    [['--fail-rate', 'lots'], '--fail-rate'],
    [['--latency', 'slow'], '--latency'],
    [['--latency', '500-100'], '--latency'],
    [['--port', 'http'], '--port'],
    [['--seed', '-5'], '--seed'],
    [['--allow-origin', 'evil'], '--allow-origin'],
    [['--allow-origin', 'https://desk.example/app'], '--allow-origin'],
    [['--allow-host', 'desk.example:8080'], '--allow-host'],
    [['--allow-host', 'a b'], '--allow-host'],
  ] as const;
  const runs = await Promise.all(cases.map(([args]) => cli(args)));
  for (const [n, [args, mention]] of cases.entries()) {
    expect(runs[n].status, args.join(' ')).toBe(2);
    expect(runs[n].stderr, args.join(' ')).toContain(mention);
  }
});

test('--fixtures starts from a file; a bad one is named with each problem, exit code 2; --no-admin turns /__admin off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'customer-desk-fixtures-'));
  try {
    const good = join(dir, 'good.json');
    const customers = seedCustomers(3, 4);
    writeFileSync(good, JSON.stringify({ customers, orders: [{ id: 1 }] }, null, 2));
    const api = await start(['--fixtures', good, '--no-admin']);
    expect(api.output()).toContain('customers: 3');
    expect((await api.call('/orders')).body).toEqual([{ id: 1 }]);
    expect((await api.call('/__admin/export', { role: null })).status).toBe(404);
    expect((await api.call('/openapi.json', { role: null })).status).toBe(200);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ customers: [{ ...customers[0], relationshipToPartner: 'friend' }] }));
    const refused = await cli(['--port', '0', '--db', join(dir, 'db.json'), '--fixtures', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(bad);
    expect(refused.stderr).toContain('customers.0.relationshipToPartner');
    const missing = await cli(['--port', '0', '--db', join(dir, 'db.json'), '--fixtures', join(dir, 'none.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('none.json');
    const both = await cli(['--seed', '3', '--fixtures', good]);
    expect(both.status).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start-up prints the address, the database path and the customer count', async () => {
  expect(plain.output()).toContain(`listening on ${plain.url}`);
  expect(plain.output()).toContain(`database: ${plain.dbPath}`);
  expect(plain.output()).toContain('customers: 12');
});

test('seeding says how long it took in one line when the output is not a terminal', async () => {
  const lines = plain.output().split('\n');
  expect(lines.filter((line) => line.startsWith('seeded'))).toEqual([
    expect.stringMatching(/^seeded 12 customers in \d+\.\d s \([\d,]+\/s\)$/),
  ]);
  expect(plain.output()).not.toContain('\r');
  // Loading an existing database seeds nothing and says nothing about it.
  const dbPath = join(mkdtempSync(join(tmpdir(), 'customer-desk-cli-')), 'db.json');
  const first = await spawnMockApi(['--seed', '3'], { dbPath });
  await first.stop();
  const again = await spawnMockApi([], { dbPath });
  await again.stop();
  expect(again.output()).toContain('customers: 3');
  expect(again.output()).not.toContain('seeded');
  rmSync(dirname(dbPath), { recursive: true, force: true });
});

test('--fail-rate 1 answers everything with 503 in the error shape, except /health', async () => {
  const api = await start(['--seed', '3', '--fail-rate', '1']);
  for (const path of ['/customers', '/customers/x', '/customers/x/profiles/billing', '/nowhere']) {
    const res = await api.call(path);
    expect(res.status, path).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
  }
  expect((await api.call('/validations/address', { method: 'POST', body: {} })).status).toBe(503);
  expect((await api.call('/health', { role: null })).status).toBe(200);
});

test('--latency delays answers but not /health', async () => {
  const api = await start(['--seed', '3', '--latency', '400-500']);
  const order: string[] = [];
  await Promise.all([
    api.call('/customers').then((r) => order.push(`customers ${r.status}`)),
    api.call('/health').then((r) => order.push(`health ${r.status}`)),
  ]);
  expect(order).toEqual(['health 200', 'customers 200']);
});

test('the seed is deterministic and realistic', async () => {
  const [a, b] = await Promise.all([
    start(['--seed', '200', '--seed-value', '9']),
    start(['--seed', '200', '--seed-value', '9']),
  ]);
  const [one, same] = await Promise.all([everyCustomer(a), everyCustomer(b)]);
  expect(one).toHaveLength(200);
  expect(same).toEqual(one);
  expect(seedCustomers(1, 10)[0].id).not.toBe(one[0].id);

  const countries = new Set(one.map((x) => x.billingProfile.defaultAddress.country));
  expect([...countries].sort()).toEqual(['AU', 'CA', 'DE', 'FR', 'GB', 'IN', 'JP', 'RU', 'US']);
  expect(one.some((x) => /[а-яё]/i.test(x.companyProfile.companyName))).toBe(true);
  expect(one.some((x) => /^[A-Za-z]/.test(x.billingProfile.firstName))).toBe(true);
  const permitted = one.filter((x) => x.purchasePermission.azureReservations).length / one.length;
  expect(permitted).toBeGreaterThan(0.1);
  expect(permitted).toBeLessThan(0.3);
  for (const x of one) {
    const address = x.billingProfile.defaultAddress;
    expect(Customer.safeParse(x).success).toBe(true);
    expect(countryIssues(address)).toEqual([]);
    expect(companyIssues(x.companyProfile, address.country)).toEqual([]);
    expect(address.phoneNumber?.startsWith(`+${DIAL_CODES[address.country]} `)).toBe(true);
  }
});

test('CORS: a preflight from the extension may send the role and If-Match, and ETag is readable', async () => {
  const res = await fetch(`${plain.url}/customers`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'chrome-extension://abc',
      'Access-Control-Request-Method': 'PATCH',
      'Access-Control-Request-Headers': 'x-partner-role,if-match,content-type',
    },
  });
  expect(res.status).toBeLessThan(300);
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abc');
  expect(res.headers.get('Access-Control-Allow-Headers')).toContain('if-match');
  const get = await plain.call('/customers?_limit=1', { headers: { Origin: 'chrome-extension://abc' } });
  expect(get.headers.get('Access-Control-Expose-Headers')).toContain('ETag');
});

test('an unknown route is a JSON 404', async () => {
  const res = await plain.call('/db');
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe('not-found');
});
