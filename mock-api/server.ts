/**
 * The mock Partner Center API on json-server: its app (with CORS and no-cache, as its defaults) carries every request, its router
 * serves the audit log and the other collections of a fixture file; customers come from the durable store
 * (store/), which json-server's router cannot serve at 100k without rewriting the whole file per write. Each
 * area's routes are one table (route-table.ts); this file mounts them and the middlewares between them in the order
 * of a request (docs/architecture.md, "The order of a request").
 */
import cors from 'cors';
import type { Express, RequestHandler } from 'express';
import jsonServer from 'json-server';
import type { TesterControl } from './admin/control';
import { FAULT_HEADER } from './admin/fault-rules';
import { mountAdmin } from './admin/routes';
import type { Authority } from './authority/authority';
import { authorityRoutes } from './authority/routes';
import { deskRoutes } from './desk';
import { healthRoutes } from './health';
import { allowedHosts } from './middlewares/allowed-hosts';
import { allowedOrigins } from './middlewares/allowed-origins';
import { answerErrors, sendError } from './middlewares/errors';
import { type FaultOptions, faults } from './middlewares/faults';
import { percentEncoding } from './middlewares/percent-encoding';
import { docsRoutes } from './openapi/docs-routes';
import { openApiDocument } from './openapi/document';
import { mountGroup } from './route-table';
import type { Database } from './store';
import { mountV1 } from './v1';

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

export interface AppOptions {
  /** The store the routes use: a LiveStore's `db` when the tester's tools may replace it. */
  db: Database;
  authority: Authority;
  faults?: FaultOptions;
  access?: AccessOptions;
  /**
   * The tester's tools: the request journal, fault rules, the other collections and (unless `admin` is false)
   * `/__admin`. Without them, the API alone.
   */
  tools?: { control: TesterControl; admin: boolean };
}

export function createApp({ db, authority, faults: faultOptions = {}, access = {}, tools }: AppOptions): Express {
  const app = jsonServer.create() as unknown as Express;
  app.use(allowedHosts(access.host, access.allowHosts), allowedOrigins(access.allowOrigins), percentEncoding);
  if (tools) app.use(tools.control.journal.recorder, tools.control.faults.preflights);
  // json-server's defaults minus gzip and static files: on loopback, compressing each answer and looking for a
  // file on disk cost more than the search itself (measured at 100k: search p50 4.0 → 1.6 ms over HTTP).
  // Only allowed origins get this far, so reflecting the origin is safe. The extension reads totals and ETags,
  // so those headers are exposed to it.
  app.use(
    cors({ origin: true, credentials: true, exposedHeaders: ['X-Total-Count', 'Link', 'ETag', FAULT_HEADER] }),
    noCache,
  );
  const collections = () => Object.keys(tools?.control.stores.collections.collections ?? {});
  mountGroup(app, docsRoutes, (req) =>
    openApiDocument({
      admin: tools?.admin ?? false,
      collections: collections(),
      origin: `${req.protocol}://${req.get('host')}`,
    }),
  );
  if (tools) {
    mountAdmin(app, tools.control, tools.admin);
    app.use(tools.control.faults.middleware);
  }
  app.use(faults(faultOptions));
  if (tools) app.use(tools.control.stores.live.gate);
  mountGroup(app, healthRoutes, db);
  mountGroup(app, deskRoutes, db);
  const v1 = mountV1(app, db, authority);
  tools?.control.onSwap(v1.forget);
  mountGroup(app, authorityRoutes, authority);
  if (tools) app.use(tools.control.stores.collections.handler);
  app.use((req, res) => sendError(res, 404, 'not-found', `There is no ${req.method} ${req.path} in this API.`));
  app.use(answerErrors);
  return app;
}
