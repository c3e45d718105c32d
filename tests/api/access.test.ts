/** Host and Origin allow-lists: a web page the tester happens to open, or a rebound DNS name, gets nothing. */
import http from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '@/harness/contract';
import { type InProcessApi, spawnMockApi, startApi } from '@/harness/mock-api';
import type { MockApiOptions } from '@/mock-api/index';

const started: { stop: () => Promise<void> }[] = [];
let api: InProcessApi;
let id: string;
beforeAll(async () => {
  api = await start({ seed: 5 });
  id = (await api.call('/customers?_limit=1')).body[0].id;
});
afterAll(() => Promise.all(started.map((a) => a.stop())));

async function start(options: MockApiOptions) {
  const server = await startApi(options);
  started.push(server);
  return server;
}

const billing = () => `/customers/${id}/profiles/billing`;

/** fetch() always sends the real Host: this sends any, over plain node:http. */
function withHost(
  url: string,
  path: string,
  host: string,
  { method = 'GET', headers = {} as Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  return new Promise((done, fail) => {
    const req = http.request(`${url}${path}`, { method, headers: { ...headers, Host: host } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        done({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : null }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

const preflight = (target: InProcessApi, origin: string) =>
  checkedFetch(`${target.url}${billing()}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'PATCH',
      'Access-Control-Request-Headers': 'x-partner-role,if-match,content-type',
    },
  });

async function patchFrom(target: InProcessApi, origin: string, firstName: string) {
  const read = await target.call(billing());
  return target.call(billing(), {
    method: 'PATCH',
    body: { firstName },
    ifMatch: read.body.etag,
    headers: { Origin: origin },
  });
}

test('a foreign Origin gets 403 origin-not-allowed on GET, preflight and PATCH, without Access-Control-Allow-Origin', async () => {
  const before = (await api.call(billing())).body;
  for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'file://']) {
    const get = await api.call(billing(), { headers: { Origin: origin } });
    expect(get.status, origin).toBe(403);
    expect(get.body.error.code).toBe('origin-not-allowed');
    expect(get.body.error.message).toContain('--allow-origin');
    expect(get.headers.get('Access-Control-Allow-Origin')).toBeNull();

    const pre = await preflight(api, origin);
    expect(pre.status, origin).toBe(403);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(pre.headers.get('Access-Control-Allow-Methods')).toBeNull();

    const patch = await patchFrom(api, origin, 'Evil');
    expect(patch.status, origin).toBe(403);
    expect(patch.body.error.code).toBe('origin-not-allowed');
    expect(patch.headers.get('Access-Control-Allow-Origin')).toBeNull();
  }
  expect((await api.call(billing())).body).toEqual(before);
  expect((await api.call(`/customers/${id}/auditLog`)).body).toEqual([]);
  // First of all checks: before the role (401) and on /health too.
  expect((await api.call('/health', { role: null, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
  expect((await api.call('/customers', { role: null, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
});

test('the extension, localhost pages and requests without Origin are answered, preflight and PATCH included', async () => {
  const origins = [
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    'moz-extension://0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
    'safari-web-extension://ABCDEF',
    'http://localhost:5173',
    'https://localhost',
    'http://app.localhost:8080',
    'http://127.0.0.1:9999',
    'http://[::1]:3000',
  ];
  for (const [n, origin] of origins.entries()) {
    const pre = await preflight(api, origin);
    expect(pre.status, origin).toBeLessThan(300);
    expect(pre.headers.get('Access-Control-Allow-Origin'), origin).toBe(origin);
    const get = await api.call(billing(), { headers: { Origin: origin } });
    expect(get.status, origin).toBe(200);
    expect(get.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    const patch = await patchFrom(api, origin, `Allowed ${n}`);
    expect(patch.status, origin).toBe(200);
    expect(patch.body.firstName).toBe(`Allowed ${n}`);
  }
  expect((await api.call(billing())).status).toBe(200);
});

test('a foreign Host gets 403 host-not-allowed on GET, preflight, PATCH and /health, before the Origin check', async () => {
  for (const host of ['attacker.example', 'attacker.example:80', 'localhost.attacker.example', '127.0.0.1.nip.io']) {
    const get = await withHost(api.url, billing(), host, { headers: { 'X-Partner-Role': 'admin-agent' } });
    expect(get.status, host).toBe(403);
    expect(get.body.error.code).toBe('host-not-allowed');
    expect(get.body.error.message).toContain('--allow-host');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();

    const pre = await withHost(api.url, billing(), host, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'PATCH' },
    });
    expect(pre.status, host).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();

    const patch = await withHost(api.url, billing(), host, {
      method: 'PATCH',
      headers: { 'X-Partner-Role': 'admin-agent', 'Content-Type': 'application/json', 'If-Match': '"x"' },
    });
    expect(patch.status, host).toBe(403);
    expect(patch.body.error.code).toBe('host-not-allowed');
    expect((await withHost(api.url, '/health', host)).status).toBe(403);
  }
  const both = await withHost(api.url, '/customers', 'attacker.example', {
    headers: { Origin: 'https://evil.example' },
  });
  expect(both.body.error.code).toBe('host-not-allowed');
  for (const host of ['localhost', 'localhost:3000', 'desk.localhost:1234', '127.0.0.1', '[::1]:8080', 'LOCALHOST']) {
    expect((await withHost(api.url, '/health', host)).status, host).toBe(200);
  }
});

test('--allow-origin and --allow-host widen the lists; the --host address and its own origin are answered', async () => {
  const wider = await start({
    seed: 3,
    host: '127.0.0.2',
    allowOrigins: ['https://desk.example:8443'],
    allowHosts: ['desk.example', 'other.example'],
  });
  expect(wider.url).toContain('127.0.0.2');
  const ok = await wider.call('/customers?_limit=1', { headers: { Origin: 'https://desk.example:8443' } });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('Access-Control-Allow-Origin')).toBe('https://desk.example:8443');
  expect((await wider.call('/customers', { headers: { Origin: 'https://desk.example' } })).status).toBe(403);
  for (const host of ['desk.example:3000', 'other.example', '127.0.0.2:1'])
    expect((await withHost(wider.url, '/health', host)).status, host).toBe(200);
  expect((await withHost(wider.url, '/health', 'third.example')).status).toBe(403);
  // The API's own pages (the sign-in page posts to itself) are same-origin under an allowed Host.
  const own = (origin: string) => withHost(wider.url, '/health', 'desk.example:3000', { headers: { Origin: origin } });
  expect((await own('http://desk.example:3000')).status).toBe(200);
  expect((await own('http://desk.example:4000')).status).toBe(403);
  expect((await own('https://desk.example:3000')).status).toBe(403);
});

test("--allow-origin '*' answers every origin and warns", async () => {
  // The warning is the command line's.
  const open = await spawnMockApi(['--seed', '3', '--allow-origin', '*']);
  started.push(open);
  // stderr may arrive after the stdout line the helper waited for.
  await expect.poll(() => open.output()).toContain("warning: --allow-origin '*'");
  const res = await open.call('/customers?_limit=1', { headers: { Origin: 'https://anything.example' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://anything.example');
});
