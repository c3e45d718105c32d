import { afterAll, beforeAll, expect, test } from 'vitest';
import { CustomerBillingProfile, CustomerCompanyProfile } from '@/domain/partner-center';
import type { Customer } from '@/domain/schemas';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';

let api: InProcessApi;
let admin: string;
let helpdesk: string;
let customers: Customer[];

beforeAll(async () => {
  api = await startApi({ seed: 40 });
  admin = (await signIn(api.url, 'adminagent@partner.test')).access_token;
  helpdesk = (await signIn(api.url, 'helpdeskagent@partner.test')).access_token;
  customers = await wholeCustomers(api, 40);
});
afterAll(() => api?.stop());

const us = () => customers.filter((c) => c.billingProfile.defaultAddress.country === 'US');
const billing = (id: string) => `/v1/customers/${id}/profiles/billing`;
const read = async (id: string) => (await pc(api.url, admin, billing(id))).body;
const put = (id: string, body: unknown, headers: Record<string, string> = {}, token = admin) =>
  pc(api.url, token, billing(id), { method: 'PUT', body, headers });
/** A body sent as it is, JSON by default. */
const raw = (id: string, method: string, text: string, type = 'application/json') =>
  pc(api.url, admin, billing(id), { method, raw: text, headers: { 'Content-Type': type } });
const deskBilling = async (id: string) => (await api.call(`/customers/${id}/profiles/billing`)).body;
const deskAudit = async (id: string) => (await api.call(`/customers/${id}/auditLog`)).body;

/** Changes nothing: the desk's view of the billing profile and the audit log are as they were. */
async function unchanged(id: string, action: () => Promise<unknown>) {
  const before = [await deskBilling(id), await deskAudit(id)];
  await action();
  expect([await deskBilling(id), await deskAudit(id)]).toEqual(before);
}

test('GET billing: Partner Center shape, its etag in attributes and in the ETag header', async () => {
  const c = customers[0];
  const res = await pc(api.url, helpdesk, billing(c.id));
  expect(res.status).toBe(200);
  const profile = CustomerBillingProfile.parse(res.body);
  expect(profile.attributes.etag).toBe(c.billingProfile.etag);
  expect(res.headers.get('ETag')).toBe(c.billingProfile.etag);
  expect(profile.firstName).toBe(c.billingProfile.firstName);
});

test('PUT through /v1 is what the desk route shows, with the same audit entry naming the user', async () => {
  const c = us()[0];
  const current = await read(c.id);
  const res = await put(c.id, {
    ...current,
    firstName: 'Priya',
    defaultAddress: { ...current.defaultAddress, city: 'Tacoma' },
  });
  expect(res.status).toBe(200);
  expect(res.body.firstName).toBe('Priya');
  expect(res.body.attributes.etag).not.toBe(current.attributes.etag);
  const desk = await deskBilling(c.id);
  expect(desk).toMatchObject({
    firstName: 'Priya',
    etag: res.body.attributes.etag,
    defaultAddress: { city: 'Tacoma' },
  });
  const [entry] = await deskAudit(c.id);
  expect(entry).toMatchObject({
    role: 'admin-agent',
    userPrincipalName: 'adminagent@partner.test',
    action: 'Update billing profile',
    changes: {
      firstName: { before: current.firstName, after: 'Priya' },
      'defaultAddress.city': { before: current.defaultAddress.city, after: 'Tacoma' },
    },
  });
});

test('and the reverse: a desk PATCH shows in /v1, and the etag read before it is stale (400, code 2055)', async () => {
  const c = us()[1];
  const before = await read(c.id);
  const patched = await api.call(`/customers/${c.id}/profiles/billing`, {
    method: 'PATCH',
    body: { lastName: 'Desk' },
    ifMatch: before.attributes.etag,
  });
  expect(patched.status).toBe(200);
  const after = await read(c.id);
  expect(after.lastName).toBe('Desk');
  expect(after.attributes.etag).toBe(patched.body.etag);
  await unchanged(c.id, async () => {
    const stale = await put(c.id, { ...before, firstName: 'Lost' });
    expect(stale.status).toBe(400);
    expect(stale.body).toMatchObject({ code: '2055', data: [], source: 'PartnerFD' });
    expect(stale.body.description).toMatch(/^Etag is no longer valid/);
  });
});

test("Microsoft's example body: PascalCase, nulls, links; the version in If-Match only", async () => {
  const c = us()[2];
  const { attributes, defaultAddress: a, ...p } = await read(c.id);
  const body = {
    Id: p.id,
    FirstName: 'Ana',
    LastName: p.lastName,
    Email: 'ana@example.com',
    Culture: 'en-US',
    Language: 'en',
    CompanyName: p.companyName,
    DefaultAddress: {
      Country: 'US',
      Region: null,
      City: a.city,
      State: a.state,
      AddressLine1: a.addressLine1,
      AddressLine2: null,
      PostalCode: a.postalCode,
      FirstName: a.firstName,
      LastName: a.lastName,
      PhoneNumber: a.phoneNumber ?? null,
    },
    Links: { Self: { Uri: `/v1/customers/${c.id}/profiles/billing`, Method: 'GET', Headers: [] } },
    Attributes: { ObjectType: 'CustomerBillingProfile' },
  };
  const res = await put(c.id, body, { 'If-Match': attributes.etag });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ firstName: 'Ana', email: 'ana@example.com' });
  expect(res.body.defaultAddress.addressLine2).toBeUndefined();
});

