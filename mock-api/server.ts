/**
 * The mock Partner Center API on json-server: its app (with CORS and no-cache, as its defaults) carries every request, its router
 * serves the audit log; customers come from the durable store (database.ts), which json-server's router cannot
 * serve at 100k without rewriting the whole file per write. The middlewares add host and origin checks (first of
 * all), roles, faults, bodies, concurrency.
 */
import cors from 'cors';
import type { Express, RequestHandler } from 'express';
import jsonServer from 'json-server';
import { RESOURCES } from '@/domain/resources';
import { addressRoute } from './address-route';
import { auditRoute } from './audit-route';
import type { Authority } from './authority/authority';
import { authorityRoutes } from './authority/routes';
import type { Database } from './database';
import { allowedHosts } from './middlewares/allowed-hosts';
import { allowedOrigins } from './middlewares/allowed-origins';
import { findCustomer } from './middlewares/customer';
import { answerErrors, sendError } from './middlewares/errors';
import { type FaultOptions, faults } from './middlewares/faults';
import { requireRight } from './middlewares/roles';
import { searchCustomers } from './middlewares/search';
import { resourceRoutes } from './resource-routes';
import { v1Routes } from './v1';

/** As json-server's defaults: every answer is current, never a cached copy. */
const noCache: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Expires', '-1');
  next();
};

/** Who may call: `host` is the address the API listens on; the lists are `--allow-origin` and `--allow-host`. */
export interface AccessOptions {
  host?: string;
  allowOrigins?: string[];
  allowHosts?: string[];
}

export function createApp(
  db: Database,
  faultOptions: FaultOptions,
  authority: Authority,
  access: AccessOptions = {},
): Express {
  const app = jsonServer.create() as unknown as Express;
  app.use(allowedHosts(access.host, access.allowHosts), allowedOrigins(access.allowOrigins));
  // json-server's defaults minus gzip and static files: on loopback, compressing each answer and looking for a
  // file on disk cost more than the search itself (measured at 100k: search p50 4.0 → 1.6 ms over HTTP).
  // Only allowed origins get this far, so reflecting the origin is safe. The extension reads totals and ETags,
  // so those headers are exposed to it.
  app.use(cors({ origin: true, credentials: true, exposedHeaders: ['X-Total-Count', 'Link', 'ETag'] }), noCache);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', customers: db.count, storage: db.storage });
  });
  app.use(faults(faultOptions));
  app.get('/customers', requireRight('viewCustomers'), searchCustomers(db));
  app.get('/customers/:id', requireRight('viewCustomers'), findCustomer(db), (_req, res) => {
    const i = res.locals.index as number;
    const c = db.customer(i);
    // The customer as a whole changes when any of its parts does.
    res.setHeader(
      'ETag',
      `"${[c.billingProfile.etag, c.companyProfile.etag, c.purchasePermission.etag].map((e) => String(e).replace(/"/g, '')).join('.')}"`,
    );
    res.type('json').send(db.customerJson(i));
  });
  for (const resource of Object.values(RESOURCES)) resourceRoutes(app, db, resource);
  auditRoute(app, db);
  addressRoute(app);
  v1Routes(app, db, authority);
  authorityRoutes(app, authority);
  app.use((req, res) => sendError(res, 404, 'not-found', `There is no ${req.method} ${req.path} in this API.`));
  app.use(answerErrors);
  return app;
}
