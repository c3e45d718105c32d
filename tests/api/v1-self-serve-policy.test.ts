import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Collection, SelfServePolicy } from '@/domain/partner-center';
import type { Customer } from '@/domain/schemas';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';

let api: InProcessApi;
let admin: string;
let sales: string;
let partner: string;
let off: Customer[];

beforeAll(async () => {
  api = await startApi({ seed: 40 });
  admin = (await signIn(api.url, 'adminagent@partner.test')).access_token;
  sales = (await signIn(api.url, 'salesagent@partner.test')).access_token;
  partner = decodeJwt(admin).tid as string;
  const all: Customer[] = await wholeCustomers(api, 40);
  off = all.filter((c) => !c.purchasePermission.azureReservations && !c.purchasePermission.azureSavingsPlans);
});
afterAll(() => api?.stop());

const ri = { resource: 'AzureReservedInstances', action: 'Purchase' };
const sp = { resource: 'AzureSavingsPlan', action: 'Purchase' };
const body = (tenantID: string, permissions: object[], extra: object = {}) => ({
  selfServeEntity: { selfServeEntityType: 'customer', tenantID },
  grantor: { grantorType: 'billToPartner', tenantID: partner },
  permissions,
  ...extra,
});
const create = (tenantID: string, permissions: object[], token = admin, headers = {}) =>
  pc(api.url, token, '/v1/SelfServePolicy', { method: 'POST', body: body(tenantID, permissions), headers });
const list = (tenantID: string, token = admin) => pc(api.url, token, `/v1/SelfServePolicy?entity_id=${tenantID}`);
const permission = async (id: string) => (await api.call(`/customers/${id}/purchasePermission`)).body;
const deskAudit = async (id: string) => (await api.call(`/customers/${id}/auditLog`)).body;

test('no permission, no policy: an empty Collection; an unknown customer 404; no entity_id 400', async () => {
  const res = await list(off[0].id, sales);
  expect(res.status).toBe(200);
  expect(Collection(SelfServePolicy).parse(res.body)).toMatchObject({ totalCount: 0, items: [] });
  const unknown = await list('00000000-0000-4000-8000-000000000000');
  expect([unknown.status, unknown.body.code]).toEqual([404, '60003']);
  const none = await pc(api.url, admin, '/v1/SelfServePolicy');
  expect([none.status, none.body.code]).toEqual([400, '800002']);
});

test('POST creates the policy: 201, it is the purchase permission the extension shows, audited as the desk does', async () => {
  const c = off[0];
  const res = await create(c.id, [ri]);
  expect(res.status).toBe(201);
  const policy = SelfServePolicy.parse(res.body);
  expect(policy).toMatchObject({
    id: `${partner}_${c.id}`,
    selfServeEntity: { selfServeEntityType: 'customer', tenantID: c.id },
    grantor: { grantorType: 'billToPartner', tenantID: partner },
    permissions: [ri],
  });
  expect(res.headers.get('Location')).toBe(`/v1/SelfServePolicy/${policy.id}`);
  const desk = await permission(c.id);
  expect(desk).toMatchObject({ azureReservations: true, azureSavingsPlans: false, updatedBy: 'admin-agent' });
  expect(policy.attributes.etag).toBe(desk.etag);
  expect((await deskAudit(c.id))[0]).toMatchObject({
    action: 'Create customer purchase permission',
    role: 'admin-agent',
    userPrincipalName: 'adminagent@partner.test',
    changes: { azureReservations: { before: false, after: true } },
  });
  const again = await pc(api.url, sales, `/v1/SelfServePolicy/${policy.id}`);
  expect(again.body).toEqual(policy);
  expect((await list(c.id, sales)).body.items).toEqual([policy]);
});

test('a second POST for the same customer is 409 (600041); nothing changes', async () => {
  const c = off[0];
  const before = await permission(c.id);
  const res = await create(c.id, [sp]);
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ code: '600041', source: 'PartnerFD' });
  expect(await permission(c.id)).toEqual(before);
});

test('bad policies are refused and change nothing: unknown customer 404, bad body 400, empty permissions 400', async () => {
  const c = off[1];
  const before = await permission(c.id);
  const unknown = await create('00000000-0000-4000-8000-000000000000', [ri]);
  expect([unknown.status, unknown.body.code]).toEqual([404, '60003']);
  const bad: [object, RegExp | string][] = [
    [body(c.id, [{ resource: 'AzureVirtualMachines', action: 'Purchase' }]), 'permissions.0.resource'],
    [body(c.id, [{ ...ri, action: 'Cancel' }]), 'permissions.0.action'],
    [body(c.id, [ri], { extra: true }), 'extra'],
    [{ ...body(c.id, [ri]), grantor: { grantorType: 'billToPartner', tenantID: 'another-partner' } }, /own tenant/],
    [
      { ...body(c.id, [ri]), selfServeEntity: { selfServeEntityType: 'partner', tenantID: c.id } },
      'selfServeEntityType',
    ],
    [body(c.id, []), /DELETE/],
    [body(c.id, [ri], { id: 'someone_else' }), /id must be/],
  ];
  for (const [sent, why] of bad) {
    const res = await pc(api.url, admin, '/v1/SelfServePolicy', { method: 'POST', body: sent });
    expect(res.status, JSON.stringify(sent)).toBe(400);
    expect(res.body.description).toMatch(why);
  }
  expect(await permission(c.id)).toEqual(before);
  expect(await deskAudit(c.id)).toEqual([]);
});

