/**
 * The Partner Center surface: `/v1` in Partner Center's own shapes, on the same store as the desk routes. Every
 * request signs in with a bearer token from the authority; `MS-CorrelationId` is echoed and `MS-RequestId` makes
 * writes idempotent; errors come in Partner Center's body. Which error wins: 401 → 403 → 404 → 405 → 400.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import type { Authority } from '../authority/authority';
import type { OperationGroup } from '../openapi/operation';
import { type Database, StorageError } from '../store';
import { auditRecordsRoute } from './audit-records';
import { needs, signedIn } from './auth';
import { Continuations } from './continuation';
import { customerRoutes } from './customers';
import { PcError, sendPcError } from './errors';
import { handle, methodNotAllowed, replay, type V1Route } from './handle';
import { profileRoutes } from './profiles';
import { RequestIds } from './request-ids';
import { selfServePolicyRoutes } from './self-serve-policies';

export const v1Routes: OperationGroup<V1Route> = {
  tag: 'Partner Center (/v1)',
  auth: 'bearer',
  routes: [...customerRoutes, ...profileRoutes, ...selfServePolicyRoutes, auditRecordsRoute],
};

/** Partner Center's request headers, answered: the correlation id echoed, the request id echoed or made. */
const headers: RequestHandler = (req, res, next) => {
  const correlation = req.get('MS-CorrelationId');
  if (correlation) res.setHeader('MS-CorrelationId', correlation);
  res.setHeader('MS-RequestId', req.get('MS-RequestId') ?? randomUUID());
  res.append('Access-Control-Expose-Headers', 'MS-CorrelationId, MS-RequestId, WWW-Authenticate, Location, Allow');
  next();
};

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

/** The checks before a route's answer: the role (403), then the path's customer or policy (404). */
const checks = (route: V1Route, db: Database) => [needs(route), ...(route.find ? [route.find(db)] : [])];

/** Adds the `/v1` routes; answers what forgets the remembered `MS-RequestId` answers (after a reset or an import). */
export function mountV1(app: Express, db: Database, authority: Authority): { forget: () => void } {
  const ctx = { db, requestIds: new RequestIds(), continuations: new Continuations() };
  app.use('/v1', headers, signedIn(authority), replay(ctx.requestIds));
  const paths = new Map<string, V1Route[]>();
  for (const route of v1Routes.routes) {
    app[route.method](route.path, ...checks(route, db), handle(route, ctx));
    paths.set(route.path, [...(paths.get(route.path) ?? []), route]);
  }
  // The methods a path lacks: 405 with Allow, after the checks of the path's GET.
  for (const [path, routes] of paths) {
    const read = routes.find((r) => r.method === 'get');
    if (!read || read.otherMethods === 'not-found') continue;
    const allow = METHOD_ORDER.filter((m) => routes.some((r) => r.method === m)).map((m) => m.toUpperCase());
    app.all(path, ...checks(read, db), methodNotAllowed(allow.join(', ')));
  }
  app.use('/v1', (req, res) =>
    sendPcError(res, new PcError('notFound', `There is no ${req.method} ${req.path} in /v1.`)),
  );
  // A write the disk refused changed nothing: 507/503 as on the desk routes, in Partner Center's body.
  app.use('/v1', ((error, _req, res, _next) =>
    sendPcError(
      res,
      error instanceof StorageError
        ? new PcError(error.state === 'full' ? 'storageFull' : 'storageError', error.message)
        : new PcError('unexpected', `The request failed: ${(error as Error).message}`),
    )) as ErrorRequestHandler);
  return { forget: () => ctx.requestIds.clear() };
}
