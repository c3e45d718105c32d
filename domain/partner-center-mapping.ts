/**
 * The one translation between our shapes (`schemas.ts`) and Partner Center's (`partner-center.ts`), both ways: the
 * mock answers `/v1` with it, and the extension's Partner Center connection reads and writes through it. Pure
 * functions on plain data, no browser or Node APIs.
 */
import { changesBetween, type JsonObject } from './merge-patch';
import {
  type AuditRecord,
  type AuditResourceType,
  type BillingProfileInput,
  CONTINUATION_HEADER,
  type Collection,
  type CustomerBillingProfile,
  type CustomerCompanyProfile,
  type CustomerSummary,
  type Link,
  type OperationType,
  type PcAddress,
  type PcCustomer,
  POLICY_RESOURCES,
  type PolicyResource,
  type SelfServePolicy,
} from './partner-center';
import { LINK_ROOT } from './partner-center-readings';
import { RESOURCES, type ResourceKind } from './resources';
import type {
  Address,
  AuditEntry,
  BillingProfile,
  CompanyProfile,
  Customer,
  CustomerSummary as DeskSummary,
  PurchasePermission,
} from './schemas';

export const link = (path: string, method = 'GET', headers: Link['headers'] = []): Link => ({
  uri: `${LINK_ROOT}${path}`,
  method,
  headers,
});

