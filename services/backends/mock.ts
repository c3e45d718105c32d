/** The mock API's own routes, with the agent's role in `X-Partner-Role` (services/api-client.ts). */
import { getAuditLog, getCustomer, patchResource, searchCustomers, validateAddress } from '../api-client';
import type { CustomerBackend } from './backend';

export const mockBackend: CustomerBackend = {
  async search(query, from, limit, signal) {
    const page = typeof from === 'number' ? from : 1;
    const { data, total } = await searchCustomers(query, page, limit, signal);
    const count = total ?? data.length;
    return { customers: data, total: count, next: page * limit < count ? page + 1 : null };
  },
  customer: async (id, signal) => (await getCustomer(id, signal)).data,
  write: patchResource,
  auditLog: async (id, limit, signal) => (await getAuditLog(id, limit, signal)).data,
  validateAddress: async (address, signal) => (await validateAddress(address, signal)).data,
};
