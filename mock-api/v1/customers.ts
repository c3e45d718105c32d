/**
 * `GET /v1/customers?size=&filter=` (Partner Center's customer list and search: `starts_with` on CompanyName or
 * Domain, paged by `MS-ContinuationToken`) and `GET /v1/customers/{id}`.
 */
import { Collection, PcCustomer, CustomerSummary as PcCustomerSummary } from '@/domain/partner-center';
import { toPcCustomer, toPcCustomerSummary } from '@/domain/partner-center-mapping';
import { PAGE_SIZES } from '@/domain/partner-center-readings';
import { query } from '../openapi/replies';
import { customer, type V1Route } from './handle';
import { type Filter, readFilter, readSize } from './query';
import { PAGING, PC_HEADERS, pcErrors } from './replies';

interface Seek {
  filter?: Filter;
  size: number;
  /** Where in the answer the next page starts. */
  at: number;
}

const FIELDS = { CompanyName: ['starts_with'], Domain: ['starts_with'] };

export const customerRoutes: V1Route[] = [
  {
    method: 'get',
    path: '/v1/customers',
    summary: 'List or search customers',
    right: 'viewCustomers',
    parameters: [
      PAGING.size,
      query('filter', 'URL-encoded JSON `{"Field":"CompanyName"|"Domain","Value","Operator":"starts_with"}`.'),
      PAGING.seekOperation,
      PAGING.continuation,
    ],
    responses: {
      200: { description: 'A page.', schema: Collection(PcCustomerSummary), headers: PC_HEADERS },
      ...pcErrors(400),
    },
    answer: ({ req, query }, { db, continuations }) => {
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
    },
  },
  {
    method: 'get',
    path: '/v1/customers/:id',
    summary: 'A customer',
    right: 'viewCustomers',
    find: customer,
    responses: { 200: { description: 'The customer.', schema: PcCustomer }, ...pcErrors(404) },
    answer: ({ index }, { db }) => ({ status: 200, body: toPcCustomer(db.customer(index)) }),
  },
];
