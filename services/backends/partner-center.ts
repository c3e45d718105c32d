/**
 * Partner Center's `/v1` behind the same `CustomerBackend` as the mock, translated both ways by
 * domain/partner-center-mapping.ts; where Partner Center works differently (search, a billing write, the purchase
 * permission as a SelfServePolicy, read-only company details) the views still see the same thing
 * (docs/architecture.md, "Two backends, one set of views").
 */
import { applyMergePatch } from '@/domain/merge-patch';
import {
  type AuditRecord,
  CONTINUATION_HEADER,
  type Collection,
  type CustomerBillingProfile,
  type CustomerSummary,
  type Link,
  PC_ERRORS,
  type PcCustomer,
  type SelfServePolicy,
} from '@/domain/partner-center';
import {
  auditEntryFromPc,
  billingProfileFromPc,
  customerFromPc,
  hasPolicy,
  permissionOfPolicy,
  toPcBillingProfile,
  toSelfServePolicy,
} from '@/domain/partner-center-mapping';
import { AUDIT_WINDOW_DAYS } from '@/domain/partner-center-readings';
import type { ResourceKind, Resources } from '@/domain/resources';
import type { BillingProfile, PurchasePermission } from '@/domain/schemas';
import { ApiError } from '../api-client';
import { t } from '../i18n';
import { pause } from '../retry';
import { signInItem } from '../sign-in/session-item';
import type { CustomerBackend, CustomerHit } from './backend';
import { localError, pcRequest } from './pc-request';

/** Partner Center is remote and counts requests: a search waits for the typing to pause. */
const SEARCH_PAUSE_MS = 250;

const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;
const policiesOf = (id: string) => `/v1/SelfServePolicy?entity_id=${encodeURIComponent(id)}`;

/** Where a search stream goes next: Partner Center's `next` link (its URI and continuation token). */
type Stream = Link | null;
interface SearchCursor {
  company: Stream;
  domain: Stream;
  /** Customers already shown: a customer found by both name and domain appears once. */
  seen: string[];
}

function firstPage(field: 'CompanyName' | 'Domain', value: string, limit: number): Link {
  const filter = JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' });
  return { uri: `/v1/customers?${new URLSearchParams({ size: String(limit), filter })}`, method: 'GET', headers: [] };
}

async function page(stream: Stream, signal?: AbortSignal): Promise<Collection<CustomerSummary> | null> {
  if (!stream) return null;
  const headers = Object.fromEntries(stream.headers.map((h) => [h.key, h.value]));
  return (await pcRequest<Collection<CustomerSummary>>(stream.uri, { headers, signal })).data;
}

const hit = (c: CustomerSummary): CustomerHit => ({
  id: c.id,
  companyProfile: {
    tenantId: c.companyProfile.tenantId,
    domain: c.companyProfile.domain,
    companyName: c.companyProfile.companyName,
  },
});

/** The next link as a stream, its continuation header kept (the SDK sends only it and `seekOperation=Next`). */
const nextOf = (collection: Collection<CustomerSummary> | null): Stream => {
  const next = collection?.links.next;
  if (!next) return null;
  return next.headers.some((h) => h.key === CONTINUATION_HEADER) ? next : null;
};

/** A 412 as the desk answers it: what the merge dialog needs, the resource as it is now. */
const conflict = (current: object) =>
  localError(412, 'etag-mismatch', t('pc.changedMeanwhile'), { current: current as Record<string, unknown> });

const isStale = (error: unknown) =>
  error instanceof ApiError && error.status === 400 && error.body?.error.code === PC_ERRORS.staleEtag.code;

async function readBilling(id: string): Promise<BillingProfile> {
  return billingProfileFromPc((await pcRequest<CustomerBillingProfile>(`${customerPath(id)}/profiles/billing`)).data);
}

async function readPolicy(id: string, signal?: AbortSignal): Promise<SelfServePolicy | null> {
  return (await pcRequest<Collection<SelfServePolicy>>(policiesOf(id), { signal })).data.items[0] ?? null;
}