test('the version: If-Match and attributes.etag must agree; none at all is 400; unquoted is fine', async () => {
  const c = us()[3];
  const current = await read(c.id);
  await unchanged(c.id, async () => {
    const disagree = await put(c.id, { ...current, firstName: 'X' }, { 'If-Match': '"b-other"' });
    expect(disagree.status).toBe(400);
    expect(disagree.body.description).toMatch(/If-Match and attributes.etag/);
    const { attributes: _a, ...noVersion } = current;
    const none = await put(c.id, { ...noVersion, firstName: 'X' });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: '800002' });
  });
  const unquoted = await put(
    c.id,
    { ...current, firstName: 'Quoted', attributes: undefined },
    {
      'If-Match': current.attributes.etag.replace(/"/g, ''),
    },
  );
  expect(unquoted.status).toBe(200);
});

test('invalid fields are 400 naming each field (code 3000, or 600051 for a missing phone); nothing changes', async () => {
  const c = us()[4];
  const current = await read(c.id);
  await unchanged(c.id, async () => {
    const res = await put(c.id, {
      ...current,
      email: 'nope',
      defaultAddress: { ...current.defaultAddress, postalCode: '1' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('3000');
    expect(res.body.data.map((d: { field: string }) => d.field).sort()).toEqual(['defaultAddress.postalCode', 'email']);
    expect(res.body.description).toContain('email: Enter an email address');

    const unknown = await put(c.id, { ...current, isVip: true, FirstName: 'Twice' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.data).toEqual(
      expect.arrayContaining([
        { field: 'isVip', description: 'Unknown field.' },
        { field: 'firstName', description: 'This field is given twice (in camelCase and PascalCase).' },
      ]),
    );
    const wrongType = await put(c.id, { ...current, firstName: 5, defaultAddress: 'here' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.data.map((d: { field: string }) => d.field).sort()).toEqual(['defaultAddress', 'firstName']);
    const readOnly = await put(c.id, { ...current, id: 'another-id' });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.data).toEqual([{ field: 'id', description: 'This field is read-only.' }]);
  });
  const ru = customers.find((x) => x.billingProfile.defaultAddress.country === 'RU')!;
  const ruProfile = await read(ru.id);
  await unchanged(ru.id, async () => {
    const { phoneNumber: _p, ...address } = ruProfile.defaultAddress;
    const res = await put(ru.id, { ...ruProfile, defaultAddress: address });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('600051');
  });
});

test('bodies that are not JSON, too large or of the wrong type are refused before anything is read', async () => {
  const c = us()[5];
  await unchanged(c.id, async () => {
    const text = await raw(c.id, 'PUT', 'x', 'text/plain');
    expect([text.status, text.body.code]).toEqual([415, '415']);
    const malformed = await raw(c.id, 'PUT', '{"firstName":');
    expect([malformed.status, malformed.body.code]).toEqual([400, '800002']);
    const big = await put(c.id, { firstName: 'x'.repeat(70 * 1024) });
    expect([big.status, big.body.code]).toEqual([413, '413']);
    const array = await raw(c.id, 'PUT', '[]');
    expect(array.status).toBe(400);
  });
});

test('a PUT that changes nothing keeps the etag and writes no audit entry', async () => {
  const c = us()[6];
  const current = await read(c.id);
  await unchanged(c.id, async () => {
    const res = await put(c.id, current);
    expect(res.status).toBe(200);
    expect(res.body.attributes.etag).toBe(current.attributes.etag);
  });
});

test('which error wins: 401 → 403 → 404 → 405 → 400', async () => {
  const c = us()[7];
  const missing = '00000000-0000-4000-8000-000000000000';
  expect((await pc(api.url, null, billing(missing), { method: 'PATCH', raw: '{' })).status).toBe(401);
  expect((await put(missing, { bad: 1 }, {}, helpdesk)).status).toBe(403);
  const notFound = await raw(missing, 'PUT', '{');
  expect([notFound.status, notFound.body.code]).toEqual([404, '60003']);
  const patch = await raw(c.id, 'PATCH', '{');
  expect(patch.status).toBe(405);
  expect(patch.headers.get('Allow')).toBe('GET, PUT');
  const denied = await put(c.id, await read(c.id), {}, helpdesk);
  expect(denied.status).toBe(403);
  expect(denied.body).toMatchObject({ code: '2032' });
  expect(denied.body.description).toContain('The Helpdesk agent role cannot edit the billing profile.');
});

test('company profile: GET in Partner Center shape; Partner Center has no write for it, so 405 (after 401 and 404)', async () => {
  const c = customers[8];
  const res = await pc(api.url, helpdesk, `/v1/customers/${c.id}/profiles/company`);
  expect(res.status).toBe(200);
  const profile = CustomerCompanyProfile.parse(res.body);
  expect(profile).toMatchObject({
    tenantId: c.id,
    domain: c.companyProfile.domain,
    companyName: c.companyProfile.companyName,
    email: c.billingProfile.email,
    address: { country: c.billingProfile.defaultAddress.country, city: c.billingProfile.defaultAddress.city },
  });
  expect(profile.organizationRegistrationNumber).toBe(c.companyProfile.organizationRegistrationNumber);
  await unchanged(c.id, async () => {
    for (const method of ['PUT', 'PATCH', 'POST', 'DELETE']) {
      const write = await pc(api.url, admin, `/v1/customers/${c.id}/profiles/company`, {
        method,
        body: { companyName: 'No' },
      });
      expect(write.status, method).toBe(405);
      expect(write.headers.get('Allow')).toBe('GET');
    }
  });
  expect((await pc(api.url, null, `/v1/customers/${c.id}/profiles/company`, { method: 'PUT', body: {} })).status).toBe(
    401,
  );
  const missing = '/v1/customers/00000000-0000-4000-8000-000000000000/profiles/company';
  expect((await pc(api.url, admin, missing, { method: 'PUT', body: {} })).status).toBe(404);
});
