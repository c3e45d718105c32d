import { afterAll, beforeAll, expect, test } from 'vitest';
import { AuditRecord, Collection } from '@/domain/partner-center';
import type { Customer } from '@/domain/schemas';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';

let api: InProcessApi;
let admin: string;
let a: Customer;
let b: Customer;

const DAY = 86_400_000;
const date = (offsetDays = 0) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const records = async (query: string, token = admin) => pc(api.url, token, `/v1/auditrecords?${query}`);
const filter = (field: string, value: string, operator: string) =>
  encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: operator }));

async function deskPatch(id: string, path: string, body: object, role = 'admin-agent') {
  const etag = (await api.call(`/customers/${id}/${path}`)).body.etag;
  const res = await api.call(`/customers/${id}/${path}`, { method: 'PATCH', body, ifMatch: etag, role });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  api = await startApi({ seed: 10 });
  admin = (await signIn(api.url, 'adminagent@partner.test')).access_token;
  const all: Customer[] = await wholeCustomers(api, 10);
  const off = all.filter((c) => !c.purchasePermission.azureReservations && !c.purchasePermission.azureSavingsPlans);
  [a, b] = [off[0], off[1]];
  // Seven writes, through both surfaces.
  await deskPatch(a.id, 'profiles/billing', { firstName: 'Desk' }, 'sales-agent');
  const billing = (await pc(api.url, admin, `/v1/customers/${a.id}/profiles/billing`)).body;
  expect(
    (
      await pc(api.url, admin, `/v1/customers/${a.id}/profiles/billing`, {
        method: 'PUT',
        body: { ...billing, firstName: 'Surface' },
      })
    ).status,
  ).toBe(200);
  await deskPatch(b.id, 'profiles/company', { companyName: 'Renamed Audit Works' }, 'global-admin');
  const create = {
    selfServeEntity: { selfServeEntityType: 'customer', tenantID: b.id },
    permissions: [{ resource: 'AzureReservedInstances', action: 'Purchase' }],
  };
  expect((await pc(api.url, admin, '/v1/SelfServePolicy', { method: 'POST', body: create })).status).toBe(201);
  // Reservations → savings plans in one write: two desk entries (one on, one off), one Partner Center update.
  const [policy] = (await pc(api.url, admin, `/v1/SelfServePolicy?entity_id=${b.id}`)).body.items;
  const swap = { ...policy, permissions: [{ resource: 'AzureSavingsPlan', action: 'Purchase' }] };
  expect((await pc(api.url, admin, `/v1/SelfServePolicy/${policy.id}`, { method: 'PUT', body: swap })).status).toBe(
    200,
  );
  await deskPatch(b.id, 'purchasePermission', { azureReservations: true });
  await deskPatch(b.id, 'purchasePermission', { azureReservations: false, azureSavingsPlans: false });
});
afterAll(() => api?.stop());

test('every write is one record, newest first, with what Partner Center calls it', async () => {
  const res = await records(`startDate=${date()}`);
  expect(res.status).toBe(200);
  const page = Collection(AuditRecord).parse(res.body);
  expect(page.items.map((r) => [r.customerId === a.id ? 'a' : 'b', r.operationType, r.resourceType])).toEqual([
    ['b', 'delete_self_serve_policy', 'self_serve_policy'],
    ['b', 'update_self_serve_policy', 'self_serve_policy'],
    ['b', 'update_self_serve_policy', 'self_serve_policy'],
    ['b', 'create_self_serve_policy', 'self_serve_policy'],
    ['b', 'update_customer_company_profile', 'customer'],
    ['a', 'update_customer_billing_profile', 'customer'],
    ['a', 'update_customer_billing_profile', 'customer'],
  ]);
  expect(page.totalCount).toBe(7);
  expect(page.items.map((r) => r.userPrincipalName)).toEqual([
    undefined,
    undefined,
    'adminagent@partner.test',
    'adminagent@partner.test',
    undefined,
    'adminagent@partner.test',
    undefined,
  ]);
  expect(new Set(page.items.map((r) => r.partnerId)).size).toBe(1);
});

