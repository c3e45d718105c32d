import type { RequestHandler } from 'express';
import type { Database } from '../database';
import { pageHeaders, readPage } from './pagination';

/**
 * `GET /customers?q=&_page=&_limit=`: ranked search from the in-memory index (company-name prefix matches first),
 * full customers as json-server would send them; json-server's `X-Total-Count` (all matches) and `Link` headers.
 */
export function searchCustomers(db: Database): RequestHandler {
  return (req, res) => {
    const paging = readPage(req, res, ['q']);
    if (!paging) return;
    const hits = db.search.search(typeof req.query.q === 'string' ? req.query.q : '');
    const from = (paging.page - 1) * paging.limit;
    pageHeaders(req, res, paging, hits.length);
    res
      .type('json')
      .send(`[${Array.from(hits.subarray(from, from + paging.limit), (i) => db.customerJson(i)).join(',')}]`);
  };
}
