import { afterAll, beforeAll, expect, test } from 'vitest';
import { Collection, CustomerSummary, PcCustomer } from '@/domain/partner-center';
import type { Customer } from '@/domain/schemas';
import { foldText } from '@/domain/search';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';

let api: InProcessApi;
let bearer: string;
let all: Customer[];

beforeAll(async () => {
  api = await startApi({ seed: 60 });
  bearer = (await signIn(api.url, 'helpdeskagent@partner.test')).access_token;
  all = await wholeCustomers(api, 100);
});
afterAll(() => api?.stop());

const get = (path: string, headers: Record<string, string> = {}) => pc(api.url, bearer, path, { headers });
const filter = (field: string, value: string, operator = 'starts_with') =>
  encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: operator }));

/** Every page of a search, following each `next` link with its continuation header. */
async function pages(first: string) {
  const seen = [];
  let res = await get(first);
  for (;;) {
    expect(res.status).toBe(200);
    expect(Collection(CustomerSummary).safeParse(res.body).error).toBeUndefined();
    expect(res.body.totalCount).toBe(res.body.items.length);
    seen.push(res.body);
    const next = res.body.links.next;
    if (!next) return seen;
    expect(next.uri).toMatch(/^\/v1\/customers\?size=\d+&seekOperation=Next$/);
    expect(next.headers[0].value).toBe(res.body.continuationToken);
    res = await get(next.uri, { [next.headers[0].key]: next.headers[0].value });
  }
}

const ids = (ps: { items: { id: string }[] }[]) => ps.flatMap((p) => p.items.map((c) => c.id));

