/**
 * `GET /customers/:id/auditLog?_page=&_limit=`: newest first, `X-Total-Count`. json-server's router serves it
 * from the in-memory audit collection; this route checks role, id and query, then hands it a query of its own.
 */
import type { RequestHandler } from 'express';
import jsonServer from 'json-server';
import { z } from 'zod/mini';
import { AuditEntry } from '@/domain/schemas';
import { findCustomer } from '../middlewares/customer';
import { PAGE_HEADERS, PAGING, readPage } from '../middlewares/pagination';
import { deskErrors } from '../openapi/replies';
import type { Route } from '../route-table';
import type { Database } from '../store';

function auditLogPage(db: Database): RequestHandler {
  const router = jsonServer.router({ auditLog: db.auditLog });
  return (req, res, next) => {
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
  };
}

export const auditLogRoute: Route<Database> = {
  method: 'get',
  path: '/customers/:id/auditLog',
  summary: "A customer's audit log, newest first",
  right: 'viewAuditLog',
  parameters: PAGING,
  responses: {
    200: { description: 'A page of entries.', schema: z.array(AuditEntry), headers: PAGE_HEADERS },
    ...deskErrors(400, 401, 404),
  },
  handle: (db) => [findCustomer(db), auditLogPage(db)],
};
