import { afterAll, beforeAll, expect, test } from 'vitest';
import { INDIRECT_RESELLERS } from '@/domain/indirect-resellers';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';
import { seedCustomers } from '@/mock-api/store/seed/seed';

const SEED = 60;
let api: InProcessApi;
let token: string;

beforeAll(async () => {
  api = await startApi({ seed: SEED });
  token = (await signIn(api.url, 'salesagent@partner.test')).access_token;
});
afterAll(() => api?.stop());

const filtered = (field: string, value: string, size = 100) =>
  pc(
    api.url,
    token,
    `/v1/customers?size=${size}&filter=${encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' }))}`,
  );

// "Get a list of customers filtered by a search field": "You can filter by company name, domain, indirect reseller,
// or indirect cloud solution provider (CSP)." And "Get customers of an indirect reseller": "You'll need to pass the
// CustomerSearchField.IndirectReseller enumeration member converted to a string, and indicate
// FieldFilterOperation.StartsWith as the type of filter operation. You'll also need to provide the tenant identifier
// of the indirect reseller to filter by."
test("IndirectReseller filters by the reseller's tenant id; the seed sells some customers through each reseller", async () => {
  const seeded = seedCustomers(SEED);
  let total = 0;
  for (const reseller of INDIRECT_RESELLERS) {
    const expected = seeded.filter((c) => c.indirectResellerId === reseller.tenantId).map((c) => c.id);
    expect(expected.length, reseller.companyName).toBeGreaterThan(0);
    total += expected.length;
    const res = await filtered('IndirectReseller', reseller.tenantId);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id).sort()).toEqual([...expected].sort());
    // relationshipToPartner stays consistent: sold through a reseller is a reseller relationship.
    for (const item of res.body.items) expect(item.relationshipToPartner).toBe('reseller');
    // starts_with, case ignored: a prefix finds the same.
    const prefix = await filtered('indirectreseller', reseller.tenantId.slice(0, 8).toUpperCase());
    expect(prefix.body.totalCount).toBe(expected.length);
  }
  // Some customers are sold directly: not every reseller customer has an indirect reseller.
  expect(total).toBeLessThan(seeded.filter((c) => c.relationshipToPartner === 'reseller').length);
  expect(seeded.some((c) => c.relationshipToPartner !== 'reseller' && c.indirectResellerId)).toBe(false);
  expect((await filtered('IndirectReseller', '00000000')).body.items).toEqual([]);
});

test('IndirectReseller pages by continuation like the other filters', async () => {
  const reseller = INDIRECT_RESELLERS[0].tenantId;
  const all = (await filtered('IndirectReseller', reseller)).body.items.map((c: { id: string }) => c.id);
  const first = await filtered('IndirectReseller', reseller, 2);
  expect(first.body.items).toHaveLength(2);
  const next = first.body.links.next;
  const second = await pc(api.url, token, next.uri, { headers: { [next.headers[0].key]: next.headers[0].value } });
  expect(second.status).toBe(200);
  expect([...first.body.items, ...second.body.items].map((c: { id: string }) => c.id)).toEqual(all.slice(0, 4));
});

// "Get a customer by ID", the response sample lists the customer's "customDomains".
test('a customer carries customDomains (verified domains besides its onmicrosoft.com one)', async () => {
  const [withDomain, without] = seedCustomers(2);
  const one = await pc(api.url, token, `/v1/customers/${withDomain.id}`);
  expect(one.body.customDomains).toEqual([withDomain.companyProfile.domain.replace('.onmicrosoft.com', '.com')]);
  expect((await pc(api.url, token, `/v1/customers/${without.id}`)).body.customDomains).toEqual([]);
});

test('an import whose customer names an indirect reseller without a reseller relationship is refused', async () => {
  const [customer] = seedCustomers(1, 5);
  const bad = { ...customer, relationshipToPartner: 'advisor', indirectResellerId: INDIRECT_RESELLERS[1].tenantId };
  const res = await api.call('/__admin/import', { method: 'POST', body: { customers: [bad] }, role: null });
  expect(res.status).toBe(422);
  expect(Object.keys(res.body.error.fields)).toEqual(['customers.0.indirectResellerId']);
});
