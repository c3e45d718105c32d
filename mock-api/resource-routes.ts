/**
 * `GET|PUT|PATCH /customers/:id/<resource>`: reads carry the resource's ETag; writes go role → id → body →
 * If-Match (428/412) → validation (422) → one durable commit with its audit entries, through the write path
 * shared with `/v1` (resource-writes.ts). A rejected request changes nothing.
 */
import type { Express, RequestHandler } from 'express';
import type { Resource } from '@/domain/resources';
import type { Database } from './database';
import { findCustomer } from './middlewares/customer';
import { sendError, sendValidationError } from './middlewares/errors';
import { jsonBody } from './middlewares/json-body';
import { requireRight } from './middlewares/roles';
import { writeResource } from './resource-writes';

function write(db: Database, resource: Resource, method: 'put' | 'patch'): RequestHandler {
  return (req, res) => {
    const outcome = writeResource(
      db,
      res.locals.index as number,
      resource,
      { etag: req.get('If-Match'), body: res.locals.body, method },
      { role: res.locals.role },
    );
    if (outcome.ok) {
      res.setHeader('ETag', String(outcome.resource.etag));
      return res.json(outcome.resource);
    }
    switch (outcome.reason) {
      case 'etag-required':
        return sendError(
          res,
          428,
          'precondition-required',
          "Send If-Match with the ETag from your last read of this resource, so a colleague's change is never overwritten.",
        );
      case 'stale':
        res.setHeader('ETag', String(outcome.current.etag));
        return sendError(
          res,
          412,
          'etag-mismatch',
          'Someone changed this since you read it. "current" holds it as it is now; merge and send again with its ETag.',
          { current: outcome.current },
        );
      case 'fields':
        return sendValidationError(res, outcome.fields);
    }
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
