/**
 * `GET|PUT|PATCH /customers/:id/<resource>`: reads carry the resource's ETag; writes go role → id → body →
 * If-Match (428/412) → validation (422) → one durable commit with its audit entries, through the write path
 * shared with `/v1` (resource-writes.ts). A rejected request changes nothing.
 */
import type { RequestHandler } from 'express';
import { RESOURCE_RULES } from '@/domain/resource-rules';
import { RESOURCE_KINDS, RESOURCES, type Resource } from '@/domain/resources';
import { findCustomer } from '../middlewares/customer';
import { sendError, sendValidationError } from '../middlewares/errors';
import { jsonBody } from '../middlewares/json-body';
import { anyObject, deskErrors, ETAG } from '../openapi/replies';
import { writeResource } from '../resource-writes';
import type { Route } from '../route-table';
import type { Database } from '../store';

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

const MERGE_PATCH_TYPES = ['application/json', 'application/merge-patch+json'];
const IF_MATCH = {
  name: 'If-Match',
  in: 'header',
  required: true,
  description: 'The ETag of your last read.',
} as const;
const WRITE_ERRORS = deskErrors(400, 401, 404, 412, 413, 415, 422, 428, 507);

export const resourceRoutes = RESOURCE_KINDS.flatMap((kind): Route<Database>[] => {
  const resource = RESOURCES[kind];
  const path = `/customers/:id/${resource.path}`;
  const schema = RESOURCE_RULES[kind].schema;
  const name = resource.field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  const written = { 200: { description: `The ${name} as saved.`, schema, headers: ETAG } };
  return [
    {
      method: 'get',
      path,
      summary: `Read the ${name}`,
      right: 'viewCustomers',
      responses: { 200: { description: `The ${name}.`, schema, headers: ETAG }, ...deskErrors(401, 404) },
      handle: (db) => [
        findCustomer(db),
        (_req, res) => {
          const current = db.customer(res.locals.index as number)[resource.field];
          res.setHeader('ETag', current.etag ?? '');
          res.json(current);
        },
      ],
    },
    {
      method: 'put',
      path,
      summary: `Replace the ${name}`,
      description: `Needs the ${resource.right} right and If-Match. Read-only fields (${resource.readOnly.join(', ')}) may be sent unchanged.`,
      right: resource.right,
      parameters: [IF_MATCH],
      body: { schema },
      responses: { ...written, ...WRITE_ERRORS },
      handle: (db) => [findCustomer(db), jsonBody(), write(db, resource, 'put')],
    },
    {
      method: 'patch',
      path,
      summary: `Change the ${name} (JSON Merge Patch)`,
      description: 'RFC 7396: nested objects merge, `null` removes an optional field.',
      right: resource.right,
      parameters: [IF_MATCH],
      body: { schema: anyObject, types: MERGE_PATCH_TYPES },
      responses: { ...written, ...WRITE_ERRORS },
      handle: (db) => [findCustomer(db), jsonBody(MERGE_PATCH_TYPES), write(db, resource, 'patch')],
    },
  ];
});
