/**
 * What the views need from a backend, whichever the agent connected to: the mock API's own routes (mock.ts) or
 * Partner Center's `/v1` (partner-center.ts). Both answer in our shapes (domain/schemas.ts) and fail with
 * `ApiError`, so the views, the edit sessions and their conflict handling stay the same.
 */
import type { ResourceKind, Resources } from '@/domain/resources';
import type {
  Address,
  AddressValidation,
  AuditEntry,
  BillingProfile,
  CompanyProfile,
  Customer,
} from '@/domain/schemas';

/**
 * A customer in a list of results: what Partner Center's own customer list gives, at least; the mock API's
 * summaries also name the contact.
 */
export interface CustomerHit {
  id: string;
  companyProfile: Pick<CompanyProfile, 'tenantId' | 'domain' | 'companyName'>;
  /** The mock API's summaries also carry the contact's e-mail and where the customer is (design notes, §4). */
  billingProfile?: Pick<BillingProfile, 'firstName' | 'lastName'> & {
    email?: string;
    defaultAddress?: Pick<Address, 'country' | 'city'>;
  };
}

export interface SearchPage {
  customers: CustomerHit[];
  /** All matches, where the backend counts them (Partner Center does not). */
  total: number | null;
  /** Where the next page starts, for `search` to take back; null on the last page. */
  next: unknown;
}

export interface CustomerBackend {
  /** A page of matches, best first; `from` is the previous page's `next` (null for the first). */
  search: (query: string, from: unknown, limit: number, signal?: AbortSignal) => Promise<SearchPage>;
  customer: (id: string, signal?: AbortSignal) => Promise<Customer>;
  /**
   * A JSON Merge Patch of one resource, written only if it is still at `ifMatch` (else a 412 `ApiError` with the
   * resource as it is now in `current`). Answers the resource as saved, with its new ETag.
   */
  write: <K extends ResourceKind>(id: string, kind: K, patch: object, ifMatch: string) => Promise<Resources[K]>;
  /** The customer's last changes, newest first. */
  auditLog: (id: string, limit: number, signal?: AbortSignal) => Promise<AuditEntry[]>;
  /** Checks an address before a save, where the backend can; otherwise the write itself does. */
  validateAddress?: (address: Address, signal?: AbortSignal) => Promise<AddressValidation>;
}
