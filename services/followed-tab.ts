/**
 * The customer the agent's active tab shows in Partner Center's web app, for the side panel to offer. The tab's
 * address is visible only with the host permission for the web app (asked at sign-in): no `tabs` permission, so
 * every other site's address stays unseen.
 */
import { PC_WEB_APP } from './partner-center-web';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CUSTOMER_PATH = new RegExp(`/customers/(${UUID})(?:[/?#]|$)`, 'i');

/**
 * The customer's tenant id when `url` is a customer's page in the web app; null otherwise. Only the part after
 * `/customers/` is relied on, as the rest of the web app's paths moves.
 */
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

/** Calls `onChange` with the tenant id the active tab of this window shows (null for none), now and on each change. */
export function followActiveTab(onChange: (tenantId: string | null) => void): () => void {
  let live = true;
  let windowId: number | undefined;
  async function look() {
    windowId ??= (await browser.windows.getCurrent()).id;
    const [tab] = await browser.tabs.query({ active: true, windowId });
    if (live) onChange(customerInWebApp(tab?.url));
  }
  const activated = (info: { windowId: number }) => {
    if (info.windowId === windowId) void look();
  };
  const updated = (_id: number, change: { url?: string }, tab: { active: boolean; windowId?: number }) => {
    if (change.url && tab.active && tab.windowId === windowId) void look();
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);
  void look();
  return () => {
    live = false;
    browser.tabs.onActivated.removeListener(activated);
    browser.tabs.onUpdated.removeListener(updated);
  };
}
