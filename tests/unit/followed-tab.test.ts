// @vitest-environment node
/** Following the agent's Partner Center tab: which addresses name a customer, and the active tab watched. */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { customerInWebApp, followActiveTab } from '@/services/followed-tab';
import { customerPageUrl } from '@/services/partner-center-web';

const TENANT = '0f8fad5b-d9cb-469f-a165-70867728950e';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

test("a customer's page in Partner Center's web app names the customer's tenant id, wherever the path puts it", () => {
  for (const url of [
    customerPageUrl(TENANT),
    `https://partner.microsoft.com/dashboard/v2/customers/${TENANT.toUpperCase()}/subscriptions`,
    `https://partner.microsoft.com/en-us/dashboard/commerce2/customers/${TENANT}?tab=account`,
    `https://partner.microsoft.com/dashboard/customers/${TENANT}`,
  ])
    expect(customerInWebApp(url), url).toBe(TENANT);
});

test('other pages, other sites and unseen addresses name no customer', () => {
  for (const url of [
    'https://partner.microsoft.com/dashboard/v2/customers/list',
    `https://partner.microsoft.com/dashboard/v2/customers/${TENANT}x/account`,
    `https://evil.example/partner.microsoft.com/customers/${TENANT}`,
    `http://partner.microsoft.com/dashboard/customers/${TENANT}`,
    `https://partner.microsoft.com.evil.example/customers/${TENANT}`,
    'not a url',
    undefined,
  ])
    expect(customerInWebApp(url), String(url)).toBeNull();
});

test("the side panel's window: the active tab's customer now, then as the agent switches tabs and navigates", async () => {
  const window = await fakeBrowser.windows.create({ focused: true });
  // The tab the browser says is active in that window (its address as the host permission lets it be seen).
  let active: { id: number; url?: string; active: true; windowId: number } = {
    id: 1,
    active: true,
    windowId: window.id!,
  };
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (query) =>
    query.active && query.windowId === window.id ? [active as never] : [],
  );
  const seen: (string | null)[] = [];
  const stop = followActiveTab((tenantId) => seen.push(tenantId));
  await expect.poll(() => seen).toEqual([null]);

  // The agent switches to a tab showing a customer in Partner Center…
  active = { ...active, id: 2, url: customerPageUrl(TENANT) };
  await fakeBrowser.tabs.onActivated.trigger({ tabId: 2, windowId: window.id! });
  await expect.poll(() => seen.at(-1)).toBe(TENANT);
  // …moves that tab to the customer list, and a tab in another window changes (not followed).
  active = { ...active, url: 'https://partner.microsoft.com/dashboard/v2/customers/list' };
  await fakeBrowser.tabs.onUpdated.trigger(2, { url: active.url }, active as never);
  await expect.poll(() => seen.at(-1)).toBeNull();
  const count = seen.length;
  await fakeBrowser.tabs.onActivated.trigger({ tabId: 9, windowId: window.id! + 1 });

  stop();
  await fakeBrowser.tabs.onUpdated.trigger(2, { url: customerPageUrl(TENANT) }, active as never);
  expect(seen).toHaveLength(count);
});
