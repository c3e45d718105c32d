/**
 * Partner Center's SelfServePolicy, which is the customer's purchase permission seen another way: a policy exists
 * while the customer may buy Azure reservations (`AzureReservedInstances`) or savings plans (`AzureSavingsPlan`);
 * creating, changing or deleting it writes the purchase permission through the desk's own write path. The policy's
 * id is `{partnerTenantId}_{customerTenantId}`, its etag the permission's.
 */
import type { Express, Request, RequestHandler } from 'express';
import { SelfServePolicyInput } from '@/domain/partner-center';
import {
  parsePolicyId,
  permissionFromPolicy,
  policyId,
  toCollection,
  toSelfServePolicy,
} from '@/domain/partner-center-mapping';
import { RESOURCES } from '@/domain/resources';
import type { Database } from '../database';
import { type Actor, writeResource } from '../resource-writes';
import { needs } from './auth';
import { parseBody } from './body';
import { PcError, sendPcError } from './errors';
import { handle, methodNotAllowed } from './handle';
import { readQuery } from './query';
import type { RequestIds } from './request-ids';
import { versionOf, writeFailure } from './versions';

const COLLECTION = '/v1/SelfServePolicy';
const ONE = '/v1/SelfServePolicy/:id';

export function selfServePolicyRoutes(app: Express, db: Database, requestIds: RequestIds) {
  const indexOf = (tenantId: string) => {
    const index = db.indexOf(tenantId);
    if (index === undefined) throw new PcError('tenantNotFound', `There is no customer with tenant id ${tenantId}.`);
    return index;
  };
  const policyOf = (tid: string, index: number) => {
    const c = db.customer(index);
    return toSelfServePolicy(tid, c.id, c.purchasePermission);
  };
  /**
   * The customer of the `:id` policy, before the body is read (404 before 400): 404 600040 for an id not of this
   * partner's form, 600039 for no policy.
   */
  const existing = (tid: string, id: string) => {
    const parts = parsePolicyId(id);
    if (!parts || parts.partnerTenantId !== tid)
      throw new PcError('policyIdIncorrect', `A policy id is "${tid}_{customer tenant id}", not "${id}".`);
    const index = db.indexOf(parts.customerId);
    if (index === undefined || !policyOf(tid, index))
      throw new PcError('policyNotFound', `There is no self-serve policy ${id}.`);
    return index;
  };
  const policy: RequestHandler = (req, res, next) => {
    try {
      res.locals.index = existing(res.locals.tid as string, String(req.params.id));
      next();
    } catch (error) {
      sendPcError(res, error as PcError);
    }
  };
  const write = (index: number, etag: string | undefined, body: object, actor: Actor) => {
    const outcome = writeResource(db, index, RESOURCES.permission, { etag, body: { ...body }, method: 'put' }, actor);
    if (!outcome.ok) throw writeFailure(outcome, 'self-serve policy');
  };
  /** The permissions a create or update sets; none is a 400 (deleting is DELETE's job). */
  const permissionsOf = (input: SelfServePolicyInput, tid: string) => {
    if (input.grantor?.tenantID && input.grantor.tenantID !== tid)
      throw new PcError('invalidInput', `grantor.tenantID must be your own tenant, ${tid}.`);
    if (!input.permissions.length)
      throw new PcError('invalidInput', 'permissions is empty: to take every permission away, DELETE the policy.');
    return permissionFromPolicy(input.permissions);
  };

  app.get(
    COLLECTION,
    needs('viewCustomers'),
    handle(requestIds, ({ req, tid }) => {
      const entity = readQuery(req, ['entity_id']).entity_id;
      if (!entity) throw new PcError('invalidInput', 'entity_id (the customer tenant id) is required.');
      const policy = policyOf(tid, indexOf(entity));
      const self = { uri: req.originalUrl, method: 'GET', headers: [] };
      return { status: 200, body: toCollection(policy ? [policy] : [], self) };
    }),
  );
  app.get(
    ONE,
    needs('viewCustomers'),
    policy,
    handle(requestIds, ({ index, tid }) => ({ status: 200, body: policyOf(tid, index) })),
  );

  app.post(
    COLLECTION,
    needs('editPurchasePermission'),
    handle(
      requestIds,
      ({ body, tid, actor }) => {
        // The customer first: an unknown one is a 404 whatever else is wrong with the body.
        const named = (body.selfServeEntity ?? body.SelfServeEntity) as { tenantID?: unknown; TenantID?: unknown };
        const tenantId = named?.tenantID ?? named?.TenantID;
        if (typeof tenantId === 'string') indexOf(tenantId);
        const input = parseBody(SelfServePolicyInput, body);
        const index = indexOf(input.selfServeEntity.tenantID);
        const permissions = permissionsOf(input, tid);
        const id = policyId(tid, input.selfServeEntity.tenantID);
        if (input.id && input.id !== id) throw new PcError('invalidInput', `id must be ${id} (or left out).`);
        if (policyOf(tid, index)) throw new PcError('policyExists', `${id} exists; change it with PUT.`);
        write(index, db.customer(index).purchasePermission.etag, permissions, actor);
        return { status: 201, body: policyOf(tid, index), headers: { Location: `${COLLECTION}/${id}` } };
      },
      { body: true },
    ),
  );

  /** PUT with the id in the path (the .NET SDK) or only in the body (Microsoft's request example). */
  const update = (req: Request, body: object, tid: string, actor: Actor, pathIndex?: number) => {
    const input = parseBody(SelfServePolicyInput, body);
    const pathId = req.params.id ? String(req.params.id) : undefined;
    if (pathId && input.id && input.id !== pathId)
      throw new PcError('invalidInput', `The body's id ${input.id} is not the policy ${pathId} of the path.`);
    if (!pathId && !input.id)
      throw new PcError('invalidInput', 'Name the policy: PUT /v1/SelfServePolicy/{id}, or its id in the body.');
    const index = pathIndex ?? existing(tid, String(input.id));
    const customerId = db.customer(index).id;
    if (input.selfServeEntity.tenantID !== customerId)
      throw new PcError('invalidInput', `selfServeEntity.tenantID must be the policy's customer, ${customerId}.`);
    write(index, versionOf(req, input.attributes?.etag), permissionsOf(input, tid), actor);
    return { status: 200, body: policyOf(tid, index) };
  };
  app.put(
    COLLECTION,
    needs('editPurchasePermission'),
    handle(requestIds, ({ req, body, tid, actor }) => update(req, body, tid, actor), { body: true }),
  );
  app.put(
    ONE,
    needs('editPurchasePermission'),
    policy,
    handle(requestIds, ({ req, body, tid, actor, index }) => update(req, body, tid, actor, index), { body: true }),
  );

  app.delete(
    ONE,
    needs('editPurchasePermission'),
    policy,
    handle(requestIds, ({ req, actor, index }) => {
      // Partner Center's delete takes no version; one sent in If-Match is still checked.
      const etag = versionOf(req, undefined) ?? db.customer(index).purchasePermission.etag;
      write(index, etag, { azureReservations: false, azureSavingsPlans: false }, actor);
      return { status: 204 };
    }),
  );

  app.all(COLLECTION, needs('viewCustomers'), methodNotAllowed('GET, POST, PUT'));
  app.all(ONE, needs('viewCustomers'), policy, methodNotAllowed('GET, PUT, DELETE'));
}
