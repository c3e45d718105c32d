/** Extension storage items: state that must outlive a popup and be shared between views (docs/architecture.md). */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_ROLE, type RoleId } from '@/domain/roles';

export const DEFAULT_API_BASE = 'http://localhost:3000';

/** Which backend the views talk to: the mock API's own routes, or Partner Center's `/v1` (docs/architecture.md). */
export const CONNECTIONS = ['mock', 'partnerCenter'] as const;
export type Connection = (typeof CONNECTIONS)[number];
export const connectionItem = storage.defineItem<Connection>('local:connection', { fallback: 'mock' });

/** Where the Partner Center connection signs in and what it calls; the defaults are Microsoft's own. */
export interface PartnerCenterSettings {
  apiBase: string;
  /** The authority with its tenant segment: `…/organizations` for any work account, or the partner's tenant. */
  signInAddress: string;
  /** The Application (client) ID the partner registered in Entra ID. */
  clientId: string;
}
export const PARTNER_CENTER_DEFAULTS: PartnerCenterSettings = {
  apiBase: 'https://api.partnercenter.microsoft.com',
  signInAddress: 'https://login.microsoftonline.com/organizations',
  clientId: '',
};
export const partnerCenterItem = storage.defineItem<PartnerCenterSettings>('local:partnerCenter', {
  fallback: PARTNER_CENTER_DEFAULTS,
});

export const roleItem = storage.defineItem<RoleId>('local:role', { fallback: DEFAULT_ROLE });
export const apiBaseItem = storage.defineItem<string>('local:apiBase', { fallback: DEFAULT_API_BASE });
export const languageItem = storage.defineItem<string>('local:language', { fallback: 'auto' });
/** The customer open in the popup, so "Open in side panel" (and reopening the popup) lands on it. */
export const currentCustomerItem = storage.defineItem<string | null>('local:currentCustomerId', { fallback: null });
/** A search handed over from outside the views (the context menu's "Search customers for …"); the search box takes it. It also keeps the agent's own search text across popup closes. */
export const searchQueryItem = storage.defineItem<string>('local:searchQuery', { fallback: '' });
export interface RecentCustomer {
  id: string;
  companyName: string;
  domain: string;
}
/** The last customers opened, newest first, shown while the search box is empty. */
export const recentCustomersItem = storage.defineItem<RecentCustomer[]>('local:recentCustomers', { fallback: [] });
/** Set after every write, so the other open views (popup, side panel) re-read that customer. */
export const customerChangedItem = storage.defineItem<{ id: string; at: number } | null>('local:customerChanged', {
  fallback: null,
});
