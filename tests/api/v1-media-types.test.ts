import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';

let api: InProcessApi;
let token: string;
let id: string;

beforeAll(async () => {
  api = await startApi({ seed: 5 });
  token = (await signIn(api.url, 'adminagent@partner.test')).access_token;
  const [customer] = (await wholeCustomers(api, 5)).filter((c) => !c.purchasePermission.azureReservations);
  id = customer.id;
});
afterAll(() => api?.stop());

const send = (method: string, path: string, body: object, contentType: string) =>
  pc(api.url, token, path, { method, raw: JSON.stringify(body), headers: { 'Content-Type': contentType } });

// Partner Center REST reference (e.g. "Customers - Update Billing Profile", "Audit operations"): request and response
// "Media Types: "application/json", "text/json"".
test('a billing profile PUT as text/json (with a charset) is taken like application/json', async () => {
  const path = `/v1/customers/${id}/profiles/billing`;
  for (const type of ['text/json', 'text/json; charset=utf-8', 'Application/JSON; charset=UTF-8']) {
    const current = (await pc(api.url, token, path)).body;
    const res = await send('PUT', path, { ...current, firstName: `Media ${type.length}` }, type);
    expect(res.status, type).toBe(200);
    expect(res.body.firstName).toBe(`Media ${type.length}`);
  }
});

test('a self-serve policy POST as text/json is created', async () => {
  const res = await send(
    'POST',
    '/v1/SelfServePolicy',
    {
      selfServeEntity: { selfServeEntityType: 'customer', tenantID: id },
      permissions: [{ resource: 'AzureReservedInstances', action: 'Purchase' }],
    },
    'text/json; charset=utf-8',
  );
  expect(res.status).toBe(201);
});

test('other media types are still 415, and nothing changes', async () => {
  const path = `/v1/customers/${id}/profiles/billing`;
  const before = (await pc(api.url, token, path)).body;
  for (const type of ['text/plain', 'application/xml', 'text/jsonx']) {
    const res = await send('PUT', path, { ...before, firstName: 'Never' }, type);
    expect(res.status, type).toBe(415);
    expect(res.body).toMatchObject({ code: '415', source: 'PartnerFD' });
    expect(res.body.description).toContain('application/json or text/json');
  }
  expect((await pc(api.url, token, path)).body.firstName).toBe(before.firstName);
});
