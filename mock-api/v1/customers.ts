/**
 * `GET /v1/customers?size=&filter=` (Partner Center's customer list and search: `starts_with` on CompanyName,
 * Domain or IndirectReseller, paged by `MS-ContinuationToken`) and `GET /v1/customers/{id}`.
 */
import { Collection, PcCustomer, CustomerSummary as PcCustomerSummary } from '@/domain/partner-center';
import { toPcCustomer, toPcCustomerSummary } from '@/domain/partner-center-mapping';
import { PAGE_SIZES } from '@/domain/partner-center-readings';
import type { Customer } from '@/domain/schemas';
import { query } from '../openapi/replies';
import type { Database } from '../store';
import { customer, type V1Route } from './handle';
import { type Filter, readFilter, readSize } from './query';
import { PAGING, PC_HEADERS, pcErrors } from './replies';

interface Seek {
  filter?: Filter;
  size: number;
  /** Where in the answer the next page starts. */
  at: number;
}

const FIELDS = { CompanyName: ['starts_with'], Domain: ['starts_with'], IndirectReseller: ['starts_with'] };

/**
 * The customers sold through an indirect reseller whose tenant id starts with `prefix` (case ignored), in the order
 * the store keeps them: a pass over the customers' text, parsing only those that name a reseller at all, and ending
 * one match past the page (`total` then says only whether there are more, which is all paging needs).
 */
function ofIndirectReseller(db: Database, prefix: string, { offset, limit }: { offset: number; limit: number }) {
  const wanted = prefix.trim().toLowerCase();
  const records: number[] = [];
  for (let i = 0; i < db.count && records.length <= offset + limit; i++) {
    const json = db.customerJsonOnce(i);
    if (!json.includes('"indirectResellerId"')) continue;
    const id = (JSON.parse(json) as Customer).indirectResellerId;
    if (id?.toLowerCase().startsWith(wanted)) records.push(i);
  }
  return { records: records.slice(offset, offset + limit), total: records.length };
}

export const customerRoutes: V1Route[] = [
  {
    method: 'get',
    path: '/v1/customers',
    summary: 'List or search customers',
    right: 'viewCustomers',
    appCredentials: true,
    parameters: [
      PAGING.size,
      query(
        'filter',
        'URL-encoded JSON `{"Field":"CompanyName"|"Domain"|"IndirectReseller","Value","Operator":"starts_with"}` (IndirectReseller: the reseller\'s tenant id).',
      ),
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
      const field = seek.filter?.field;
      const found = !seek.filter
        ? db.search.search('', page)
        : field === 'IndirectReseller'
          ? ofIndirectReseller(db, seek.filter.value, page)
          : db.search.startingWith(field === 'Domain' ? 'domain' : 'companyName', seek.filter.value, page);
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
    appCredentials: true,
    find: customer,
    responses: { 200: { description: 'The customer.', schema: PcCustomer }, ...pcErrors(404) },
    answer: ({ index }, { db }) => ({ status: 200, body: toPcCustomer(db.customer(index)) }),
  },
];
