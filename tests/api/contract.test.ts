/**
 * The contract document itself: valid OpenAPI 3.1, every route the server serves in it, and a checker that really
 * refuses drift (the other API tests rely on it: every answer `call` receives is checked). `/docs` renders it with
 * the installed Swagger UI, nothing from the network. `--no-admin` takes /__admin away but keeps both.
 */

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { METHODS } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractOf } from '@/harness/contract';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import type { TesterControl } from '@/mock-api/admin/control';
import { mountAdmin } from '@/mock-api/admin/routes';
import { Authority } from '@/mock-api/authority/authority';
import { openApiDocument } from '@/mock-api/openapi/document';
import { createApp } from '@/mock-api/server';
import { openStore } from '@/mock-api/store';

let api: InProcessApi;
let document: Record<string, any>;

beforeAll(async () => {
  api = await startApi({ seed: 5 });
  document = (await api.call('/openapi.json')).body;
});
afterAll(() => api?.stop());

test('GET /openapi.json is a valid OpenAPI 3.1 document, its server the address it was asked at', async () => {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document));
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
  expect(document.servers).toEqual([{ url: api.url }]);
  // The schemas are the domain's, by name: the customer as zod describes it.
  expect(document.components.schemas.Customer.required).toEqual(
    expect.arrayContaining(['id', 'companyProfile', 'billingProfile', 'purchasePermission']),
  );
  expect(document.components.schemas.Customer.additionalProperties).toBe(false);
});

/**
 * Every route Express holds, as OpenAPI paths (`:id` → `{id}`), with its methods: none for a route of any method
 * (the 405 answers), whose path must still be documented. Catch-alls (`/__admin/*`, 404s) are not routes.
 */
function routesOf(app: Express): { path: string; methods: string[] }[] {
  const stack = (app as unknown as { _router: { stack: any[] } })._router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) => {
      const paths: string[] = [layer.route.path].flat();
      return paths.some((path) => path.includes('*'))
        ? []
        : paths.map((path) => ({
            path: path.replace(/:(\w+)/g, '{$1}'),
            methods: METHODS.every((m) => layer.route.methods[m.toLowerCase()]) ? [] : Object.keys(layer.route.methods),
          }));
    });
}

test('every route the server serves is in the document, with every method it has, and nothing else', async () => {
  const db = await openStore({ path: `${api.dbPath}.routes`, seed: 1 });
  try {
    const app = createApp({ db, authority: await Authority.open(api.dbPath) });
    // The admin routes, as a server with its tools adds them (they read the control only when called).
    mountAdmin(app, {} as TesterControl, true);
    const documented = openApiDocument({ admin: true, collections: [], origin: api.url }).paths as Record<
      string,
      object
    >;
    const missing = routesOf(app).flatMap(({ path, methods }) => {
      const item = documented[path];
      return !item ? [path] : methods.filter((m) => !(m in item)).map((m) => `${m.toUpperCase()} ${path}`);
    });
    expect(missing).toEqual([]);
    expect(routesOf(app).length).toBeGreaterThan(30);
    // And the other way: every documented operation is a route, but the other collections' (json-server's router).
    const served = new Set(routesOf(app).flatMap(({ path, methods }) => methods.map((m) => `${m} ${path}`)));
    const unserved = Object.entries(documented).flatMap(([path, item]) =>
      path.startsWith('/{collection}')
        ? []
        : Object.keys(item)
            .filter((m) => !served.has(`${m} ${path}`))
            .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(unserved).toEqual([]);
  } finally {
    await db.close();
  }
});

test('the checker refuses what drifts: an unknown field, a wrong type, an undocumented status or route', async () => {
  const contract = await contractOf(api.url);
  const [customer] = await wholeCustomers(api, 1);
  const headers = new Headers({ 'Content-Type': 'application/json', ETag: '"x"' });
  const answer = (status: number, body: unknown) => ({ status, headers, body });
  const url = `${api.url}/customers/${customer.id}`;
  expect(contract.problems('GET', url, answer(200, customer))).toEqual([]);
  expect(contract.problems('GET', url, answer(200, { ...customer, extra: 1 })).join()).toMatch(/additional/);
  expect(contract.problems('GET', url, answer(200, { ...customer, relationshipToPartner: 'friend' })).join()).toMatch(
    /relationshipToPartner/,
  );
  expect(contract.problems('GET', url, answer(418, { error: { code: 'x', message: 'y' } })).join()).toMatch(
    /not documented/,
  );
  expect(contract.problems('GET', url, { status: 200, headers: new Headers(), body: customer }).join()).toMatch(
    /no ETag header/,
  );
  expect(contract.problems('POST', `${api.url}/health/now`, answer(200, {})).join()).toMatch(/not in the document/);
  // An answer a fault rule injected is the tester's, not the API's.
  const injected = new Headers({ 'X-Mock-Fault': 'rule', 'Content-Type': 'application/json' });
  expect(contract.problems('GET', url, { status: 418, headers: injected, body: 'teapot' })).toEqual([]);
});

test('GET /docs: Swagger UI from the installed package, nothing from the network, the document searchable', async () => {
  const page = await api.call('/docs');
  expect(page.status).toBe(200);
  expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
  const sources = [...String(page.body).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(sources.length).toBeGreaterThan(2);
  for (const source of sources) {
    expect(source).toMatch(/^\/docs\//);
    const asset = await fetch(`${api.url}${source}`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }
  const start = await (await fetch(`${api.url}/docs/start.js`)).text();
  expect(start).toContain("url: '/openapi.json'");
  expect(start).toContain('filter: true');
  expect((await fetch(`${api.url}/docs/package.json`)).status).toBe(404);
});

test('--no-admin: every /__admin path is 404; /openapi.json (without /__admin) and /docs stay', async () => {
  const off = await startApi({ seed: 2, admin: false });
  try {
    for (const [method, path] of [
      ['POST', '/__admin/reset'],
      ['GET', '/__admin/requests'],
      ['POST', '/__admin/faults'],
      ['GET', '/__admin'],
    ]) {
      const res = await off.call(path, { method, role: null });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/--no-admin/);
    }
    const doc = (await off.call('/openapi.json')).body;
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/__admin'))).toBe(false);
    expect(doc.paths['/customers']).toBeDefined();
    expect((await off.call('/docs')).status).toBe(200);
    expect((await off.call('/customers?_limit=1')).status).toBe(200);
  } finally {
    await off.stop();
  }
});

test('npm run openapi writes the same document to a file', async () => {
  const out = `${api.dbPath}.openapi.json`;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/openapi.ts', '--out', out, '--server', api.url],
    { cwd: resolve(import.meta.dirname, '../..') },
  );
  expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(document);
});
