/** The English catalogue: the source of every UI string. `ru.ts` must have the same keys (a unit test checks). */
export const en = {
  appName: 'Customer Desk',
  role: 'Role',
  'role.global-admin': 'Global admin',
  'role.admin-agent': 'Admin agent',
  'role.sales-agent': 'Sales agent',
  'role.helpdesk-agent': 'Helpdesk agent',
  'role.billing-admin': 'Billing admin',
  currentRole: 'Signed in as {role}',
  openInSidePanel: 'Open in side panel',
  searchCustomers: 'Search customers',
  searchPlaceholder: 'Company, domain, contact, email or id',
  customers: 'Customers',
  searching: 'Searching…',
  noResults: 'No customers match “{query}”.',
  resultCount: { one: '{count} customer', other: '{count} customers' },
  loadError: 'Could not reach the Customer Desk API: {message}',
  retry: 'Retry',
  billingContact: 'Billing contact',
  back: 'Back to search',
  loading: 'Loading…',
} as const;

/** A plural entry has a form per Intl.PluralRules category; `other` is always there. */
export type PluralEntry = { readonly other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: (typeof en)[K] extends string ? string : PluralEntry };