test('each record shows the resource before and after, rebuilt from the audit log', async () => {
  const items: AuditRecord[] = (await records(`startDate=${date()}`)).body.items;
  const [deleted, added, swapped, created, company, surface, desk] = items;
  expect(JSON.parse(desk.resourceOldValue!).firstName).toBe(a.billingProfile.firstName);
  expect(JSON.parse(desk.resourceNewValue!).firstName).toBe('Desk');
  expect(JSON.parse(surface.resourceOldValue!).firstName).toBe('Desk');
  expect(JSON.parse(surface.resourceNewValue!)).toMatchObject({
    firstName: 'Surface',
    attributes: { objectType: 'CustomerBillingProfile' },
  });
  expect(JSON.parse(company.resourceNewValue!).companyName).toBe('Renamed Audit Works');
  expect(created.resourceOldValue).toBeUndefined();
  const perms = (r: AuditRecord, which: 'resourceOldValue' | 'resourceNewValue') =>
    JSON.parse(r[which]!).permissions.map((p: { resource: string }) => p.resource);
  expect(perms(created, 'resourceNewValue')).toEqual(['AzureReservedInstances']);
  expect(perms(added, 'resourceNewValue')).toEqual(['AzureReservedInstances', 'AzureSavingsPlan']);
  expect(perms(swapped, 'resourceNewValue')).toEqual(['AzureSavingsPlan']);
  expect(perms(deleted, 'resourceOldValue')).toEqual(['AzureReservedInstances', 'AzureSavingsPlan']);
  expect(deleted.resourceNewValue).toBeUndefined();
  expect(deleted.customerName).toBe('Renamed Audit Works');
});

test('the same audit entries, each in its own shape: the desk log and /v1 name the same writes', async () => {
  const desk = (await api.call(`/customers/${b.id}/auditLog`)).body;
  const surface: AuditRecord[] = (await records(`startDate=${date()}&filter=${filter('CustomerId', b.id, 'equals')}`))
    .body.items;
  // The policy swap is two desk entries (one on, one off) and one Partner Center record.
  expect(desk).toHaveLength(6);
  expect(surface).toHaveLength(5);
  const swap = surface[2];
  const entries = desk.filter((e: { at: string }) => e.at === swap.operationDate);
  expect(entries.map((e: { action: string }) => e.action).sort()).toEqual([
    'Create customer purchase permission',
    'Delete customer purchase permission',
  ]);
  expect(entries.every((e: { userPrincipalName: string }) => e.userPrincipalName === 'adminagent@partner.test')).toBe(
    true,
  );
  expect(surface.map((r) => r.id).every((id) => desk.some((e: { id: string }) => e.id === id))).toBe(true);
});

test('filters: CustomerId equals, ResourceType equals (any spelling of the enum), CompanyName substring', async () => {
  const count = async (field: string, value: string, operator: string) =>
    (await records(`startDate=${date()}&filter=${filter(field, value, operator)}`)).body.items.length;
  expect(await count('CustomerId', a.id.toUpperCase(), 'equals')).toBe(2);
  expect(await count('ResourceType', 'SelfServePolicy', 'equals')).toBe(4);
  expect(await count('ResourceType', 'self_serve_policy', 'equals')).toBe(4);
  expect(await count('ResourceType', 'Customer', 'equals')).toBe(3);
  expect(await count('ResourceType', 'Subscription', 'equals')).toBe(0);
  expect(await count('CompanyName', 'audit wor', 'substring')).toBe(5);
  for (const bad of [filter('CompanyName', 'x', 'starts_with'), filter('UserPrincipalName', 'x', 'equals'), '{']) {
    const res = await records(`startDate=${date()}&filter=${bad}`);
    expect([res.status, res.body.code]).toEqual([400, '800002']);
  }
});

/** A day `offsetDays` from today in the page's form (`6/1/2017 12:00:00 AM`) and the SDK's (`06/01/2017 00:00:00`). */
function usDates(offsetDays = 0) {
  const [y, m, d] = date(offsetDays).split('-');
  return { page: `${Number(m)}/${Number(d)}/${y} 12:00:00 AM`, sdk: `${m}/${d}/${y} 00:00:00` };
}