test('PascalCase, capitalised values and no grantor, as the docs write them', async () => {
  const c = off[2];
  const res = await pc(api.url, admin, '/v1/SelfServePolicy', {
    method: 'POST',
    body: {
      SelfServeEntity: { SelfServeEntityType: 'Customer', TenantID: c.id },
      Permissions: [{ Resource: 'AzureSavingsPlan', Action: 'Purchase' }],
    },
  });
  expect(res.status).toBe(201);
  expect(res.body.permissions).toEqual([sp]);
  expect(await permission(c.id)).toMatchObject({ azureReservations: false, azureSavingsPlans: true });
});

test('PUT replaces the permissions (path id, or id in the body as the docs example); a stale etag is 2055', async () => {
  const c = off[3];
  const created = (await create(c.id, [ri])).body;
  const swapped = await pc(api.url, admin, `/v1/SelfServePolicy/${created.id}`, {
    method: 'PUT',
    body: { ...created, permissions: [sp] },
  });
  expect(swapped.status).toBe(200);
  expect(swapped.body.permissions).toEqual([sp]);
  expect(await permission(c.id)).toMatchObject({ azureReservations: false, azureSavingsPlans: true });
  // One write turned one on and one off: two desk entries, the same write.
  const [first, second] = await deskAudit(c.id);
  expect([first.action, second.action].sort()).toEqual([
    'Create customer purchase permission',
    'Delete customer purchase permission',
  ]);

  const stale = await pc(api.url, admin, '/v1/SelfServePolicy', {
    method: 'PUT',
    body: { ...created, permissions: [ri, sp] },
  });
  expect([stale.status, stale.body.code]).toEqual([400, '2055']);
  const both = await pc(api.url, admin, '/v1/SelfServePolicy', {
    method: 'PUT',
    body: { ...swapped.body, permissions: [ri, sp] },
  });
  expect(both.status).toBe(200);
  expect(both.body.permissions).toEqual([ri, sp]);

  const before = await permission(c.id);
  const empty = await pc(api.url, admin, `/v1/SelfServePolicy/${created.id}`, {
    method: 'PUT',
    body: { ...both.body, permissions: [] },
  });
  expect(empty.status).toBe(400);
  const otherId = await pc(api.url, admin, `/v1/SelfServePolicy/${created.id}`, {
    method: 'PUT',
    body: { ...both.body, id: `${partner}_${off[4].id}` },
  });
  expect(otherId.status).toBe(400);
  expect(await permission(c.id)).toEqual(before);
});

test('policy ids: another form is 600040, no policy 600039 (404 before the body is looked at)', async () => {
  const notMine = await pc(api.url, admin, `/v1/SelfServePolicy/someone_${off[5].id}`);
  expect([notMine.status, notMine.body.code]).toEqual([404, '600040']);
  const none = await pc(api.url, admin, `/v1/SelfServePolicy/${partner}_${off[5].id}`, {
    method: 'PUT',
    raw: '{',
    headers: { 'Content-Type': 'application/json' },
  });
  expect([none.status, none.body.code]).toEqual([404, '600039']);
  const patch = await pc(api.url, admin, `/v1/SelfServePolicy/${partner}_${off[0].id}`, { method: 'PATCH', body: {} });
  expect(patch.status).toBe(405);
  expect(patch.headers.get('Allow')).toBe('GET, PUT, DELETE');
  const collection = await pc(api.url, admin, '/v1/SelfServePolicy', { method: 'DELETE' });
  expect(collection.status).toBe(405);
  expect(collection.headers.get('Allow')).toBe('GET, POST, PUT');
});

test('DELETE turns both off (204), the policy is gone; the desk then shows no permission', async () => {
  const c = off[6];
  const created = (await create(c.id, [ri, sp])).body;
  const res = await pc(api.url, admin, `/v1/SelfServePolicy/${created.id}`, { method: 'DELETE' });
  expect(res.status).toBe(204);
  expect(await permission(c.id)).toMatchObject({ azureReservations: false, azureSavingsPlans: false });
  expect((await pc(api.url, admin, `/v1/SelfServePolicy/${created.id}`)).status).toBe(404);
  expect((await list(c.id)).body.items).toEqual([]);
  expect((await pc(api.url, admin, `/v1/SelfServePolicy/${created.id}`, { method: 'DELETE' })).status).toBe(404);
});

test('a permission switched on at the desk is a policy in /v1, and its etag goes stale there when the desk writes', async () => {
  const c = off[7];
  const p = await permission(c.id);
  const on = await api.call(`/customers/${c.id}/purchasePermission`, {
    method: 'PATCH',
    body: { azureSavingsPlans: true },
    ifMatch: p.etag,
  });
  const [policy] = (await list(c.id)).body.items;
  expect(policy).toMatchObject({ permissions: [sp], attributes: { etag: on.body.etag } });
  await api.call(`/customers/${c.id}/purchasePermission`, {
    method: 'PATCH',
    body: { azureReservations: true },
    ifMatch: on.body.etag,
  });
  const stale = await pc(api.url, admin, `/v1/SelfServePolicy/${policy.id}`, {
    method: 'DELETE',
    headers: { 'If-Match': policy.attributes.etag },
  });
  expect([stale.status, stale.body.code]).toEqual([400, '2055']);
  expect(await permission(c.id)).toMatchObject({ azureReservations: true, azureSavingsPlans: true });
});

test('roles: a sales agent sees policies but may not change them (403 before anything else)', async () => {
  const c = off[8];
  const res = await create(c.id, [ri], sales);
  expect(res.status).toBe(403);
  expect(res.body.description).toContain('The Sales agent role cannot give or remove purchase permission.');
  const unknown = await create('00000000-0000-4000-8000-000000000000', [ri], sales);
  expect(unknown.status).toBe(403);
  expect((await list(c.id, sales)).status).toBe(200);
});
