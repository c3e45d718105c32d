/** Every customer of a running mock API as the list shows them (summaries), through its public list endpoint. */
import type { CustomerSummary } from '@/domain/schemas';
import { MAX_PAGE_SIZE } from '@/domain/search';
import type { HttpClient } from './http-client';

export async function readAllCustomers(client: HttpClient): Promise<CustomerSummary[]> {
  const customers: CustomerSummary[] = [];
  let total = Infinity;
  for (let page = 1; customers.length < total; page++) {
    const res = await client.request('GET', `/customers?_page=${page}&_limit=${MAX_PAGE_SIZE}`);
    if (res.status !== 200) throw new Error(`GET /customers page ${page} answered ${res.status}: ${res.body}`);
    total = Number(res.headers['x-total-count']);
    const batch = JSON.parse(res.body) as CustomerSummary[];
    if (!batch.length) break; // bounded even if the total lies
    customers.push(...batch);
  }
  return customers;
}
