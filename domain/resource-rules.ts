/**
 * The zod rules of each writable resource (domain/resources.ts lists them), used by the mock API on every write and
 * by the forms before sending. Some rules need more than the resource: the registration number depends on the
 * country of the billing address.
 */
import type { z } from 'zod/mini';
import type { ResourceKind, Resources } from './resources';
import { BillingProfile, CompanyProfile, companyIssues, PurchasePermission } from './schemas';

/** A rule broken, by field path, with the catalogue key the UI translates it with. */
interface CrossIssue {
  path: string;
  key: string;
  message: string;
}

export interface ResourceRules<K extends ResourceKind> {
  schema: z.ZodMiniType<Resources[K]>;
  /** Rules that need more than the resource: the customer's country (from the billing address). */
  crossChecks: (resource: Resources[K], country: string) => CrossIssue[];
}

const none = () => [];

export const RESOURCE_RULES: { [K in ResourceKind]: ResourceRules<K> } = {
  billing: { schema: BillingProfile, crossChecks: none },
  company: {
    schema: CompanyProfile,
    crossChecks: companyIssues,
  },
  permission: { schema: PurchasePermission, crossChecks: none },
};
