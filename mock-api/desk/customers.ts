/**
 * `GET /customers?q=&_page=&_limit=`: ranked search (domain/search.ts says what matches and in which order),
 * answered as customer summaries with json-server's `X-Total-Count` and `Link` headers; without `q`, every customer
 * in tie order. `GET /customers/:id`: the customer, whole.
 */
import { z } from 'zod/mini';
import { Customer, CustomerSummary } from '@/domain/schemas';
import { findCustomer } from '../middlewares/customer';
import { PAGE_HEADERS, PAGING, pageHeaders, readPage } from '../middlewares/pagination';
import { deskErrors, query } from '../openapi/replies';
import type { Route } from '../route-table';
import type { Database } from '../store';

export const customerRoutes: Route<Database>[] = [
  {
    method: 'get',
    path: '/customers',
    summary: 'Search customers',
    description:
      'Every piece of `q` must match the start of a word of the company or contact name or e-mail, or the start of the domain, e-mail or id; ranked: company name equal, starting with, a word of it starting with, then domain, contact, id (domain/search.ts). Items are summaries; `GET /customers/{id}` has the whole customer.',
    right: 'viewCustomers',
    parameters: [query('q', 'What to look for; none lists every customer.'), ...PAGING],
    responses: {
      200: { description: 'A page of customer summaries.', schema: z.array(CustomerSummary), headers: PAGE_HEADERS },
      ...deskErrors(400, 401),
    },
    handle: (db) => (req, res) => {
      const paging = readPage(req, res, ['q']);
      if (!paging) return;
      const { total, records } = db.search.search(typeof req.query.q === 'string' ? req.query.q : '', {
        offset: (paging.page - 1) * paging.limit,
        limit: paging.limit,
      });
      pageHeaders(req, res, paging, total);
      res.type('json').send(`[${Array.from(records, (i) => db.summaryJson(i)).join(',')}]`);
    },
  },
  {
    method: 'get',
    path: '/customers/:id',
    summary: 'A customer, whole',
    right: 'viewCustomers',
    responses: {
      200: { description: 'The customer.', schema: Customer, headers: { ETag: 'Changes when any part does.' } },
      ...deskErrors(401, 404),
    },
    handle: (db) => [
      findCustomer(db),
      (_req, res) => {
        const i = res.locals.index as number;
        const c = db.customer(i);
        // The customer as a whole changes when any of its parts does.
        const parts = [c.billingProfile.etag, c.companyProfile.etag, c.purchasePermission.etag];
        res.setHeader('ETag', `"${parts.map((e) => String(e).replace(/"/g, '')).join('.')}"`);
        res.type('json').send(db.customerJson(i));
      },
    ],
  },
];
