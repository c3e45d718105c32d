/**
 * The Partner Center surface: `/v1` in Partner Center's own shapes, on the same store as the desk routes. Every
 * request signs in with a bearer token from the authority; `MS-CorrelationId` is echoed and `MS-RequestId` makes
 * writes idempotent; errors come in Partner Center's body. Which error wins: 401 → 403 → 404 → 405 → 400.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import type { Authority } from '../authority/authority';
import type { Database } from '../database';
import { StorageError } from '../storage-error';
import { auditRecordRoutes } from './audit-records';
import { signedIn } from './auth';
import { Continuations } from './continuation';
import { customerRoutes } from './customers';
import { PcError, sendPcError } from './errors';
import { replay } from './handle';
import { profileRoutes } from './profiles';
import { RequestIds } from './request-ids';
import { selfServePolicyRoutes } from './self-serve-policies';

/** Partner Center's request headers, answered: the correlation id echoed, the request id echoed or made. */
const headers: RequestHandler = (req, res, next) => {
  const correlation = req.get('MS-CorrelationId');
  if (correlation) res.setHeader('MS-CorrelationId', correlation);
  res.setHeader('MS-RequestId', req.get('MS-RequestId') ?? randomUUID());
  res.append('Access-Control-Expose-Headers', 'MS-CorrelationId, MS-RequestId, WWW-Authenticate, Location, Allow');
  next();
};

export function v1Routes(app: Express, db: Database, authority: Authority): void {
  const requestIds = new RequestIds();
  const continuations = new Continuations();
  app.use('/v1', headers, signedIn(authority), replay(requestIds));
  customerRoutes(app, db, requestIds, continuations);
  profileRoutes(app, db, requestIds);
  selfServePolicyRoutes(app, db, requestIds);
  auditRecordRoutes(app, db, requestIds, continuations);
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
}
