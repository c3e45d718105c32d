import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '../helpers/mock-api';

let api: InProcessApi;
let all: {
  id: string;
  companyProfile: { companyName: string; domain: string };
  billingProfile: { firstName: string; lastName: string; email: string };
}[];

beforeAll(async () => {
  api = await startApi({ seed: 120, seedValue: 5 });
  all = (await api.call('/customers?_limit=100')).body.concat((await api.call('/customers?_limit=100&_page=2')).body);
});
afterAll(() => api?.stop());

async function rename(index: number, companyName: string) {
  const path = `/customers/${all[index].id}/profiles/company`;
  const read = await api.call(path);
  const res = await api.call(path, { method: 'PATCH', body: { companyName }, ifMatch: read.body.etag });
  expect(res.status).toBe(200);
}

const search = (q: string, extra = '') => api.call(`/customers?q=${encodeURIComponent(q)}${extra}`);
const ids = (res: { body: { id: string }[] }) => res.body.map((c) => c.id);

test('pages cover every match once, each with the total in X-Total-Count', async () => {
  const seen = new Set<string>();
  for (const [page, size] of [
    [1, 50],
    [2, 50],
    [3, 20],
    [4, 0],
  ]) {
    const res = await api.call(`/customers?_limit=50&_page=${page}`);
    expect(res.headers.get('X-Total-Count')).toBe('120');
    expect(res.body).toHaveLength(size);
    for (const c of res.body) seen.add(c.id);
  }
  expect(seen.size).toBe(120);
  expect((await api.call('/customers')).body).toHaveLength(20);
  expect((await api.call('/customers?_limit=1000')).body).toHaveLength(100);
});

test('company-name prefix matches rank first, and the index follows writes', async () => {
  await rename(10, 'Beta Quokkasoft');
  await rename(20, 'Quokkasoft Alpha');
  await rename(30, 'Gamma quokkasoft GmbH');
  const res = await search('QUOKKA');
  expect(res.headers.get('X-Total-Count')).toBe('3');
  expect(ids(res)[0]).toBe(all[20].id);
  expect(ids(res).slice(1).sort()).toEqual([all[10].id, all[30].id].sort());
});

test('Cyrillic matches case-insensitively, with ё and е alike', async () => {
  await rename(40, 'ООО «Ёлочка-Трейд»');
  for (const q of ['ёлочка', 'ЕЛОЧКА', 'ооо «ёлочка']) {
    const res = await search(q);
    expect(ids(res), q).toContain(all[40].id);
  }
});

test('domain, contact name, email and id are searched too', async () => {
  const c = all[50];
  for (const q of [
    c.companyProfile.domain,
    `${c.billingProfile.firstName} ${c.billingProfile.lastName}`,
    c.billingProfile.email,
    c.id.toUpperCase(),
  ]) {
    expect(ids(await search(q)), q).toContain(c.id);
  }
});

test('regular-expression text is matched literally: (a+)+$ answers and finds only itself', async () => {
  await rename(60, 'Regex (a+)+$ Ltd');
  const res = await search('(a+)+$');
  expect(ids(res)).toEqual([all[60].id]);
  expect((await search('.*')).headers.get('X-Total-Count')).toBe('0');
  expect((await search(`${'a'.repeat(40)}!`)).body).toEqual([]);
});

test("json-server's own filters and unknown parameters are refused with 400", async () => {
  for (const query of [
    'companyProfile.companyName_like=(a%2B)%2B%24',
    'id_ne=x',
    'updatedAt_gte=2020',
    '_sort=id',
    'relationshipToPartner=reseller',
    '_page=0',
    '_limit=abc',
  ]) {
    const res = await api.call(`/customers?${query}`);
    expect(res.status, query).toBe(400);
    expect(res.body.error.code, query).toBe('validation');
  }
});

test('no match is an empty page with a zero total', async () => {
  const res = await search('no such customer anywhere');
  expect(res.status).toBe(200);
  expect(res.body).toEqual([]);
  expect(res.headers.get('X-Total-Count')).toBe('0');
});
