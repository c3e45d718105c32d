/**
 * Who may do what. One table decides it for the UI and the mock API alike,
 * so changing a right means changing one line here.
 */
export const ROLE_IDS = ['global-admin', 'admin-agent', 'sales-agent', 'helpdesk-agent', 'billing-admin'] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const ACTIONS = [
  'viewCustomers',
  'editBillingProfile',
  'editCompanyProfile',
  'editPurchasePermission',
  'viewAuditLog',
] as const;
export type Action = (typeof ACTIONS)[number];

const MATRIX: Record<RoleId, ReadonlySet<Action>> = {
  'global-admin': new Set(ACTIONS),
  'admin-agent': new Set(ACTIONS),
  'sales-agent': new Set<Action>(['viewCustomers', 'editBillingProfile', 'editCompanyProfile', 'viewAuditLog']),
  'helpdesk-agent': new Set<Action>(['viewCustomers', 'viewAuditLog']),
  'billing-admin': new Set<Action>(),
};

/** English names, also used by the API in its messages (the UI translates through the catalogue). */
export const ROLE_NAMES: Record<RoleId, string> = {
  'global-admin': 'Global admin',
  'admin-agent': 'Admin agent',
  'sales-agent': 'Sales agent',
  'helpdesk-agent': 'Helpdesk agent',
  'billing-admin': 'Billing admin',
};

const ACTION_NAMES: Record<Action, string> = {
  viewCustomers: 'search and view customers',
  editBillingProfile: 'edit the billing profile',
  editCompanyProfile: 'edit company details',
  editPurchasePermission: 'give or remove purchase permission',
  viewAuditLog: 'view the audit history',
};

export const DEFAULT_ROLE: RoleId = 'admin-agent';

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (ROLE_IDS as readonly string[]).includes(value);
}

export function can(role: RoleId, action: Action): boolean {
  return MATRIX[role].has(action);
}

/** The reason a role may not do an action, in English; the API sends it with 403, the UI shows its translation. */
export function denialReason(role: RoleId, action: Action): string {
  return `The ${ROLE_NAMES[role]} role cannot ${ACTION_NAMES[action]}.`;
}

export const ROLE_HEADER = 'X-Partner-Role';
