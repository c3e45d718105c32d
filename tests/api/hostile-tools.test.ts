/**
 * The tester's tools under careless or hostile use: letter case never changes which rules apply (the router
 * ignores it), at most 100 fault rules, and `/__admin` refuses browser extensions while the desk routes answer
 * them. (On main: `/__ADMIN/…` was journaled, rules for `/HEALTH` and `/__ADMIN/**` were taken, rules had no limit,
 * and any extension could call `/__admin`.)
 */
import { afterAll, beforeEach, expect, test } from 'vitest';
import { startApi } from '@/harness/mock-api';
import { MAX_FAULT_RULES } from '@/mock-api/admin/fault-rules';
import { withApi } from '../helpers/fixtures';

const desk = withApi({ seed: 3 });
const admin = { role: null };

beforeEach(async () => {
  await desk.api.call('/__admin/faults', { method: 'DELETE', ...admin });
  await desk.api.call('/__admin/requests', { method: 'DELETE', ...admin });
});

/** A request the contract document does not describe (a path in other letters): status only. */
const statusOf = async (path: string, role?: string) =>
  (await fetch(`${desk.api.url}${path}`, { headers: role ? { 'X-Partner-Role': role } : {} })).status;

const addRule = (rule: object) => desk.api.call('/__admin/faults', { method: 'POST', body: rule, ...admin });

test('the tools in any letter case are never journaled, and a rule for them is refused', async () => {
  expect(await statusOf('/__ADMIN/requests')).toBe(200);
  expect(await statusOf('/Docs')).toBe(200);
  await desk.api.call('/health');
  const { requests } = (await desk.api.call('/__admin/requests', admin)).body;
  expect(requests.map((r: { path: string }) => r.path)).toEqual(['/health']);
  for (const path of ['/HEALTH', '/__ADMIN/**', '/Docs', '/OpenAPI.json']) {
    const refused = await addRule({ path, status: 500 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.path).toMatch(/never fail/);
  }
});

test('a fault rule and the roles apply to a path in any letter case, as the route does', async () => {
  expect((await addRule({ path: '/customers/*', status: 503 })).status).toBe(201);
  expect(await statusOf(`/CUSTOMERS/${desk.id}`, 'admin-agent')).toBe(503);
  expect(await statusOf('/HEALTH')).toBe(200);
  // Roles too: the route in other letters is the same route, with the same guard.
  await desk.api.call('/__admin/faults', { method: 'DELETE', ...admin });
  expect(await statusOf(`/CUSTOMERS/${desk.id}`, 'billing-admin')).toBe(403);
  expect(await statusOf(`/Customers/${desk.id}`, 'admin-agent')).toBe(200);
});

test(`at most ${MAX_FAULT_RULES} fault rules: the next is a 422 naming the limit`, async () => {
  for (let n = 0; n < MAX_FAULT_RULES; n++) expect((await addRule({ path: `/r/${n}`, status: 500 })).status).toBe(201);
  const refused = await addRule({ path: '/one/more', status: 500 });
  expect(refused.status).toBe(422);
  expect(refused.body.error.message).toContain(String(MAX_FAULT_RULES));
  expect((await desk.api.call('/__admin/faults', admin)).body.faults).toHaveLength(MAX_FAULT_RULES);
});

test('/__admin refuses browser extensions (no CORS headers), in any letter case; desk routes answer them', async () => {
  for (const origin of ['chrome-extension://abcdefghijklmnop', 'moz-extension://4b1d-2c3e']) {
    for (const [path, method] of [
      ['/__admin/requests', 'GET'],
      ['/__ADMIN/reset', 'POST'],
      ['/__admin/export', 'OPTIONS'],
    ]) {
      const res = await fetch(`${desk.api.url}${path}`, {
        method,
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('origin-not-allowed');
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
    const desks = await desk.api.call(`/customers/${desk.id}`, { headers: { Origin: origin } });
    expect(desks.status).toBe(200);
    expect(desks.headers.get('Access-Control-Allow-Origin')).toBe(origin);
  }
  // Testers' tools: no Origin, or a page on localhost.
  expect(
    (await desk.api.call('/__admin/faults', { headers: { Origin: 'http://localhost:5173' }, ...admin })).status,
  ).toBe(200);
});

const off = await startApi({ seed: 3, admin: false });
afterAll(() => off.stop());

test('--no-admin turns /__admin off in any letter case', async () => {
  for (const path of ['/__admin/export', '/__ADMIN/export', '/__Admin/Reset']) {
    const res = await fetch(`${off.url}${path}`, { method: path.endsWith('eset') ? 'POST' : 'GET' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/--no-admin/);
  }
});
