import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '@/harness/contract';
import { type InProcessApi, startApi } from '@/harness/mock-api';

let api: InProcessApi;
const asAgent = { headers: { 'X-Partner-Role': 'admin-agent' } };

beforeAll(async () => {
  api = await startApi({ seed: 120, seedValue: 3 });
});
afterAll(() => api?.stop());

test('GET /health answers without a role', async () => {
  const res = await checkedFetch(`${api.url}/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', customers: 120 });
});

test("search pages results and reports the total, with json-server's Link header", async () => {
  const res = await checkedFetch(`${api.url}/customers?_page=2&_limit=50`, asAgent);
  expect(res.status).toBe(200);
  expect(res.headers.get('X-Total-Count')).toBe('120');
  expect(((await res.json()) as unknown[]).length).toBe(50);
  const page = (n: number) => `<${api.url}/customers?_page=${n}&_limit=50>`;
  expect(res.headers.get('Link')).toBe(
    `${page(1)}; rel="first", ${page(1)}; rel="prev", ${page(3)}; rel="next", ${page(3)}; rel="last"`,
  );
  // The first page has no prev; one page has no links; beyond the last, none.
  const first = await checkedFetch(`${api.url}/customers?_limit=50&q=`, asAgent);
  expect(first.headers.get('Link')).not.toContain('rel="prev"');
  expect(first.headers.get('Link')).toContain(`<${api.url}/customers?_limit=50&q=&_page=2>; rel="next"`);
  expect((await checkedFetch(`${api.url}/customers?_limit=100&_page=2`, asAgent)).headers.get('Link')).not.toContain(
    'next',
  );
  expect((await checkedFetch(`${api.url}/customers?_limit=100&_page=9`, asAgent)).headers.get('Link')).toBeNull();
});

test('search matches part of a company name, case-insensitively', async () => {
  const [first] = (await (await checkedFetch(`${api.url}/customers?_limit=1`, asAgent)).json()) as {
    id: string;
    companyProfile: { companyName: string };
  }[];
  const part = first.companyProfile.companyName.slice(0, 5).toUpperCase();
  const hits = (await (
    await checkedFetch(`${api.url}/customers?q=${encodeURIComponent(part)}&_limit=100`, asAgent)
  ).json()) as { id: string }[];
  expect(hits.map((h) => h.id)).toContain(first.id);
});

test('the extension origin may read the total and ETag (CORS)', async () => {
  const res = await checkedFetch(`${api.url}/customers?_limit=1`, {
    headers: { ...asAgent.headers, Origin: 'chrome-extension://abc' },
  });
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abc');
  expect(res.headers.get('Access-Control-Expose-Headers')).toContain('X-Total-Count');
});

test('no role is 401 with how to pick one', async () => {
  const res = await checkedFetch(`${api.url}/customers`);
  expect(res.status).toBe(401);
  expect(((await res.json()) as { error: { message: string } }).error.message).toContain('X-Partner-Role');
});
