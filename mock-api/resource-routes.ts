/**
 * `GET|PUT|PATCH /customers/:id/<resource>`: reads carry the resource's ETag; writes go role → id → body →
 * If-Match (428/412) → validation (422) → one durable commit with its audit entries. Every check happens
 * before anything changes, so a rejected request changes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Express, RequestHandler } from 'express';
import { applyMergePatch, changedPaths, type JsonObject } from '@/domain/merge-patch';
import { type AuditEntry, type Customer, READ_ONLY_FIELDS } from '@/domain/schemas';
import type { Database } from './database';
import { findCustomer } from './middlewares/customer';
import { issueFields, sendError, sendValidationError } from './middlewares/errors';
import { jsonBody } from './middlewares/json-body';
import { requireRight } from './middlewares/roles';
import type { ResourceKind } from './resources';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function split(value: JsonObject, keys: readonly string[]): [own: JsonObject, readOnly: JsonObject] {
  const own: JsonObject = {};
  const readOnly: JsonObject = {};
  for (const [key, v] of Object.entries(value)) (keys.includes(key) ? readOnly : own)[key] = v;
  return [own, readOnly];
}

function write(db: Database, kind: ResourceKind, method: 'put' | 'patch'): RequestHandler {
  const readOnlyKeys = READ_ONLY_FIELDS[kind.key];
  return (req, res) => {
    const customer = db.customer(res.locals.index as number);
    const current = customer[kind.key] as JsonObject;
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
    const parsed = kind.schema.safeParse({ ...candidate, ...readOnly });
    if (parsed.success) {
      for (const issue of kind.crossChecks?.(parsed.data as never, customer) ?? [])
        fields[issue.path] ??= issue.message;
    } else {
      for (const [path, message] of Object.entries(issueFields(parsed.error!.issues))) fields[path] ??= message;
    }
    if (Object.keys(fields).length) return sendValidationError(res, fields);

    const [after] = split(parsed.data as JsonObject, readOnlyKeys);
    const changes = changedPaths(base, after);
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
      etag: `"${kind.etagPrefix}-${randomBytes(9).toString('base64url')}"`,
    };
    if (kind.stamped) Object.assign(updated, { updatedBy: role, updatedAt: at });
    const next = { ...customer, [kind.key]: updated, updatedAt: at } as Customer;
    const audit: AuditEntry[] = kind.audit(changes).map((entry, n) => ({
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

export function resourceRoutes(app: Express, db: Database, kind: ResourceKind): void {
  const path = `/customers/:id/${kind.path}`;
  app.get(path, requireRight('viewCustomers'), findCustomer(db), (_req, res) => {
    const resource = db.customer(res.locals.index as number)[kind.key];
    res.setHeader('ETag', resource.etag ?? '');
    res.json(resource);
  });
  app.put(path, requireRight(kind.action), findCustomer(db), jsonBody(), write(db, kind, 'put'));
  app.patch(
    path,
    requireRight(kind.action),
    findCustomer(db),
    jsonBody(['application/json', 'application/merge-patch+json']),
    write(db, kind, 'patch'),
  );
}
