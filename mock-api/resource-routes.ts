/**
 * `GET|PUT|PATCH /customers/:id/<resource>`: reads carry the resource's ETag; writes go role → id → body →
 * If-Match (428/412) → validation (422) → one durable commit with its audit entries. Every check happens
 * before anything changes, so a rejected request changes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Express, RequestHandler } from 'express';
import { applyMergePatch, changesBetween, type JsonObject } from '@/domain/merge-patch';
import { RESOURCE_RULES } from '@/domain/resource-rules';
import type { Resource } from '@/domain/resources';
import type { AuditEntry, Customer } from '@/domain/schemas';
import type { Database } from './database';
import { findCustomer } from './middlewares/customer';
import { issueFields, sendError, sendValidationError } from './middlewares/errors';
import { jsonBody } from './middlewares/json-body';
import { requireRight } from './middlewares/roles';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function split(value: JsonObject, keys: readonly string[]): [own: JsonObject, readOnly: JsonObject] {
  const own: JsonObject = {};
  const readOnly: JsonObject = {};
  for (const [key, v] of Object.entries(value)) (keys.includes(key) ? readOnly : own)[key] = v;
  return [own, readOnly];
}

function write(db: Database, resource: Resource, method: 'put' | 'patch'): RequestHandler {
  const readOnlyKeys = resource.readOnly;
  const rules = RESOURCE_RULES[resource.kind];
  return (req, res) => {
    const customer = db.customer(res.locals.index as number);
    const current = customer[resource.field] as JsonObject;
    const ifMatch = req.get('If-Match');
    if (!ifMatch) {
      return sendError(
        res,
        428,
        'precondition-required',
        "Send If-Match with the ETag from your last read of this resource, so a colleague's change is never overwritten.",
      );
    }
    if (ifMatch !== current.etag) {
      res.setHeader('ETag', String(current.etag));
      return sendError(
        res,
        412,
        'etag-mismatch',
        'Someone changed this since you read it. "current" holds it as it is now; merge and send again with its ETag.',
        { current },
      );
    }

    const body = res.locals.body as JsonObject;
    const fields: Record<string, string> = {};
    for (const key of readOnlyKeys)
      if (key in body && !same(body[key], current[key])) fields[key] = 'This field is read-only.';
    const [edit] = split(body, readOnlyKeys);
    const [base, readOnly] = split(current, readOnlyKeys);
    const candidate = method === 'patch' ? (applyMergePatch(base, edit) as JsonObject) : edit;
    const parsed = rules.schema.safeParse({ ...candidate, ...readOnly });
    if (parsed.success) {
      for (const issue of rules.crossChecks(parsed.data as never, customer.billingProfile.defaultAddress.country))
        fields[issue.path] ??= issue.message;
    } else {
      for (const [path, message] of Object.entries(issueFields(parsed.error.issues))) fields[path] ??= message;
    }
    if (!parsed.success || Object.keys(fields).length) return sendValidationError(res, fields);

    const [after] = split(parsed.data as JsonObject, readOnlyKeys);
    const changes = changesBetween(base, after);
    if (!Object.keys(changes).length) {
      // Nothing changes: no write, no audit entry, the ETag stays (an idempotent retry stays harmless).
      res.setHeader('ETag', String(current.etag));
      return res.json(current);
    }
    const at = new Date().toISOString();
    const role = res.locals.role as string;
    const updated: JsonObject = {
      ...readOnly,
      ...after,
      etag: `"${resource.etagPrefix}-${randomBytes(9).toString('base64url')}"`,
    };
    if (resource.stamped) Object.assign(updated, { updatedBy: role, updatedAt: at });
    const next = { ...customer, [resource.field]: updated, updatedAt: at } as Customer;
    const audit: AuditEntry[] = resource.audit(changes).map((entry, n) => ({
      id: `a${String(db.auditLog.length + n + 1).padStart(10, '0')}`,
      customerId: customer.id,
      at,
      role,
      ...entry,
    }));
    db.commit(next, audit);
    res.setHeader('ETag', String(updated.etag));
    res.json(updated);
  };
}

export function resourceRoutes(app: Express, db: Database, resource: Resource): void {
  const path = `/customers/:id/${resource.path}`;
  app.get(path, requireRight('viewCustomers'), findCustomer(db), (_req, res) => {
    const current = db.customer(res.locals.index as number)[resource.field];
    res.setHeader('ETag', current.etag ?? '');
    res.json(current);
  });
  app.put(path, requireRight(resource.right), findCustomer(db), jsonBody(), write(db, resource, 'put'));
  app.patch(
    path,
    requireRight(resource.right),
    findCustomer(db),
    jsonBody(['application/json', 'application/merge-patch+json']),
    write(db, resource, 'patch'),
  );
}
