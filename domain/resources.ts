/**
 * The customer's writable resources, listed once: the API client, the views and the mock API all read this list.
 * Each has its own path under `/customers/:id`, its field on `Customer`, the right it needs, its ETag prefix, its
 * read-only fields and its audit wording. Their zod rules are in `resource-rules.ts`, kept apart so the popup's
 * first script does not carry zod. Adding a writable resource means adding one entry here and one there.
 */
import type { Changes } from './merge-patch';
import type { Action } from './roles';
import type { BillingProfile, CompanyProfile, Customer, PurchasePermission } from './schemas';

export interface Resources {
  billing: BillingProfile;
  company: CompanyProfile;
  permission: PurchasePermission;
}
export type ResourceKind = keyof Resources;
/** The resources an agent edits in a form; the purchase permission is switched, not typed. */
export type FormKind = Exclude<ResourceKind, 'permission'>;

/** The audit entries one write appends: their action names and the changes each covers. */
type AuditParts = { action: string; changes: Changes }[];

export interface Resource<K extends ResourceKind = ResourceKind> {
  kind: K;
  /** Under `/customers/:id/`. */
  path: string;
  field: 'billingProfile' | 'companyProfile' | 'purchasePermission';
  right: Action;
  /** Starts every ETag of this resource, so an ETag of one resource is never taken for another's. */
  etagPrefix: string;
  /** May be echoed unchanged in a write; changing one is a 422. */
  readOnly: readonly string[];
  /** Whether the resource records who changed it last and when. */
  stamped: boolean;
  /** The action names its audit entries carry, as `audit` gives them. */
  actions: readonly string[];
  audit: (changes: Changes) => AuditParts;
}

const BILLING_UPDATE = 'Update billing profile';
const COMPANY_UPDATE = 'Update company profile';
const PERMISSION_ON = 'Create customer purchase permission';
const PERMISSION_OFF = 'Delete customer purchase permission';

/** Partner Center's activity log names a permission turned on "Create…" and one turned off "Delete…". */
function byDirection(changes: Changes): AuditParts {
  const on: Changes = {};
  const off: Changes = {};
  for (const [path, change] of Object.entries(changes)) {
    if (change.after) on[path] = change;
    else off[path] = change;
  }
  const parts = [
    { action: PERMISSION_ON, changes: on },
    { action: PERMISSION_OFF, changes: off },
  ];
  return parts.filter((part) => Object.keys(part.changes).length > 0);
}

export const RESOURCES: { [K in ResourceKind]: Resource<K> } = {
  billing: {
    kind: 'billing',
    path: 'profiles/billing',
    field: 'billingProfile',
    right: 'editBillingProfile',
    etagPrefix: 'b',
    readOnly: ['id', 'etag'],
    stamped: false,
    actions: [BILLING_UPDATE],
    audit: (changes) => [{ action: BILLING_UPDATE, changes }],
  },
  company: {
    kind: 'company',
    path: 'profiles/company',
    field: 'companyProfile',
    right: 'editCompanyProfile',
    etagPrefix: 'c',
    readOnly: ['tenantId', 'domain', 'etag'],
    stamped: false,
    actions: [COMPANY_UPDATE],
    audit: (changes) => [{ action: COMPANY_UPDATE, changes }],
  },
  permission: {
    kind: 'permission',
    path: 'purchasePermission',
    field: 'purchasePermission',
    right: 'editPurchasePermission',
    etagPrefix: 'p',
    readOnly: ['etag', 'updatedBy', 'updatedAt'],
    stamped: true,
    actions: [PERMISSION_ON, PERMISSION_OFF],
    audit: byDirection,
  },
};

export const RESOURCE_KINDS = Object.keys(RESOURCES) as ResourceKind[];

/** The resource an audit entry's action belongs to. */
export function kindOfAction(action: string): ResourceKind | undefined {
  return RESOURCE_KINDS.find((kind) => RESOURCES[kind].actions.includes(action));
}

/** The customer with one resource replaced (a landed write), leaving the argument as it was. */
export function withResource<K extends ResourceKind>(customer: Customer, kind: K, resource: Resources[K]): Customer {
  return { ...customer, [RESOURCES[kind].field]: resource };
}
