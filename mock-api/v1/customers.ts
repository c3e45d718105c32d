/**
 * `GET /v1/customers?size=&filter=` (Partner Center's customer list and search: `starts_with` on CompanyName or
 * Domain, paged by `MS-ContinuationToken`) and `GET /v1/customers/{id}`.
 */
import type { Express } from 'express';
import { toPcCustomer, toPcCustomerSummary } from '@/domain/partner-center-mapping';
import { PAGE_SIZES } from '@/domain/partner-center-readings';
import type { Database } from '../database';
import { needs } from './auth';
import type { Continuations } from './continuation';
import { customer, handle, methodNotAllowed } from './handle';
import { type Filter, readFilter, readQuery, readSize } from './query';
import type { RequestIds } from './request-ids';

interface Seek {
  filter?: Filter;
  size: number;
  /** Where in the answer the next page starts. */
  at: number;
}

const FIELDS = { CompanyName: ['starts_with'], Domain: ['starts_with'] };

export function customerRoutes(app: Express, db: Database, requestIds: RequestIds, continuations: Continuations) {
  app.get(
    '/v1/customers',
    needs('viewCustomers'),
    handle(requestIds, ({ req }) => {
      const query = readQuery(req, ['size', 'filter', 'seekOperation']);
      const first = {
        filter: readFilter(query.filter, FIELDS),
        size: readSize(query.size, PAGE_SIZES.customers),
        at: 0,
      };
      const seek = continuations.resume<Seek>(req, 'customers', query.seekOperation) ?? first;
      // The store's prefix search (case-insensitive, in the desk's tie order); no filter: every customer.
      const page = { offset: seek.at, limit: seek.size };
      const found = seek.filter
        ? db.search.startingWith(seek.filter.field === 'Domain' ? 'domain' : 'companyName', seek.filter.value, page)
        : db.search.search('', page);
      const items = Array.from(found.records, (i) => toPcCustomerSummary(db.summary(i)));
      const at = seek.at + items.length;
      const rest = at < found.total ? { ...seek, at } : undefined;
      return continuations.page(req, 'customers', seek.size, items, rest);
    }),
  );
  app.all('/v1/customers', needs('viewCustomers'), methodNotAllowed('GET'));
  app.get(
    '/v1/customers/:id',
    needs('viewCustomers'),
    customer(db),
    handle(requestIds, ({ index }) => ({ status: 200, body: toPcCustomer(db.customer(index)) })),
  );
  app.all('/v1/customers/:id', needs('viewCustomers'), customer(db), methodNotAllowed('GET'));
}
