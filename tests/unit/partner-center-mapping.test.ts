import { expect, test } from 'vitest';
import {
  AuditRecord,
  BillingProfileInput,
  Collection,
  CustomerBillingProfile,
  CustomerSummary,
  normalizeKeys,
  PcCustomer,
  SelfServePolicy,
  SelfServePolicyInput,
} from '@/domain/partner-center';
import {
  auditEntryFromPc,
  billingProfileFromPc,
  companyProfileFromPc,
  customerFromPc,
  fromPcBillingProfile,
  operationType,
  parsePolicyId,
  permissionFromPolicy,
  toAuditRecord,
  toCollection,
  toPcBillingProfile,
  toPcCustomer,
  toPcCustomerSummary,
  toSelfServePolicy,
} from '@/domain/partner-center-mapping';
import { BillingProfile } from '@/domain/schemas';
import { seedCustomers } from '@/mock-api/store/seed/seed';

const customers = seedCustomers(40, 3);
const partner = '3b33e682-00c3-41ee-9dd2-a548adf56438';

test('every customer maps to valid Partner Center shapes, with /v1 links', () => {
  for (const c of customers) {
    expect(PcCustomer.parse(toPcCustomer(c)).companyProfile.address.country).toBe(
      c.billingProfile.defaultAddress.country,
    );
    const summary = CustomerSummary.parse(toPcCustomerSummary(c));
    expect(summary.links.self.uri).toBe(`/v1/customers/${c.id}`);
    expect(summary.companyProfile.links.self.uri).toBe(`/v1/customers/${c.id}/profiles/company`);
  }
});

test('billing profile: ours → Partner Center → ours is the same profile, etag in attributes', () => {
  for (const c of customers) {
    const pc = CustomerBillingProfile.parse(toPcBillingProfile(c.id, c.billingProfile));
    expect(pc.attributes).toEqual({ etag: c.billingProfile.etag, objectType: 'CustomerBillingProfile' });
    expect(billingProfileFromPc(pc)).toEqual(c.billingProfile);
    expect(companyProfileFromPc(toPcCustomer(c).companyProfile)).toEqual(
      (({ etag: _etag, ...rest }) => rest)(c.companyProfile),
    );
  }
});

test("a PUT body as Microsoft's example sends it (PascalCase, nulls, links) becomes our profile and its version", () => {
  const c = customers[0];
  const { etag, defaultAddress, ...rest } = c.billingProfile;
  const pascal = (o: object): object =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [
        k.charAt(0).toUpperCase() + k.slice(1),
        v && typeof v === 'object' ? pascal(v) : v,
      ]),
    );
  const sent = {
    ...pascal(rest),
    DefaultAddress: { ...pascal(defaultAddress), Region: null, AddressLine2: null, MiddleName: null },
    Links: { Self: { Uri: '/v1/customers/x/profiles/billing', Method: 'GET', Headers: [] } },
    Attributes: { Etag: etag, ObjectType: 'CustomerBillingProfile' },
  };
  const { value, duplicates } = normalizeKeys(sent);
  expect(duplicates).toEqual([]);
  const { body, etag: version } = fromPcBillingProfile(BillingProfileInput.parse(value));
  expect(version).toBe(etag);
  expect(BillingProfile.parse({ ...body, etag })).toEqual(c.billingProfile);
});

test('normalizeKeys reports a key given in both cases, at its path', () => {
  expect(
    normalizeKeys({ firstName: 'a', FirstName: 'b', defaultAddress: { City: 'x', city: 'y' } }).duplicates,
  ).toEqual(['firstName', 'defaultAddress.city']);
});

test('the purchase permission is a SelfServePolicy: none while both are off, both ways round', () => {
  const off = { azureReservations: false, azureSavingsPlans: false, etag: '"p-1"' };
  expect(toSelfServePolicy(partner, customers[0].id, off)).toBeNull();
  for (const [azureReservations, azureSavingsPlans] of [
    [true, false],
    [false, true],
    [true, true],
  ]) {
    const policy = SelfServePolicy.parse(
      toSelfServePolicy(partner, customers[0].id, { azureReservations, azureSavingsPlans, etag: '"p-2"' }),
    );
    expect(policy.id).toBe(`${partner}_${customers[0].id}`);
    expect(policy.grantor).toEqual({ grantorType: 'billToPartner', tenantID: partner });
    expect(policy.attributes.etag).toBe('"p-2"');
    expect(permissionFromPolicy(policy.permissions)).toEqual({ azureReservations, azureSavingsPlans });
  }
  expect(parsePolicyId(`${partner}_${customers[0].id}`)).toEqual({
    partnerTenantId: partner,
    customerId: customers[0].id,
  });
  expect(parsePolicyId('no-underscore')).toBeNull();
  expect(parsePolicyId('a_b_c')).toBeNull();
});

test('policy bodies take the documented capitalised values and PascalCase keys', () => {
  const { value } = normalizeKeys({
    SelfServeEntity: { SelfServeEntityType: 'Customer', TenantID: customers[1].id },
    Grantor: { GrantorType: 'BillToPartner', TenantID: partner },
    Permissions: [{ Resource: 'AzureSavingsPlan', Action: 'purchase' }],
  });
  const input = SelfServePolicyInput.parse(value);
  expect(input.selfServeEntity.selfServeEntityType).toBe('customer');
  expect(input.permissions).toEqual([{ resource: 'AzureSavingsPlan', action: 'Purchase' }]);
  expect(
    SelfServePolicyInput.safeParse({ ...input, permissions: [{ resource: 'Other', action: 'Purchase' }] }).success,
  ).toBe(false);
});

