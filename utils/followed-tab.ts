/**
 * The customer the agent's active tab shows in Partner Center's web app, for the side panel to offer. The tab's
 * address is visible only with the host permission for the web app (asked at sign-in): no `tabs` permission, so
 * every other site's address stays unseen.
 */
import { customerInWebApp } from './partner-center-web';

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
