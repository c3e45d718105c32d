/** `/__admin/faults`: injected statuses, bodies, waits and dropped connections, by method and path glob. */
import { afterEach, expect, test } from 'vitest';
import { withApi } from '../helpers/fixtures';

const desk = withApi({ seed: 5 });
afterEach(async () => {
  await desk.api.call('/__admin/faults', { method: 'DELETE', role: null });
});

const addFault = (rule: object) => desk.api.call('/__admin/faults', { method: 'POST', role: null, body: rule });

test('a status and body for a method and path, `times` times, then the rule is gone; marked X-Mock-Fault', async () => {
  const added = await addFault({ method: 'get', path: '/customers/*', status: 503, body: { busy: true }, times: 2 });
  expect(added.status).toBe(201);
  expect(added.body).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    method: 'GET',
    path: '/customers/*',
    status: 503,
    body: { busy: true },
    times: 2,
  });
  const first = await desk.api.call(`/customers/${desk.id}`);
  expect(first.status).toBe(503);
  expect(first.body).toEqual({ busy: true });
  expect(first.headers.get('X-Mock-Fault')).toBe(added.body.id);
  // Another method, or a path with more segments: not this rule.
  expect((await desk.api.call(`/customers/${desk.id}/auditLog`)).status).toBe(200);
  expect((await desk.api.call('/__admin/faults', { role: null })).body.faults[0].times).toBe(1);
  expect((await desk.api.call(`/customers/${desk.id}`)).status).toBe(503);
  expect((await desk.api.call(`/customers/${desk.id}`)).status).toBe(200);
  expect((await desk.api.call('/__admin/faults', { role: null })).body).toEqual({ faults: [] });
});

test('without a body, the error shape naming the rule; the first matching rule applies, in the order added', async () => {
  const general = (await addFault({ path: '/customers/**', status: 500 })).body;
  await addFault({ path: `/customers/${desk.id}`, status: 418 });
  const res = await desk.api.call(`/customers/${desk.id}`);
  expect(res.status).toBe(500);
  expect(res.body.error).toEqual({ code: 'injected-fault', message: `Answered 500 by the fault rule ${general.id}.` });
  await desk.api.call(`/__admin/faults/${general.id}`, { method: 'DELETE', role: null });
  expect((await desk.api.call(`/customers/${desk.id}`)).status).toBe(418);
  // ** is any number of segments, none included.
  await desk.api.call('/__admin/faults', { method: 'DELETE', role: null });
  await addFault({ path: '/v1/**', status: 502 });
  expect((await desk.api.call('/v1', { role: null })).status).toBe(502);
  expect((await desk.api.call(`/v1/customers/${desk.id}/profiles/billing`, { role: null })).status).toBe(502);
});

test('latency: a fixed wait or a random one in [min, max], then the API answers as usual', async () => {
  await addFault({ path: '/customers', latencyMs: 300, times: 1 });
  let started = performance.now();
  expect((await desk.api.call('/customers?_limit=1')).status).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  await addFault({ path: '/customers', latencyMs: [100, 200], status: 504 });
  started = performance.now();
  expect((await desk.api.call('/customers?_limit=1')).status).toBe(504);
  expect(performance.now() - started).toBeGreaterThanOrEqual(95);
});

test('a client that leaves during a latency: the request goes no further, and a reset after it is not held up', async () => {
  await addFault({ method: 'PATCH', path: '/customers/*/profiles/billing', latencyMs: 300, times: 1 });
  const path = `/customers/${desk.id}/profiles/billing`;
  const before = (await desk.api.call(path)).body;
  const leaving = new AbortController();
  const sent = fetch(`${desk.api.url}${path}`, {
    method: 'PATCH',
    headers: { 'X-Partner-Role': 'admin-agent', 'Content-Type': 'application/json', 'If-Match': before.etag },
    body: JSON.stringify({ firstName: 'Left' }),
    signal: leaving.signal,
  });
  await new Promise((done) => setTimeout(done, 50));
  leaving.abort();
  await expect(sent).rejects.toThrow();
  await new Promise((done) => setTimeout(done, 400)); // the latency over: the request reaches the store's gate
  expect((await desk.api.call(path)).body.firstName).toBe(before.firstName);
  // Before: the request stayed counted in flight, so the reset waited for it for ever (and so did close()).
  const reset = desk.api.call('/__admin/reset', { method: 'POST', role: null });
  const stuck = new Promise((done) => setTimeout(done, 10_000, 'stuck'));
  expect(((await Promise.race([reset, stuck])) as { status: number }).status).toBe(200);
});