async function writeBilling(id: string, patch: object, ifMatch: string): Promise<BillingProfile> {
  const current = await readBilling(id);
  if (current.etag !== ifMatch) throw conflict(current);
  const next = applyMergePatch(current, patch) as BillingProfile;
  try {
    const { data } = await pcRequest<CustomerBillingProfile>(`${customerPath(id)}/profiles/billing`, {
      method: 'PUT',
      body: toPcBillingProfile(id, { ...next, etag: ifMatch }),
      ifMatch,
    });
    return billingProfileFromPc(data);
  } catch (error) {
    // A colleague saved between the read and the write.
    if (isStale(error)) throw conflict(await readBilling(id));
    throw error;
  }
}

/** The permission switched through the customer's SelfServePolicy: none → some creates, some → none deletes. */
async function writePermission(id: string, patch: object, ifMatch: string): Promise<PurchasePermission> {
  const policy = await readPolicy(id);
  const current = permissionOfPolicy(policy);
  if ((current.etag ?? '') !== ifMatch) throw conflict(current);
  const wanted = { ...current, ...(patch as Partial<PurchasePermission>) };
  try {
    if (!hasPolicy(wanted)) {
      if (policy)
        await pcRequest(`/v1/SelfServePolicy/${encodeURIComponent(policy.id)}`, { method: 'DELETE', ifMatch });
      return permissionOfPolicy(null);
    }
    const partner = policy?.grantor.tenantID ?? (await signInItem.getValue()).account?.tenantId ?? '';
    const body = toSelfServePolicy(partner, id, wanted)!;
    const { data } = policy
      ? await pcRequest<SelfServePolicy>(`/v1/SelfServePolicy/${encodeURIComponent(policy.id)}`, {
          method: 'PUT',
          body,
          ifMatch,
        })
      : await pcRequest<SelfServePolicy>('/v1/SelfServePolicy', { method: 'POST', body });
    return permissionOfPolicy(data);
  } catch (error) {
    // Stale, or a colleague created the policy first (409): show the permission as it is now.
    const created = error instanceof ApiError && error.body?.error.code === PC_ERRORS.policyExists.code;
    if (isStale(error) || created) throw conflict(permissionOfPolicy(await readPolicy(id)));
    throw error;
  }
}

/** `yyyy-mm-dd`, `days` before today (UTC), as the audit log's `startDate` takes it. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export const partnerCenterBackend: CustomerBackend = {
  async search(query, from, limit, signal) {
    let cursor = from as SearchCursor | null;
    if (!cursor) {
      await pause(SEARCH_PAUSE_MS, signal);
      // A domain has no spaces: a query with one is a company name only.
      const domain = /\s/.test(query) ? null : firstPage('Domain', query, limit);
      cursor = { company: firstPage('CompanyName', query, limit), domain, seen: [] };
    }
    const [byName, byDomain] = await Promise.all([page(cursor.company, signal), page(cursor.domain, signal)]);
    const seen = new Set(cursor.seen);
    const customers: CustomerHit[] = [];
    for (const c of [...(byName?.items ?? []), ...(byDomain?.items ?? [])]) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      customers.push(hit(c));
    }
    const company = nextOf(byName);
    const domain = nextOf(byDomain);
    return { customers, total: null, next: company || domain ? { company, domain, seen: [...seen] } : null };
  },

  async customer(id, signal) {
    const [customer, policy] = await Promise.all([
      pcRequest<PcCustomer>(customerPath(id), { signal }),
      readPolicy(id, signal),
    ]);
    return customerFromPc(customer.data, policy);
  },

  write<K extends ResourceKind>(id: string, kind: K, patch: object, ifMatch: string): Promise<Resources[K]> {
    const written =
      kind === 'billing'
        ? writeBilling(id, patch, ifMatch)
        : kind === 'permission'
          ? writePermission(id, patch, ifMatch)
          : Promise.reject(localError(405, 'read-only', t('pc.companyReadOnly')));
    return written as Promise<Resources[K]>;
  },

  async auditLog(id, limit, signal) {
    const params = new URLSearchParams({
      // The oldest day Partner Center keeps: today and the days before it, 90 in all.
      startDate: daysAgo(AUDIT_WINDOW_DAYS - 1),
      filter: JSON.stringify({ Field: 'CustomerId', Value: id, Operator: 'equals' }),
      size: String(limit),
    });
    const { data } = await pcRequest<Collection<AuditRecord>>(`/v1/auditrecords?${params}`, { signal });
    return data.items.slice(0, limit).map(auditEntryFromPc);
  },
};
