/**
 * The one write path of a customer's resource, shared by the desk routes (`/customers/:id/…`) and the Partner
 * Center surface (`/v1`), so the two can never disagree: version check, read-only fields, merge or replace, the
 * domain's zod rules, change detection, a new ETag, stamping, audit entries and one durable commit. It answers a
 * typed outcome; each surface words the failures its own way. Every check happens before anything changes.
 */
import { randomBytes } from 'node:crypto';
import { applyMergePatch, changesBetween, type JsonObject } from '@/domain/merge-patch';
import { RESOURCE_RULES } from '@/domain/resource-rules';
import type { Resource } from '@/domain/resources';
import type { RoleId } from '@/domain/roles';
import type { AuditEntry, Customer } from '@/domain/schemas';
import { issueFields } from './middlewares/errors';
import type { Database } from './store';

/** Who writes: the role decides and is recorded; a user signed in through the authority is recorded too. */
export interface Actor {
  role: RoleId;
  upn?: string;
}

export interface ResourceChange {
  /** The version the writer last read (`If-Match`, or Partner Center's `attributes.etag`). */
  etag: string | undefined;
  body: JsonObject;
  /** `put` replaces the resource, `patch` merges into it (RFC 7396). */
  method: 'put' | 'patch';
}

export type WriteOutcome =
  | { ok: true; resource: JsonObject; changed: boolean }
  | { ok: false; reason: 'etag-required' }
  | { ok: false; reason: 'stale'; current: JsonObject }
  | { ok: false; reason: 'fields'; fields: Record<string, string> };

/** A new version of `resource`: its prefix and random text, so an old ETag never matches again. */
export function freshEtag(resource: Resource): string {
  return `"${resource.etagPrefix}-${randomBytes(9).toString('base64url')}"`;
}

/** The id of the audit log's `n`-th entry (from 1): zero-padded, so sorting ids as text sorts them by time. */
export function auditId(n: number): string {
  return `a${String(n).padStart(10, '0')}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function split(value: JsonObject, keys: readonly string[]): [own: JsonObject, readOnly: JsonObject] {
  const own: JsonObject = {};
  const readOnly: JsonObject = {};
  for (const [key, v] of Object.entries(value)) (keys.includes(key) ? readOnly : own)[key] = v;
  return [own, readOnly];
}

export function writeResource(
  db: Database,
  index: number,
  resource: Resource,
  { etag, body, method }: ResourceChange,
  actor: Actor,
): WriteOutcome {
  const readOnlyKeys = resource.readOnly;
  const customer = db.customer(index);
  const current = customer[resource.field] as JsonObject;
  if (!etag) return { ok: false, reason: 'etag-required' };
  if (etag !== current.etag) return { ok: false, reason: 'stale', current };

  const fields: Record<string, string> = {};
  for (const key of readOnlyKeys)
    if (key in body && !same(body[key], current[key])) fields[key] = 'This field is read-only.';
  const [edit] = split(body, readOnlyKeys);
  const [base, readOnly] = split(current, readOnlyKeys);
  const candidate = method === 'patch' ? (applyMergePatch(base, edit) as JsonObject) : edit;
  const rules = RESOURCE_RULES[resource.kind];
  const parsed = rules.schema.safeParse({ ...candidate, ...readOnly });
  if (parsed.success) {
    for (const issue of rules.crossChecks(parsed.data as never, customer.billingProfile.defaultAddress.country))
      fields[issue.path] ??= issue.message;
  } else {
    for (const [path, message] of Object.entries(issueFields(parsed.error.issues))) fields[path] ??= message;
  }
  if (!parsed.success || Object.keys(fields).length) return { ok: false, reason: 'fields', fields };

  const [after] = split(parsed.data as JsonObject, readOnlyKeys);
  const changes = changesBetween(base, after);
  // Nothing changes: no write, no audit entry, the ETag stays (an idempotent retry stays harmless).
  if (!Object.keys(changes).length) return { ok: true, resource: current, changed: false };

  const at = new Date().toISOString();
  const updated: JsonObject = {
    ...readOnly,
    ...after,
    etag: freshEtag(resource),
  };
  if (resource.stamped) Object.assign(updated, { updatedBy: actor.role, updatedAt: at });
  const next = { ...customer, [resource.field]: updated, updatedAt: at } as Customer;
  const audit: AuditEntry[] = resource.audit(changes).map((entry, n) => ({
    id: auditId(db.auditLog.length + n + 1),
    customerId: customer.id,
    at,
    role: actor.role,
    ...(actor.upn ? { userPrincipalName: actor.upn } : {}),
    ...entry,
  }));
  db.commit(next, audit);
  return { ok: true, resource: updated, changed: true };
}