test('drop: "reset" destroys the connection without an answer; the journal shows what was sent, status null', async () => {
  await addFault({ method: 'PATCH', path: '/customers/*/profiles/billing', drop: 'reset', times: 1 });
  const path = `/customers/${desk.id}/profiles/billing`;
  await expect(
    fetch(`${desk.api.url}${path}`, {
      method: 'PATCH',
      headers: { 'X-Partner-Role': 'admin-agent', 'Content-Type': 'application/json', 'If-Match': '"x"' },
      body: JSON.stringify({ firstName: 'Lost' }),
    }),
  ).rejects.toThrow();
  const [dropped] = (await desk.api.call('/__admin/requests?method=PATCH', { role: null })).body.requests;
  expect(dropped).toMatchObject({ path, status: null, body: { firstName: 'Lost' } });
  expect((await desk.api.call(path)).body.firstName).not.toBe('Lost');
});

test('CORS preflights are exempt unless a rule names OPTIONS; /health never fails', async () => {
  await addFault({ path: '/**', status: 503 });
  const preflight = () =>
    fetch(`${desk.api.url}/customers`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'GET' },
    });
  expect((await preflight()).status).toBe(204);
  expect((await desk.api.call('/health')).status).toBe(200);
  expect((await desk.api.call('/customers')).status).toBe(503);
  await desk.api.call('/__admin/faults', { method: 'DELETE', role: null });
  await addFault({ method: 'OPTIONS', path: '/customers', status: 500 });
  expect((await preflight()).status).toBe(500);
});

test('bad rules are a 422 naming the field; unknown ids and admin paths 404; nothing is added', async () => {
  const cases: [object, string][] = [
    [{ path: '/customers', status: 500, colour: 'red' }, 'colour'],
    [{ path: 'customers', status: 500 }, 'path'],
    [{ path: '/customers/a**', status: 500 }, 'path'],
    [{ path: '/customers', status: 99 }, 'status'],
    [{ path: '/customers', status: 600 }, 'status'],
    [{ path: '/health', status: 500 }, 'path'],
    [{ path: '/__admin/**', status: 500 }, 'path'],
    [{ path: '/customers' }, 'status'],
    [{ path: '/customers', status: 500, drop: 'reset' }, 'drop'],
    [{ path: '/customers', body: {}, latencyMs: 1 }, 'body'],
    [{ path: '/customers', latencyMs: [300, 100] }, 'latencyMs'],
    [{ path: '/customers', latencyMs: -1 }, 'latencyMs'],
    [{ path: '/customers', status: 500, times: 0 }, 'times'],
    [{ path: '/customers', status: 500, method: 'BREW' }, 'method'],
    [{ status: 500 }, 'path'],
  ];
  for (const [rule, field] of cases) {
    const res = await addFault(rule);
    expect(res.status, JSON.stringify(rule)).toBe(422);
    expect(Object.keys(res.body.error.fields), JSON.stringify(rule)).toContain(field);
  }
  const notJson = await desk.api.call('/__admin/faults', {
    method: 'POST',
    role: null,
    raw: '{',
    headers: { 'Content-Type': 'application/json' },
  });
  expect(notJson.status).toBe(400);
  expect((await desk.api.call('/__admin/faults', { role: null })).body).toEqual({ faults: [] });
  expect((await desk.api.call('/__admin/faults/nope', { role: null })).status).toBe(404);
  expect((await desk.api.call('/__admin/faults/nope', { method: 'DELETE', role: null })).status).toBe(404);
  const unknown = await desk.api.call('/__admin/mappings', { role: null });
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.message).toBe(
    'There is no GET /__admin/mappings in the admin API; it has /__admin/reset, /__admin/export, /__admin/import, /__admin/requests and /__admin/faults.',
  );
  expect((await desk.api.call('/__admin', { method: 'POST', role: null })).status).toBe(404);
});

test('GET /__admin/faults/{id} reads one rule', async () => {
  const { body: rule } = await addFault({ path: '/customers', latencyMs: [1, 2] });
  expect((await desk.api.call(`/__admin/faults/${rule.id}`, { role: null })).body).toEqual(rule);
});
