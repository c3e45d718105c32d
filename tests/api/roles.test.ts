import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTIONS, type Action, can, denialReason, ROLE_IDS } from '@/domain/roles';
import { type InProcessApi, startApi } from '@/harness/mock-api';

let api: InProcessApi;
let id: string;

beforeAll(async () => {
  api = await startApi({ seed: 20 });
  id = (await api.call('/customers?_limit=1')).body[0].id;
});
afterAll(() => api?.stop());

/** One request per action, made as `role`; writes first read the resource's ETag as an admin agent. */
const attempt: Record<Action, (role: string) => ReturnType<InProcessApi['call']>> = {
  viewCustomers: (role) => api.call(`/customers/${id}`, { role }),
  viewAuditLog: (role) => api.call(`/customers/${id}/auditLog`, { role }),
  editBillingProfile: (role) => writeAs(role, 'profiles/billing', { firstName: `Ann ${role}` }),
  editCompanyProfile: (role) => writeAs(role, 'profiles/company', { companyName: `Contoso ${role}` }),
  editPurchasePermission: async (role) => {
    const current = (await api.call(`/customers/${id}/purchasePermission`)).body;
    return writeAs(role, 'purchasePermission', { azureReservations: !current.azureReservations });
  },
};

async function writeAs(role: string, path: string, body: object) {
  const read = await api.call(`/customers/${id}/${path}`);
  return api.call(`/customers/${id}/${path}`, { role, method: 'PATCH', body, ifMatch: read.headers.get('ETag')! });
}

describe.each(ROLE_IDS)('%s', (role) => {
  test.each(ACTIONS)('%s follows the role matrix', async (action) => {
    const res = await attempt[action](role);
    if (can(role, action)) {
      expect(res.status).toBe(200);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ code: 'forbidden', message: denialReason(role, action) });
    }
  });
});

test('search, each read route and the address check need a known role: 401 says how to pick one', async () => {
  for (const path of [
    '/customers',
    `/customers/${id}`,
    `/customers/${id}/profiles/billing`,
    `/customers/${id}/auditLog`,
  ]) {
    for (const role of [null, 'root', '']) {
      const res = await api.call(path, { role });
      expect(res.status, `${path} as ${role}`).toBe(401);
      expect(res.body.error.message).toContain('X-Partner-Role');
    }
  }
  expect((await api.call('/validations/address', { role: null, method: 'POST', body: {} })).status).toBe(401);
});

test('a sales agent sees the purchase permission but may not change it', async () => {
  expect((await api.call(`/customers/${id}/purchasePermission`, { role: 'sales-agent' })).status).toBe(200);
  const res = await writeAs('sales-agent', 'purchasePermission', { azureSavingsPlans: true });
  expect(res.status).toBe(403);
});