test('operationType follows the policy before and after a write', () => {
  const p = (r: boolean, s: boolean) => ({ azureReservations: r, azureSavingsPlans: s });
  expect(operationType('permission', p(false, false), p(true, false))).toBe('create_self_serve_policy');
  expect(operationType('permission', p(true, false), p(true, true))).toBe('update_self_serve_policy');
  expect(operationType('permission', p(true, false), p(false, true))).toBe('update_self_serve_policy');
  expect(operationType('permission', p(false, true), p(false, false))).toBe('delete_self_serve_policy');
  expect(operationType('billing', {}, {})).toBe('update_customer_billing_profile');
  expect(operationType('company', {}, {})).toBe('update_customer_company_profile');
});

test('an audit record shows the resource before and after as JSON text, absent where there was none', () => {
  const entry = {
    id: 'a0000000007',
    customerId: customers[2].id,
    at: '2026-01-02T03:04:05.000Z',
    role: 'admin-agent',
    userPrincipalName: 'adminagent@partner.test',
    action: 'Create customer purchase permission',
    changes: { azureSavingsPlans: { before: false, after: true } },
  };
  const record = AuditRecord.parse(
    toAuditRecord(partner, 'Contoso', {
      kind: 'permission',
      entries: [entry],
      before: { azureReservations: false, azureSavingsPlans: false, etag: '"p-1"' },
      after: { azureReservations: false, azureSavingsPlans: true, etag: '"p-2"' },
    }),
  );
  expect(record).toMatchObject({
    id: 'a0000000007',
    partnerId: partner,
    customerName: 'Contoso',
    userPrincipalName: 'adminagent@partner.test',
    resourceType: 'self_serve_policy',
    operationType: 'create_self_serve_policy',
    operationDate: entry.at,
  });
  expect(record.resourceOldValue).toBeUndefined();
  expect(JSON.parse(record.resourceNewValue!).permissions).toEqual([
    { resource: 'AzureSavingsPlan', action: 'Purchase' },
  ]);
});

test('a Collection counts the items it holds; a next link carries the continuation token', () => {
  const self = { uri: '/v1/customers?size=2', method: 'GET', headers: [] };
  const page = toCollection([1, 2], self, { uri: '/customers?size=2&seekOperation=Next', token: 'tok' });
  expect(page.totalCount).toBe(2);
  expect(page.links.next).toEqual({
    uri: '/v1/customers?size=2&seekOperation=Next',
    method: 'GET',
    headers: [{ key: 'MS-ContinuationToken', value: 'tok' }],
  });
  expect(page.continuationToken).toBe('tok');
  const last = toCollection([], self);
  expect(last).toEqual({ totalCount: 0, items: [], links: { self }, attributes: { objectType: 'Collection' } });
  expect(Collection(SelfServePolicy).safeParse(last).success).toBe(true);
});

test('the extension reads back what the mock translated: the customer and its policy are the customer', () => {
  for (const c of customers) {
    const policy = toSelfServePolicy(partner, c.id, c.purchasePermission);
    const { updatedBy: _by, updatedAt: _at, ...permission } = c.purchasePermission;
    const expected = (({ etag: _etag, ...company }) => company)(c.companyProfile);
    const read = customerFromPc(toPcCustomer(c), policy);
    // Partner Center's customer does not name its indirect reseller (its list filters by one).
    const { indirectResellerId: _reseller, ...rest } = c;
    expect(read).toEqual({
      ...rest,
      companyProfile: expected,
      // Partner Center keeps neither the time of a change nor a version of a permission nobody holds.
      purchasePermission: policy ? permission : { azureReservations: false, azureSavingsPlans: false },
      updatedAt: '',
    });
  }
});

test('an audit record reads as an audit entry: the user, the action and the fields it changed', () => {
  const c = customers[0];
  const before = { azureReservations: true, azureSavingsPlans: false };
  const after = { azureReservations: true, azureSavingsPlans: true };
  const entry = {
    id: 'a1',
    customerId: c.id,
    at: '2026-11-20T10:00:00.000Z',
    role: 'admin-agent',
    userPrincipalName: 'ann@partner.test',
    action: 'Create customer purchase permission',
    changes: { azureSavingsPlans: { before: false, after: true } },
  };
  const record = toAuditRecord(partner, 'Contoso', { kind: 'permission', entries: [entry], before, after });
  expect(auditEntryFromPc(record)).toEqual({
    id: 'a1',
    customerId: c.id,
    at: entry.at,
    role: '',
    userPrincipalName: 'ann@partner.test',
    action: 'Update customer purchase permission',
    changes: { azureSavingsPlans: { before: false, after: true } },
  });
  const billing = toAuditRecord(partner, 'Contoso', {
    kind: 'billing',
    entries: [{ ...entry, action: 'Update billing profile' }],
    before: c.billingProfile as never,
    after: { ...c.billingProfile, email: 'new@contoso.com' } as never,
  });
  expect(auditEntryFromPc(billing)).toMatchObject({
    action: 'Update billing profile',
    changes: { email: { before: c.billingProfile.email, after: 'new@contoso.com' } },
  });
});
