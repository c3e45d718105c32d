/**
 * Partner Center's SelfServePolicy, which is the customer's purchase permission seen another way: a policy exists
 * while the customer may buy Azure reservations (`AzureReservedInstances`) or savings plans (`AzureSavingsPlan`);
 * creating, changing or deleting it writes the purchase permission through the desk's own write path. The policy's
 * id is `{partnerTenantId}_{customerTenantId}`, its etag the permission's.
 */
import type { RequestHandler } from 'express';
import { Collection, SelfServePolicy, SelfServePolicyInput } from '@/domain/partner-center';
import {
  parsePolicyId,
  permissionFromPolicy,
  policyId,
  toCollection,
  toSelfServePolicy,
} from '@/domain/partner-center-mapping';
import { RESOURCES } from '@/domain/resources';
import { query } from '../openapi/replies';
import { type Actor, writeResource } from '../resource-writes';
import type { Database } from '../store';
import { parseBody } from './body';
import { PcError, sendPcError } from './errors';
import type { V1Request, V1Route } from './handle';
import { BODY_TYPES, pcErrors, REQUEST_ID } from './replies';
import { versionOf, writeFailure } from './versions';

const COLLECTION = '/v1/SelfServePolicy';
const ONE = '/v1/SelfServePolicy/:id';

function indexOf(db: Database, tenantId: string) {
  const index = db.indexOf(tenantId);
  if (index === undefined) throw new PcError('tenantNotFound', `There is no customer with tenant id ${tenantId}.`);
  return index;
}

function policyOf(db: Database, tid: string, index: number) {
  const c = db.customer(index);
  return toSelfServePolicy(tid, c.id, c.purchasePermission);
}

/**
 * The customer of the `:id` policy, before the body is read (404 before 400): 404 600040 for an id not of this
 * partner's form, 600039 for no policy.
 */
function existing(db: Database, tid: string, id: string) {
  const parts = parsePolicyId(id);
  if (!parts || parts.partnerTenantId !== tid)
    throw new PcError('policyIdIncorrect', `A policy id is "${tid}_{customer tenant id}", not "${id}".`);
  const index = db.indexOf(parts.customerId);
  if (index === undefined || !policyOf(db, tid, index))
    throw new PcError('policyNotFound', `There is no self-serve policy ${id}.`);
  return index;
}

/** The `:id` policy's customer to `res.locals.index`, or its 404. */
function policy(db: Database): RequestHandler {
  return (req, res, next) => {
    try {
      res.locals.index = existing(db, res.locals.tid as string, String(req.params.id));
      next();
    } catch (error) {
      sendPcError(res, error as PcError);
    }
  };
}

function write(db: Database, index: number, etag: string | undefined, body: object, actor: Actor) {
  const outcome = writeResource(db, index, RESOURCES.permission, { etag, body: { ...body }, method: 'put' }, actor);
  if (!outcome.ok) throw writeFailure(outcome, 'self-serve policy');
}

/** The permissions a create or update sets; none is a 400 (deleting is DELETE's job). */
function permissionsOf(input: SelfServePolicyInput, tid: string) {
  if (input.grantor?.tenantID && input.grantor.tenantID !== tid)
    throw new PcError('invalidInput', `grantor.tenantID must be your own tenant, ${tid}.`);
  if (!input.permissions.length)
    throw new PcError('invalidInput', 'permissions is empty: to take every permission away, DELETE the policy.');
  return permissionFromPolicy(input.permissions);
}

/** PUT with the id in the path (the .NET SDK) or only in the body (Microsoft's request example). */
function update({ req, body, tid, actor, index }: V1Request, db: Database) {
  const input = parseBody(SelfServePolicyInput, body);
  const pathId = req.params.id ? String(req.params.id) : undefined;
  if (pathId && input.id && input.id !== pathId)
    throw new PcError('invalidInput', `The body's id ${input.id} is not the policy ${pathId} of the path.`);
  if (!pathId && !input.id)
    throw new PcError('invalidInput', 'Name the policy: PUT /v1/SelfServePolicy/{id}, or its id in the body.');
  const at = pathId ? index : existing(db, tid, String(input.id));
  const customerId = db.customer(at).id;
  if (input.selfServeEntity.tenantID !== customerId)
    throw new PcError('invalidInput', `selfServeEntity.tenantID must be the policy's customer, ${customerId}.`);
  write(db, at, versionOf(req, input.attributes?.etag), permissionsOf(input, tid), actor);
  return { status: 200, body: policyOf(db, tid, at) };
}

