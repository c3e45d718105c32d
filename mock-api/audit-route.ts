/**
 * `GET /customers/:id/auditLog?_page=&_limit=`: newest first, `X-Total-Count`. json-server's router serves it
 * from the in-memory audit collection; this route checks role, id and query, then hands it a query of its own.
 */

import type { Express } from 'express';
import jsonServer from 'json-server';
import type { Database } from './database';
import { findCustomer } from './middlewares/customer';
import { readPage } from './middlewares/pagination';
import { requireRight } from './middlewares/roles';

export function auditRoute(app: Express, db: Database): void {
  const router = jsonServer.router({ auditLog: db.auditLog });
  app.get('/customers/:id/auditLog', requireRight('viewAuditLog'), findCustomer(db), (req, res, next) => {
    const paging = readPage(req, res, []);
    if (!paging) return;
    // Audit ids are zero-padded sequence numbers: sorting them as text is sorting by time.
    const query = {
      customerId: String(req.params.id),
      _sort: 'id',
      _order: 'desc',
      _page: String(paging.page),
      _limit: String(paging.limit),
    };
    req.url = `/auditLog?${new URLSearchParams(query)}`;
    // json-server's Link header rewrites `_page` in the URL the client sent: make sure it has one.
    const sent = new URL(req.originalUrl, 'http://localhost');
    sent.searchParams.set('_page', String(paging.page));
    req.originalUrl = `${sent.pathname}${sent.search}`;
    Object.defineProperty(req, 'query', { value: query, configurable: true, writable: true });
    router.db.setState({ auditLog: db.auditLog }); // the store's log now (a reset or an import replaces the store)
    router(req, res, next);
  });
}
