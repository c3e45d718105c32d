/** `/__admin/requests`: what clients sent, newest first, filtered; the tester's own tools never in it. */
import { beforeEach, expect, test } from 'vitest';
import { withApi } from '../helpers/fixtures';

const desk = withApi({ seed: 5 });
beforeEach(async () => {
  expect((await desk.api.call('/__admin/requests', { method: 'DELETE', role: null })).status).toBe(204);
});

const journal = async (query = '') => (await desk.api.call(`/__admin/requests${query}`, { role: null })).body;

test('a write as it was sent: method, path, query, headers (If-Match), parsed body, status, duration', async () => {
  const path = `/customers/${desk.id}/profiles/billing`;
  const etag = (await desk.api.call(path)).headers.get('ETag')!;
  await desk.api.call(`${path}?trace=1&trace=2`, { method: 'PATCH', body: { firstName: 'Journaled' }, ifMatch: etag });
  await desk.api.call(path, { method: 'PATCH', body: { firstName: 'Stale' }, ifMatch: etag });
  const { total, requests } = await journal();
  expect(total).toBe(3);
  const [stale, write, read] = requests;
  expect(read).toMatchObject({ method: 'GET', path, status: 200, body: null });
  expect(write).toMatchObject({
    method: 'PATCH',
    path,
    query: { trace: ['1', '2'] },
    body: { firstName: 'Journaled' },
    status: 200,
  });
  expect(write.headers).toMatchObject({ 'if-match': etag, 'x-partner-role': 'admin-agent' });
  expect(write.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(Date.parse(write.at)).toBeGreaterThanOrEqual(Date.parse(read.at));
  expect(write.durationMs).toBeGreaterThanOrEqual(0);
  expect(stale).toMatchObject({ status: 412, body: { firstName: 'Stale' } });
});

test('a body that is not JSON is kept as text; one refused unread is null', async () => {
  await desk.api.call('/validations/address', {
    method: 'POST',
    raw: 'city=Paris',
    headers: { 'Content-Type': 'text/plain' },
  });
  await desk.api.call('/validations/address', {
    method: 'POST',
    raw: '{"city": "Par',
    headers: { 'Content-Type': 'application/json' },
  });
  const [malformed, unread] = (await journal()).requests;
  expect(malformed).toMatchObject({ status: 400, body: '{"city": "Par' });
  expect(unread).toMatchObject({ status: 415, body: null });
});

test('filters: method, path glob, status code or class, limit (default 100); total counts every match kept', async () => {
  for (let n = 0; n < 105; n++) await desk.api.call('/health');
  await desk.api.call(`/customers/${desk.id}`);
  await desk.api.call(`/customers/${desk.id}/auditLog`);
  await desk.api.call('/customers/00000000-0000-4000-8000-000000000000');
  await desk.api.call(`/customers/${desk.id}`, { role: null });
  await desk.api.call(`/customers/${desk.id}/profiles/company`, { method: 'PUT', body: {} });

  const all = await journal();
  expect(all.total).toBe(110);
  expect(all.requests).toHaveLength(100);
  expect(all.requests[0].method).toBe('PUT');
  expect((await journal('?limit=3')).requests.map((r: { path: string }) => r.path)).toEqual([
    `/customers/${desk.id}/profiles/company`,
    `/customers/${desk.id}`,
    '/customers/00000000-0000-4000-8000-000000000000',
  ]);
  expect((await journal('?method=put')).total).toBe(1);
  expect((await journal('?path=/customers/*')).total).toBe(3);
  expect((await journal('?path=/customers/**')).total).toBe(5);
  expect((await journal('?path=/customers/*/auditLog')).total).toBe(1);
  expect((await journal('?status=4xx')).total).toBe(3);
  expect((await journal('?status=404')).total).toBe(1);
  expect((await journal('?status=401&path=/customers/*')).requests[0].headers['x-partner-role']).toBeUndefined();
  expect((await journal('?method=GET&status=2xx&path=/health&limit=1000')).total).toBe(105);
});

test('the last 1,000 are kept; /__admin, /docs and /openapi.json are never journaled; DELETE empties it', async () => {
  for (let n = 0; n < 1003; n += 1) await desk.api.call(`/health?n=${n}`);
  await desk.api.call('/openapi.json');
  await desk.api.call('/docs');
  await desk.api.call('/__admin/faults', { role: null });
  const kept = await journal('?limit=1000');
  expect(kept.total).toBe(1000);
  expect(kept.requests[0].query).toEqual({ n: '1002' });
  expect(kept.requests[999].query).toEqual({ n: '3' });
  await desk.api.call('/__admin/requests', { method: 'DELETE', role: null });
  expect(await journal()).toEqual({ total: 0, requests: [] });
});

test('bad filters are a 400 naming each', async () => {
  const res = await desk.api.call('/__admin/requests?status=41x&limit=0&path=customers&method=P%20T&since=1', {
    role: null,
  });
  expect(res.status).toBe(400);
  expect(Object.keys(res.body.error.fields).sort()).toEqual(['limit', 'method', 'path', 'since', 'status']);
});
