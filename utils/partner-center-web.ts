/**
 * Partner Center's web app, where agents also work on customers: the link to a customer there, and the customer a
 * web app address shows. Its pages put the customer's tenant id after `/customers/` (for example
 * `/dashboard/v2/customers/{tenant id}/account`); only that part is relied on, as the rest of the path moves.
 */
export const PC_WEB_APP = 'https://partner.microsoft.com';
/** The host permission that lets the side panel read the address of a web app tab (asked at sign-in). */
export const PC_WEB_APP_ORIGINS = [`${PC_WEB_APP}/*`];

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CUSTOMER_PATH = new RegExp(`/customers/(${UUID})(?:[/?#]|$)`, 'i');

export const customerPageUrl = (tenantId: string) =>
  `${PC_WEB_APP}/dashboard/v2/customers/${encodeURIComponent(tenantId)}/account`;

/** The customer's tenant id when `url` is a customer's page in the web app; null otherwise. */
export function customerInWebApp(url: string | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== PC_WEB_APP) return null;
  return CUSTOMER_PATH.exec(parsed.pathname)?.[1].toLowerCase() ?? null;
}
