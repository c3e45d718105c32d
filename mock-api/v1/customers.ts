/**
 * `GET /v1/customers?size=&filter=` (Partner Center's customer list and search: `starts_with` on CompanyName or
 * Domain, paged by `MS-ContinuationToken`) and `GET /v1/customers/{id}`.
 */
import type { Express } from 'express';
import { toPcCustomer, toPcCustomerSummary } from '@/domain/partner-center-mapping';
import { PAGE_SIZES } from '@/domain/partner-center-readings';
import type { Customer } from '@/domain/schemas';
import { normalizeText } from '@/domain/search';
import type { Database } from '../database';
import { needs } from './auth';
import type { Continuations } from './continuation';
import { customer, handle, methodNotAllowed } from './handle';
import { type Filter, readFilter, readQuery, readSize } from './query';
import type { RequestIds } from './request-ids';

interface Seek {
  filter?: Filter;
  size: number;
  /** Where in the search's hits the next page starts. */
  at: number;
}

const FIELDS = { CompanyName: ['starts_with'], Domain: ['starts_with'] };

function matches(c: Customer, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const text = filter.field === 'Domain' ? c.companyProfile.domain : c.companyProfile.companyName;
  return normalizeText(text).startsWith(normalizeText(filter.value));
}

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
      // The desk search finds every customer whose company name or domain starts with the value (and more): its
      // hits, in its order, are narrowed to the exact prefix matches.
      const hits = db.search.search(seek.filter?.value ?? '');
      const items: Customer[] = [];
      let at = seek.at;
      for (; at < hits.length && items.length < seek.size; at++) {
        const c = db.customer(hits[at]);
        if (matches(c, seek.filter)) items.push(c);
      }
      while (at < hits.length && !matches(db.customer(hits[at]), seek.filter)) at++;
      const rest = at < hits.length ? { ...seek, at } : undefined;
      return continuations.page(req, 'customers', seek.size, items.map(toPcCustomerSummary), rest);
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