// "Get a record of Partner Center activity": "Use this API to retrieve audit records for the previous 30 days from
// the current date, or for a date range specified by including the start date and/or the end date. … Requests with a
// start date greater than 90 days prior to the current date will receive a bad request exception (error code: 400)".
// Its request example: GET https://api.partnercenter.microsoft.com/v1/auditrecords?startDate=6/1/2017%2012:00:00%20AM
// The .NET SDK formats the date with the invariant culture: "06/01/2017 00:00:00".
test("dates as Microsoft's page and SDK send them, URL-encoded, as well as yyyy-mm-dd and ISO", async () => {
  const today = usDates();
  for (const start of [
    today.page,
    today.sdk,
    `${today.page.replace(' 12:00:00 AM', ' 11:59:59 PM')}`,
    date(),
    `${date()}T00:00:00Z`,
    `${date()}T10:30:00`,
  ]) {
    const res = await records(`startDate=${encodeURIComponent(start)}`);
    expect(res.status, start).toBe(200);
    expect(res.body.items, start).toHaveLength(7);
  }
  // The page's own spelling, %20 for the spaces; an endDate in the SDK's form.
  const page = await records(`startDate=${today.page.replace(/ /g, '%20')}&endDate=${encodeURIComponent(today.sdk)}`);
  expect(page.body.items).toHaveLength(7);
  expect(
    (await records(`startDate=${encodeURIComponent(usDates(-3).page)}&endDate=${encodeURIComponent(usDates(-1).sdk)}`))
      .body.items,
  ).toHaveLength(0);
  for (const bad of ['13/01/2026 00:00:00', '2/30/2026', '6/1/2026 13:00:00 PM', '2026-02-30', 'yesterday']) {
    const res = await records(`startDate=${encodeURIComponent(bad)}`);
    expect(res.status, bad).toBe(400);
    expect(res.body).toMatchObject({ code: '800002' });
    expect(res.body.description, bad).toMatch(/must be a date like 6\/1\/2017 12:00:00 AM/);
  }
});

test('without startDate: the last 30 days (within the 90-day window), ending at endDate when one is given', async () => {
  const res = await records('');
  expect(res.status).toBe(200);
  expect(res.body.items).toHaveLength(7);
  expect((await records(`endDate=${date()}`)).body.items).toHaveLength(7);
  // Ending 31 days ago, the 30 days before it hold none of today's writes.
  const past = await records(`endDate=${date(-31)}`);
  expect(past.status).toBe(200);
  expect(past.body.items).toHaveLength(0);
  // Ending 80 days ago: the 30 days before it reach past the 90-day window, which bounds them instead of failing.
  expect((await records(`endDate=${date(-80)}`)).status).toBe(200);
});

test('dates: UTC days, endDate inclusive, at most 90 days back', async () => {
  expect((await records(`startDate=${date()}&endDate=${date()}`)).body.items).toHaveLength(7);
  expect((await records(`startDate=${date(-3)}&endDate=${date(-1)}`)).body.items).toHaveLength(0);
  expect((await records(`startDate=${date(1)}`)).body.items).toHaveLength(0);
  expect((await records(`startDate=${date(-90)}`)).status).toBe(200);
  const cases: [string, RegExp][] = [
    [`startDate=${date(-91)}`, /within the last 90 days/],
    [`startDate=${encodeURIComponent(usDates(-91).page)}`, /within the last 90 days/],
    ['startDate=6/1/2017', /within the last 90 days/],
    [`startDate=${date()}&endDate=${date(-1)}`, /before startDate/],
    [`startDate=${date()}&size=501`, /size/],
    [`startDate=${date()}&customerId=x`, /Unknown query parameter/],
  ];
  for (const [query, why] of cases) {
    const res = await records(query);
    expect(res.status, query).toBe(400);
    expect(res.body.description, query).toMatch(why);
  }
});

test('paging by continuation: pages of the size asked; a write meanwhile does not shift them', async () => {
  let res = await records(`startDate=${date()}&size=3`);
  const seen: string[] = [];
  const sizes: number[] = [];
  for (let n = 0; ; n++) {
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((r: AuditRecord) => r.id));
    sizes.push(res.body.items.length);
    if (n === 0) await deskPatch(a.id, 'profiles/billing', { lastName: 'Meanwhile' });
    const next = res.body.links.next;
    if (!next) break;
    expect(next.uri).toBe('/v1/auditrecords?size=3&seekOperation=Next');
    res = await pc(api.url, admin, next.uri, { headers: { 'MS-ContinuationToken': next.headers[0].value } });
  }
  expect(sizes).toEqual([3, 3, 1]);
  expect(new Set(seen).size).toBe(7);
  expect((await records(`startDate=${date()}`)).body.items).toHaveLength(8);
});

test("the audit records are read only: another method is /v1's 404, not a 405", async () => {
  const res = await pc(api.url, admin, `/v1/auditrecords?startDate=${date()}`, { method: 'POST', body: {} });
  expect([res.status, res.body.code]).toEqual([404, '1000']);
  expect(res.headers.get('Allow')).toBeNull();
});

test('a role without the audit right gets 403', async () => {
  const billingAdmin = (await signIn(api.url, 'billingadmin@partner.test')).access_token;
  const res = await records(`startDate=${date()}`, billingAdmin);
  expect(res.status).toBe(403);
  expect(res.body.description).toContain('cannot view the audit history');
});