test('paging through every customer by continuation token: each once, pages of the size asked', async () => {
  const ps = await pages('/v1/customers?size=7');
  expect(ps.map((p) => p.items.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
  const got = ids(ps);
  expect(new Set(got).size).toBe(60);
  expect([...got].sort()).toEqual(all.map((c) => c.id).sort());
  expect(ps[0].links.self).toEqual({ uri: '/v1/customers?size=7', method: 'GET', headers: [] });
});

test('size 0 or none means the default page; a summary is Partner Center list shape', async () => {
  for (const path of ['/v1/customers', '/v1/customers?size=0']) {
    const res = await get(path);
    expect(res.body.items).toHaveLength(60);
    expect(res.body.links.next).toBeUndefined();
  }
  const one = (await get('/v1/customers?size=1')).body.items[0];
  const desk = all.find((c) => c.id === one.id)!;
  expect(one).toMatchObject({
    id: desk.id,
    relationshipToPartner: desk.relationshipToPartner,
    companyProfile: {
      tenantId: desk.id,
      domain: desk.companyProfile.domain,
      companyName: desk.companyProfile.companyName,
    },
    attributes: { objectType: 'Customer' },
  });
});

test('filter CompanyName starts_with: exactly the customers whose name starts with it, any case, paged', async () => {
  const name = all[3].companyProfile.companyName;
  for (const value of [name.slice(0, 1), name.slice(0, 3).toUpperCase(), name]) {
    const expected = all
      .filter((c) => foldText(c.companyProfile.companyName).startsWith(foldText(value)))
      .map((c) => c.id);
    const got = ids(await pages(`/v1/customers?size=2&filter=${filter('CompanyName', value)}`));
    expect(got.sort(), value).toEqual(expected.sort());
    expect(got.length).toBeGreaterThan(0);
  }
});

test('filter Domain starts_with matches the domain, not the company name', async () => {
  const domain = all[5].companyProfile.domain;
  const value = domain.slice(0, 4);
  const expected = all.filter((c) => c.companyProfile.domain.startsWith(value)).map((c) => c.id);
  expect(ids(await pages(`/v1/customers?size=3&filter=${filter('Domain', value)}`)).sort()).toEqual(expected.sort());
  expect(ids(await pages(`/v1/customers?filter=${filter('Domain', domain)}`))).toEqual([all[5].id]);
  expect((await get(`/v1/customers?filter=${filter('Domain', '(a+)+$')}`)).body.items).toEqual([]);
});

test('bad queries are 400 with code 800002 and say what is wrong', async () => {
  const cases: [string, RegExp][] = [
    ['/v1/customers?filter=not-json', /JSON/],
    [`/v1/customers?filter=${filter('Email', 'a')}`, /Field "Email" is not one of CompanyName, Domain/],
    [`/v1/customers?filter=${filter('CompanyName', 'a', 'contains')}`, /Operator for CompanyName must be starts_with/],
    [
      `/v1/customers?filter=${encodeURIComponent('{"Field":"CompanyName","Value":1,"Operator":"starts_with"}')}`,
      /strings/,
    ],
    [
      `/v1/customers?filter=${encodeURIComponent('{"Field":"CompanyName","Value":"a","Operator":"starts_with","X":1}')}`,
      /object like/,
    ],
    ['/v1/customers?size=-1', /size must be a whole number from 0 to 500/],
    ['/v1/customers?size=501', /size/],
    ['/v1/customers?size=ten', /size/],
    ['/v1/customers?size=1&size=2', /more than once/],
    ['/v1/customers?q=contoso', /Unknown query parameter "q"/],
    ['/v1/customers?seekOperation=Previous', /seekOperation must be Next/],
    ['/v1/customers?seekOperation=Next', /MS-ContinuationToken/],
  ];
  for (const [path, message] of cases) {
    const res = await get(path);
    expect(res.status, path).toBe(400);
    expect(res.body, path).toMatchObject({ code: '800002', data: [], source: 'PartnerFD' });
    expect(res.body.description, path).toMatch(message);
  }
});

test('an unknown, altered or foreign continuation token is 400', async () => {
  const next = (await get('/v1/customers?size=5')).body.links.next;
  const token = next.headers[0].value as string;
  const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
  for (const value of [
    'made-up',
    altered,
    `${Buffer.from('{"route":"customers","state":{"at":0}}').toString('base64url')}.x`,
  ]) {
    const res = await get(next.uri, { 'MS-ContinuationToken': value });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('800002');
  }
  // A token of the audit log's paging is not one of the customer list's.
  for (const c of all.slice(0, 2)) {
    const etag = c.billingProfile.etag;
    await api.call(`/customers/${c.id}/profiles/billing`, {
      method: 'PATCH',
      body: { firstName: 'Paged' },
      ifMatch: etag,
    });
  }
  const admin = (await signIn(api.url)).access_token;
  const today = new Date().toISOString().slice(0, 10);
  const audit = (await pc(api.url, admin, `/v1/auditrecords?startDate=${today}&size=1`)).body;
  const foreign = await get(next.uri, { 'MS-ContinuationToken': audit.continuationToken });
  expect(foreign.status).toBe(400);
  expect(foreign.body.description).toMatch(/another query/);
  expect((await get(next.uri, { 'MS-ContinuationToken': token })).status).toBe(200);
});

test('seekoperation and size are matched without regard to case, as the SDK and the docs write them', async () => {
  const first = (await get('/v1/customers?SIZE=10')).body;
  expect(first.items).toHaveLength(10);
  const second = await get('/v1/customers?seekoperation=next', { 'MS-ContinuationToken': first.continuationToken });
  expect(second.status).toBe(200);
  expect(second.body.items[0].id).not.toBe(first.items[0].id);
});

test('GET /v1/customers/{id}: the customer in Partner Center shape; unknown id 404; no writes here (405)', async () => {
  const desk = all[7];
  const res = await get(`/v1/customers/${desk.id}`);
  expect(res.status).toBe(200);
  const customer = PcCustomer.parse(res.body);
  expect(customer.billingProfile.attributes.etag).toBe(desk.billingProfile.etag);
  expect(customer.companyProfile.email).toBe(desk.billingProfile.email);
  expect(customer.billingProfile.links.self.uri).toBe(`/v1/customers/${desk.id}/profiles/billing`);

  const missing = await get('/v1/customers/00000000-0000-4000-8000-000000000000');
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ code: '60003', source: 'PartnerFD' });
  for (const [method, path] of [
    ['POST', '/v1/customers'],
    ['DELETE', `/v1/customers/${desk.id}`],
  ]) {
    const res405 = await pc(api.url, bearer, path, { method, body: {} });
    expect(res405.status).toBe(405);
    expect(res405.headers.get('Allow')).toBe('GET');
    expect(res405.body.code).toBe('405');
  }
  const unknown = await get('/v1/invoices');
  expect(unknown.status).toBe(404);
  expect(unknown.body.code).toBe('1000');
});