/** Drops the keys whose value is undefined, so optional fields are absent rather than `undefined`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function toPcAddress(a: Address): PcAddress {
  return defined({ ...a });
}

export function toPcBillingProfile(customerId: string, b: BillingProfile): CustomerBillingProfile {
  const { etag, defaultAddress, ...rest } = b;
  return {
    ...rest,
    defaultAddress: toPcAddress(defaultAddress),
    links: { self: link(`/customers/${customerId}/profiles/billing`) },
    attributes: defined({ etag, objectType: 'CustomerBillingProfile' as const }),
  };
}

export function toPcCompanyProfile(c: Customer): CustomerCompanyProfile {
  const { firstName: _first, lastName: _last, ...address } = toPcAddress(c.billingProfile.defaultAddress);
  return defined({
    tenantId: c.companyProfile.tenantId,
    domain: c.companyProfile.domain,
    companyName: c.companyProfile.companyName,
    organizationRegistrationNumber: c.companyProfile.organizationRegistrationNumber,
    address,
    email: c.billingProfile.email,
    links: { self: link(`/customers/${c.id}/profiles/company`) },
    attributes: { objectType: 'CustomerCompanyProfile' as const },
  });
}

/** A customer as Partner Center lists it (`GET /v1/customers`). */
export function toPcCustomerSummary(c: DeskSummary): CustomerSummary {
  const { tenantId, domain, companyName } = c.companyProfile;
  return {
    id: c.id,
    companyProfile: {
      tenantId,
      domain,
      companyName,
      links: { self: link(`/customers/${c.id}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: c.relationshipToPartner,
    links: { self: link(`/customers/${c.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

export function toPcCustomer(c: Customer): PcCustomer {
  return {
    id: c.id,
    commerceId: c.id,
    companyProfile: toPcCompanyProfile(c),
    billingProfile: toPcBillingProfile(c.id, c.billingProfile),
    relationshipToPartner: c.relationshipToPartner,
    customDomains: c.customDomains ?? [],
    allowDelegatedAccess: true,
    links: { self: link(`/customers/${c.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

/** Partner Center's billing profile as ours: the body of a write, and the version it was read at. */
export function fromPcBillingProfile(input: BillingProfileInput): { body: JsonObject; etag: string | undefined } {
  const { links: _links, attributes, defaultAddress, ...fields } = input;
  const { middleName: _middle, ...address } = defaultAddress ?? {};
  const present = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
  const body: JsonObject = present(fields);
  if (defaultAddress) body.defaultAddress = present(address);
  return { body, etag: attributes?.etag ?? undefined };
}

/** Our billing profile from Partner Center's, as the extension reads it. */
export function billingProfileFromPc(p: CustomerBillingProfile): BillingProfile {
  const { links: _links, attributes, defaultAddress, ...rest } = p;
  return defined({ ...rest, defaultAddress: { ...defaultAddress } as Address, etag: attributes.etag });
}

export function companyProfileFromPc(p: CustomerCompanyProfile): CompanyProfile {
  return defined({
    tenantId: p.tenantId,
    domain: p.domain,
    companyName: p.companyName,
    organizationRegistrationNumber: p.organizationRegistrationNumber,
  });
}

/** A policy exists while the customer may buy at least one of the two. */
export function hasPolicy(p: Pick<PurchasePermission, 'azureReservations' | 'azureSavingsPlans'>): boolean {
  return p.azureReservations || p.azureSavingsPlans;
}

export const policyId = (partnerTenantId: string, customerId: string) => `${partnerTenantId}_${customerId}`;

/** `{partnerTenantId}_{customerTenantId}` → its parts, or null when it is not of that form. */
export function parsePolicyId(id: string): { partnerTenantId: string; customerId: string } | null {
  const parts = id.split('_');
  return parts.length === 2 && parts.every(Boolean) ? { partnerTenantId: parts[0], customerId: parts[1] } : null;
}

/** The customer's purchase permission as Partner Center's SelfServePolicy; null when nothing is allowed. */
export function toSelfServePolicy(
  partnerTenantId: string,
  customerId: string,
  p: PurchasePermission,
): SelfServePolicy | null {
  if (!hasPolicy(p)) return null;
  const resources = Object.entries(POLICY_RESOURCES) as [PolicyResource, keyof PurchasePermission][];
  return {
    id: policyId(partnerTenantId, customerId),
    selfServeEntity: { selfServeEntityType: 'customer', tenantID: customerId },
    grantor: { grantorType: 'billToPartner', tenantID: partnerTenantId },
    permissions: resources
      .filter(([, field]) => p[field])
      .map(([resource]) => ({ resource, action: 'Purchase' as const })),
    attributes: defined({ etag: p.etag, objectType: 'SelfServePolicy' as const }),
  };
}

/** A policy's permissions as our two switches: what is not listed is off. */
export function permissionFromPolicy(permissions: readonly { resource: PolicyResource }[]) {
  const listed = new Set(permissions.map((p) => p.resource));
  return {
    azureReservations: listed.has('AzureReservedInstances'),
    azureSavingsPlans: listed.has('AzureSavingsPlan'),
  };
}

/** The purchase permission a customer's policy (or none) stands for; its etag is the policy's, none without one. */
export function permissionOfPolicy(policy: SelfServePolicy | null): PurchasePermission {
  return defined({ ...permissionFromPolicy(policy?.permissions ?? []), etag: policy?.attributes.etag });
}

/**
 * A customer as the extension shows it, from Partner Center's customer and its self-serve policy (or none).
 * Partner Center keeps no time of a customer's last change: `updatedAt` stays empty (nothing in the views reads it).
 */
export function customerFromPc(c: PcCustomer, policy: SelfServePolicy | null): Customer {
  return {
    id: c.id,
    companyProfile: companyProfileFromPc(c.companyProfile),
    billingProfile: billingProfileFromPc(c.billingProfile),
    relationshipToPartner: c.relationshipToPartner,
    ...(c.customDomains ? { customDomains: c.customDomains } : {}),
    purchasePermission: permissionOfPolicy(policy),
    updatedAt: '',
  };
}

export const AUDIT_RESOURCE_TYPE: Record<ResourceKind, AuditResourceType> = {
  billing: 'customer',
  company: 'customer',
  permission: 'self_serve_policy',
};

/** What Partner Center calls a write, from the resource before and after it (a policy: whether one existed). */
export function operationType(kind: ResourceKind, before: JsonObject, after: JsonObject): OperationType {
  if (kind === 'billing') return 'update_customer_billing_profile';
  if (kind === 'company') return 'update_customer_company_profile';
  const had = hasPolicy(before as PurchasePermission);
  const has = hasPolicy(after as PurchasePermission);
  return !had ? 'create_self_serve_policy' : !has ? 'delete_self_serve_policy' : 'update_self_serve_policy';
}

/** One write as the audit log holds it: its entries (one, or two for a permission turned on and off at once) and
 * the resource before and after it. */
export interface AuditedWrite {
  kind: ResourceKind;
  entries: readonly AuditEntry[];
  before: JsonObject;
  after: JsonObject;
}

/** A resource's state in an audit record, as Partner Center's JSON text; undefined where there was none. */
function auditValue(kind: ResourceKind, partnerId: string, customerId: string, resource: JsonObject) {
  // Versions and stamps of past states are not kept: the values show the fields.
  const { etag: _etag, updatedBy: _by, updatedAt: _at, ...state } = resource;
  const value =
    kind === 'billing'
      ? toPcBillingProfile(customerId, state as BillingProfile)
      : kind === 'company'
        ? { ...state, attributes: { objectType: 'CustomerCompanyProfile' } }
        : toSelfServePolicy(partnerId, customerId, state as PurchasePermission);
  return value ? JSON.stringify(value) : undefined;
}

export function toAuditRecord(partnerId: string, customerName: string, write: AuditedWrite): AuditRecord {
  const [first] = write.entries;
  return defined({
    id: first.id,
    partnerId,
    customerId: first.customerId,
    customerName,
    userPrincipalName: first.userPrincipalName,
    resourceType: AUDIT_RESOURCE_TYPE[write.kind],
    resourceOldValue: auditValue(write.kind, partnerId, first.customerId, write.before),
    resourceNewValue: auditValue(write.kind, partnerId, first.customerId, write.after),
    operationType: operationType(write.kind, write.before, write.after),
    operationDate: first.at,
    operationStatus: 'succeeded' as const,
    attributes: { objectType: 'AuditRecord' as const },
  });
}

/** Partner Center's Collection envelope; `totalCount` is the number of items in this answer, as Partner Center gives it. */
export function toCollection<T>(items: T[], self: Link, next?: { uri: string; token: string }): Collection<T> {
  return {
    totalCount: items.length,
    items,
    links: next ? { self, next: link(next.uri, 'GET', [{ key: CONTINUATION_HEADER, value: next.token }]) } : { self },
    ...(next ? { continuationToken: next.token } : {}),
    attributes: { objectType: 'Collection' },
  };
}

/** Partner Center's operation types, named as the desk's audit log names its actions. */
const OPERATION_ACTIONS: Record<OperationType, { kind: ResourceKind; action: string }> = {
  update_customer_billing_profile: { kind: 'billing', action: RESOURCES.billing.actions[0] },
  update_customer_company_profile: { kind: 'company', action: RESOURCES.company.actions[0] },
  create_self_serve_policy: { kind: 'permission', action: RESOURCES.permission.actions[0] },
  update_self_serve_policy: { kind: 'permission', action: 'Update customer purchase permission' },
  delete_self_serve_policy: { kind: 'permission', action: RESOURCES.permission.actions[1] },
};

/** A resource in an audit record (Partner Center's JSON text) as ours, without its version; {} when absent. */
function auditState(kind: ResourceKind, value: string | undefined): JsonObject {
  if (!value) return kind === 'permission' ? permissionFromPolicy([]) : {};
  let parsed: JsonObject;
  try {
    parsed = JSON.parse(value) as JsonObject;
  } catch {
    return {};
  }
  const { links: _links, attributes: _attributes, ...state } = parsed;
  if (kind === 'permission') return permissionFromPolicy((parsed as Partial<SelfServePolicy>).permissions ?? []);
  return state;
}

/** An audit record as the desk's audit entry: the action, who (the user, not a role) and the fields it changed. */
export function auditEntryFromPc(r: AuditRecord): AuditEntry {
  const { kind, action } = OPERATION_ACTIONS[r.operationType];
  return defined({
    id: r.id,
    customerId: r.customerId,
    at: r.operationDate,
    role: '',
    userPrincipalName: r.userPrincipalName,
    action,
    changes: changesBetween(auditState(kind, r.resourceOldValue), auditState(kind, r.resourceNewValue)),
  });
}
