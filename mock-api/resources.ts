/**
 * The three writable parts of a customer, each with its own path, right, ETag and audit wording (design §2–§4).
 * Adding a writable resource means adding one entry here.
 */

import type { Changes } from '@/domain/merge-patch';
import type { Action } from '@/domain/roles';
import { BillingProfile, CompanyProfile, type Customer, companyIssues, PurchasePermission } from '@/domain/schemas';
import type { Issue } from './middlewares/errors';

export interface ResourceKind {
  path: string;
  key: 'billingProfile' | 'companyProfile' | 'purchasePermission';
  action: Action;
  etagPrefix: string;
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: readonly Issue[] } } };
  /** Rules that need the rest of the customer. */
  crossChecks?: (resource: never, customer: Customer) => { path: string; message: string }[];
  /** Audit entries for a write: their action names and the changes each covers. */
  audit: (changes: Changes) => { action: string; changes: Changes }[];
  /** Whether the resource records who changed it and when. */
  stamped?: boolean;
}

const byDirection = (changes: Changes) => {
  const on: Changes = {};
  const off: Changes = {};
  for (const [path, change] of Object.entries(changes)) (change.after ? on : off)[path] = change;
  return [
    { action: 'Create customer purchase permission', changes: on },
    { action: 'Delete customer purchase permission', changes: off },
  ].filter((e) => Object.keys(e.changes).length);
};

export const RESOURCES: ResourceKind[] = [
  {
    path: 'profiles/billing',
    key: 'billingProfile',
    action: 'editBillingProfile',
    etagPrefix: 'b',
    schema: BillingProfile,
    audit: (changes) => [{ action: 'Update billing profile', changes }],
  },
  {
    path: 'profiles/company',
    key: 'companyProfile',
    action: 'editCompanyProfile',
    etagPrefix: 'c',
    schema: CompanyProfile,
    crossChecks: (company: CompanyProfile, customer) =>
      companyIssues(company, customer.billingProfile.defaultAddress.country),
    audit: (changes) => [{ action: 'Update company profile', changes }],
  },
  {
    path: 'purchasePermission',
    key: 'purchasePermission',
    action: 'editPurchasePermission',
    etagPrefix: 'p',
    schema: PurchasePermission,
    audit: byDirection,
    stamped: true,
  },
];
