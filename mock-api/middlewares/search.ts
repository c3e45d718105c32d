import type { RequestHandler } from 'express';
import type { Database } from '../database';
import { pageHeaders, readPage } from './pagination';

/**
 * `GET /customers?q=&_page=&_limit=`: ranked search (domain/search.ts says what matches and in which order),
 * answered as customer summaries; json-server's `X-Total-Count` (all matches) and `Link` headers. Without `q`, every
 * customer in tie order.
 */
export function searchCustomers(db: Database): RequestHandler {
  return (req, res) => {
    const paging = readPage(req, res, ['q']);
    if (!paging) return;
    const { total, records } = db.search.search(typeof req.query.q === 'string' ? req.query.q : '', {
      offset: (paging.page - 1) * paging.limit,
      limit: paging.limit,
    });
    pageHeaders(req, res, paging, total);
    res.type('json').send(`[${Array.from(records, (i) => db.summaryJson(i)).join(',')}]`);
  };
}
