import { afterAll, beforeAll, expect, test } from 'vitest';
import { AuditEntry } from '@/domain/schemas';
import { type InProcessApi, startApi } from '@/harness/mock-api';

let api: InProcessApi;
let id: string;

beforeAll(async () => {
  api = await startApi({ seed: 10 });
  id = (await api.call('/customers?_limit=1')).body[0].id;
});
afterAll(() => api?.stop());

async function patch(path: string, body: object, role = 'admin-agent') {
  const read = await api.call(`/customers/${id}/${path}`);
  const res = await api.call(`/customers/${id}/${path}`, { role, method: 'PATCH', body, ifMatch: read.body.etag });
  expect(res.status).toBe(200);
  return read.body;
}

test('every write appends an entry: role, time, action, field → before/after; newest first', async () => {
  const billing = await patch(
    'profiles/billing',
    { firstName: 'Audrey', defaultAddress: { city: 'Audit City' } },
    'sales-agent',
  );
  const company = await patch('profiles/company', { companyName: 'Audited Ltd' }, 'global-admin');
  await patch('purchasePermission', { azureReservations: true, azureSavingsPlans: true });
  await patch('purchasePermission', { azureReservations: false });

  const res = await api.call(`/customers/${id}/auditLog`, { role: 'helpdesk-agent' });
  expect(res.status).toBe(200);
  expect(res.headers.get('X-Total-Count')).toBe('4');
  for (const entry of res.body) expect(AuditEntry.safeParse(entry).success).toBe(true);
  expect(res.body.map((e: { action: string }) => e.action)).toEqual([
    'Delete customer purchase permission',
    'Create customer purchase permission',
    'Update company profile',
    'Update billing profile',
  ]);
  const [off, on, companyEntry, billingEntry] = res.body;
  expect(billingEntry).toMatchObject({
    customerId: id,
    role: 'sales-agent',
    changes: {
      firstName: { before: billing.firstName, after: 'Audrey' },
      'defaultAddress.city': { before: billing.defaultAddress.city, after: 'Audit City' },
    },
  });
  expect(companyEntry).toMatchObject({
    role: 'global-admin',
    changes: { companyName: { before: company.companyName, after: 'Audited Ltd' } },
  });
  expect(on.changes).toEqual({
    azureReservations: { before: false, after: true },
    azureSavingsPlans: { before: false, after: true },
  });
  expect(off.changes).toEqual({ azureReservations: { before: true, after: false } });
  expect(Date.parse(off.at)).toBeGreaterThanOrEqual(Date.parse(billingEntry.at));
});

test('the audit log pages with _limit and counts all entries; other customers have their own', async () => {
  const page = await api.call(`/customers/${id}/auditLog?_limit=1`);
  expect(page.body).toHaveLength(1);
  expect(page.body[0].action).toBe('Delete customer purchase permission');
  expect(page.headers.get('X-Total-Count')).toBe('4');
  const other = (await api.call('/customers?_limit=2')).body[1].id;
  expect((await api.call(`/customers/${other}/auditLog`)).body).toEqual([]);
});

test('a rejected write adds no entry', async () => {
  const read = await api.call(`/customers/${id}/profiles/billing`);
  expect(
    (
      await api.call(`/customers/${id}/profiles/billing`, {
        method: 'PATCH',
        body: { email: 'nope' },
        ifMatch: read.body.etag,
      })
    ).status,
  ).toBe(422);
  expect((await api.call(`/customers/${id}/auditLog`)).headers.get('X-Total-Count')).toBe('4');
});
