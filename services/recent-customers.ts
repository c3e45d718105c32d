import type { CustomerSummary } from '@/domain/schemas';
import { recentCustomersItem } from './storage';

const KEEP = 10;

/** Puts a customer first in the recent list (once), keeping the last ten. */
export async function rememberCustomer(customer: CustomerSummary): Promise<void> {
  const recent = await recentCustomersItem.getValue();
  const entry = {
    id: customer.id,
    companyName: customer.companyProfile.companyName,
    domain: customer.companyProfile.domain,
  };
  await recentCustomersItem.setValue([entry, ...recent.filter((r) => r.id !== customer.id)].slice(0, KEEP));
}
