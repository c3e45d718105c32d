/**
 * Partner Center's web app, where agents also work on customers, and the link to a customer there. Its pages put the
 * customer's tenant id after `/customers/` (for example `/dashboard/v2/customers/{tenant id}/account`).
 */
export const PC_WEB_APP = 'https://partner.microsoft.com';
/** The host permission that lets the side panel read the address of a web app tab (asked at sign-in). */
export const PC_WEB_APP_ORIGINS = [`${PC_WEB_APP}/*`];

export const customerPageUrl = (tenantId: string) =>
  `${PC_WEB_APP}/dashboard/v2/customers/${encodeURIComponent(tenantId)}/account`;
