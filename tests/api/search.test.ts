import { afterAll, beforeAll, expect, test } from 'vitest';
import { CustomerSummary } from '@/domain/schemas';
import { compareTies, matchTier, parseQuery, searchable } from '@/domain/search';
import { type InProcessApi, startApi } from '@/harness/mock-api';

let api: InProcessApi;
let all: CustomerSummary[];

beforeAll(async () => {
  api = await startApi({ seed: 120, seedValue: 5 });
  all = await everyCustomer();
});
afterAll(() => api?.stop());

async function everyCustomer(): Promise<CustomerSummary[]> {
  return (await api.call('/customers?_limit=100')).body.concat((await api.call('/customers?_limit=100&_page=2')).body);
}

async function patch(index: number, resource: 'company' | 'billing', body: object) {
  const path = `/customers/${all[index].id}/profiles/${resource}`;
  const read = await api.call(path);
  const res = await api.call(path, { method: 'PATCH', body, ifMatch: read.body.etag });
  expect(res.status).toBe(200);
}
const rename = (index: number, companyName: string) => patch(index, 'company', { companyName });

const search = (q: string, extra = '') => api.call(`/customers?q=${encodeURIComponent(q)}${extra}`);
const ids = (res: { body: { id: string }[] }) => res.body.map((c) => c.id);

/** What the domain's rules say the answer is: every customer checked, then ranked. */
function expected(customers: CustomerSummary[], q: string): string[] {
  const query = parseQuery(q);
  return customers
    .map((c) => ({ id: c.id, s: searchable(c), tier: matchTier(query, searchable(c)) }))
    .filter((x) => x.tier !== null)
    .sort((a, b) => a.tier! - b.tier! || compareTies(a.s, b.s))
    .map((x) => x.id);
}

test('results are summaries: id, relationship, company profile basics, contact and where they are', async () => {
  const res = await search('a', '&_limit=100');
  expect(res.body.length).toBeGreaterThan(10);
  for (const c of res.body) {
    expect(CustomerSummary.safeParse(c).success, JSON.stringify(c)).toBe(true);
    expect(Object.keys(c)).toEqual(['id', 'relationshipToPartner', 'companyProfile', 'billingProfile']);
  }
  const whole = (await api.call(`/customers/${res.body[0].id}`)).body;
  expect(res.body[0]).toEqual({
    id: whole.id,
    relationshipToPartner: whole.relationshipToPartner,
    companyProfile: {
      tenantId: whole.companyProfile.tenantId,
      domain: whole.companyProfile.domain,
      companyName: whole.companyProfile.companyName,
    },
    billingProfile: {
      firstName: whole.billingProfile.firstName,
      lastName: whole.billingProfile.lastName,
      email: whole.billingProfile.email,
      defaultAddress: {
        country: whole.billingProfile.defaultAddress.country,
        city: whole.billingProfile.defaultAddress.city,
      },
    },
  });
});

test('pages cover every customer once, in tie order, each with the total in X-Total-Count', async () => {
  const seen: string[] = [];
  for (const [page, size] of [
    [1, 50],
    [2, 50],
    [3, 20],
    [4, 0],
  ]) {
    const res = await api.call(`/customers?_limit=50&_page=${page}`);
    expect(res.headers.get('X-Total-Count')).toBe('120');
    expect(res.body).toHaveLength(size);
    seen.push(...ids(res));
  }
  expect(seen).toEqual(expected(all, ''));
  expect((await api.call('/customers')).body).toHaveLength(20);
  expect((await api.call('/customers?_limit=1000')).body).toHaveLength(100);
});

test('ranking: exact name, name prefix, name word, contact; ties by name, then id; the index follows writes', async () => {
  await rename(10, 'Quokkasoft');
  await rename(11, 'Quokkasoft Alpha');
  await rename(12, 'Gamma quokkasoft GmbH');
  await rename(13, 'Beta Quokkasoft');
  await rename(14, 'Beta Quokkasoft');
  await patch(15, 'billing', { firstName: 'Quokka' });
  const res = await search('QUOKKASOFT');
  const twins = [all[13].id, all[14].id].sort();
  expect(ids(res)).toEqual([all[10].id, all[11].id, ...twins, all[12].id]);
  expect(res.headers.get('X-Total-Count')).toBe('5');
  expect(ids(await search('quokka'))).toEqual([all[10].id, all[11].id, ...twins, all[12].id, all[15].id]);
});

test('API order is the domain rules’ order, whatever the query', async () => {
  const now = await everyCustomer();
  const some = now[33];
  for (const q of [
    'co',
    'a',
    'ма',
    's',
    `${some.billingProfile.firstName.slice(0, 3)} ${some.companyProfile.companyName.slice(0, 2)}`,
    some.companyProfile.domain.slice(0, 6),
    some.billingProfile.email.slice(0, 9),
    some.id.slice(0, 4),
  ]) {
    const res = await search(q, '&_limit=100');
    const want = expected(now, q);
    expect(ids(res), q).toEqual(want.slice(0, 100));
    expect(res.headers.get('X-Total-Count'), q).toBe(String(want.length));
  }
});

test('"co" finds company names and words starting with it, never the ".onmicrosoft.com" every domain ends in', async () => {
  await rename(20, 'Acme Co');
  const names = (await search('co', '&_limit=100')).body.map((c: CustomerSummary) => c.companyProfile.companyName);
  expect(names).toContain('Acme Co');
  expect(names.length).toBeLessThan(60);
  for (const q of ['onmicrosoft', '.com', 'microsoft.com'])
    expect((await search(q)).headers.get('X-Total-Count'), q).toBe('0');
});

test('Cyrillic matches by word starts, case-insensitively, with ё and е alike', async () => {
  await rename(40, 'ООО «Ёлочка-Трейд»');
  for (const q of ['ёлочка', 'ЕЛОЧКА', 'ооо «ёлочка', 'трейд']) expect(ids(await search(q)), q).toContain(all[40].id);
  expect(ids(await search('лочка'))).not.toContain(all[40].id);
});

test('domain, contact name, e-mail and id prefixes are searched too', async () => {
  const c = all[50];
  for (const q of [
    c.companyProfile.domain,
    `${c.billingProfile.firstName} ${c.billingProfile.lastName}`,
    c.billingProfile.email,
    c.id.toUpperCase().slice(0, 13),
  ]) {
    expect(ids(await search(q)), q).toContain(c.id);
  }
});

test('regular-expression text is only text: punctuation splits words, and punctuation alone is no query', async () => {
  await rename(60, 'Regex (a+)+$ Ltd');
  // The piece's one word is "a": customers with a word starting with "a" (not a domain or id starting with it).
  const res = await search('(a+)+$', '&_limit=100');
  expect(ids(res)).toEqual(expected(await everyCustomer(), '(a+)+$').slice(0, 100));
  expect(ids(res)).toContain(all[60].id);
  expect(
    res.body.every((c: CustomerSummary) =>
      searchable(c)
        .nameWords.concat(searchable(c).contactWords)
        .some((w) => w.startsWith('a')),
    ),
  ).toBe(true);
  expect((await search('.*')).headers.get('X-Total-Count')).toBe('120');
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