const updateRoute = (path: string, summary: string, find?: V1Route['find']): V1Route => ({
  method: 'put',
  path,
  summary,
  right: 'editPurchasePermission',
  find,
  parameters: [REQUEST_ID],
  body: { schema: SelfServePolicyInput, types: BODY_TYPES },
  responses: { 200: { description: 'The policy.', schema: SelfServePolicy }, ...pcErrors(400, 404, 413, 415, 507) },
  answer: (request, { db }) => update(request, db),
});

export const selfServePolicyRoutes: V1Route[] = [
  {
    method: 'get',
    path: COLLECTION,
    summary: "A customer's self-serve policies (0 or 1)",
    right: 'viewCustomers',
    parameters: [query('entity_id', "The customer's tenant id.", true)],
    responses: { 200: { description: 'The policies.', schema: Collection(SelfServePolicy) }, ...pcErrors(400, 404) },
    answer: ({ req, tid, query }, { db }) => {
      if (!query.entity_id) throw new PcError('invalidInput', 'entity_id (the customer tenant id) is required.');
      const found = policyOf(db, tid, indexOf(db, query.entity_id));
      const self = { uri: req.originalUrl, method: 'GET', headers: [] };
      return { status: 200, body: toCollection(found ? [found] : [], self) };
    },
  },
  {
    method: 'post',
    path: COLLECTION,
    summary: 'Give a customer permission to purchase',
    right: 'editPurchasePermission',
    parameters: [REQUEST_ID],
    body: { schema: SelfServePolicyInput, types: BODY_TYPES },
    responses: {
      201: { description: 'The policy.', schema: SelfServePolicy, headers: { Location: 'The policy.' } },
      ...pcErrors(400, 404, 409, 413, 415, 507),
    },
    answer: ({ body, tid, actor }, { db }) => {
      // The customer first: an unknown one is a 404 whatever else is wrong with the body.
      const named = (body.selfServeEntity ?? body.SelfServeEntity) as { tenantID?: unknown; TenantID?: unknown };
      const tenantId = named?.tenantID ?? named?.TenantID;
      if (typeof tenantId === 'string') indexOf(db, tenantId);
      const input = parseBody(SelfServePolicyInput, body);
      const index = indexOf(db, input.selfServeEntity.tenantID);
      const permissions = permissionsOf(input, tid);
      const id = policyId(tid, input.selfServeEntity.tenantID);
      if (input.id && input.id !== id) throw new PcError('invalidInput', `id must be ${id} (or left out).`);
      if (policyOf(db, tid, index)) throw new PcError('policyExists', `${id} exists; change it with PUT.`);
      write(db, index, db.customer(index).purchasePermission.etag, permissions, actor);
      return { status: 201, body: policyOf(db, tid, index), headers: { Location: `${COLLECTION}/${id}` } };
    },
  },
  updateRoute(COLLECTION, 'Change a self-serve policy (its id in the body)'),
  updateRoute(ONE, 'Change a self-serve policy', policy),
  {
    method: 'get',
    path: ONE,
    summary: 'A self-serve policy',
    right: 'viewCustomers',
    find: policy,
    responses: { 200: { description: 'The policy.', schema: SelfServePolicy }, ...pcErrors(404) },
    answer: ({ index, tid }, { db }) => ({ status: 200, body: policyOf(db, tid, index) }),
  },
  {
    method: 'delete',
    path: ONE,
    summary: 'Remove the permission to purchase',
    right: 'editPurchasePermission',
    find: policy,
    parameters: [REQUEST_ID],
    responses: { 204: { description: 'Removed.' }, ...pcErrors(400, 404, 507) },
    answer: ({ req, actor, index }, { db }) => {
      // Partner Center's delete takes no version; one sent in If-Match is still checked.
      const etag = versionOf(req, undefined) ?? db.customer(index).purchasePermission.etag;
      write(db, index, etag, { azureReservations: false, azureSavingsPlans: false }, actor);
      return { status: 204 };
    },
  },
];
