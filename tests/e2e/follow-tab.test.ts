/**
 * The side panel follows the agent's Partner Center tab (issue 25): a page at a customer's address in Partner
 * Center's web app — served by request interception, so no network — makes the side panel offer that customer, and
 * "Open this customer" opens it there. Against the local Partner Center, signed in through the real window.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { someCustomers } from '@/harness/customer-desk';
import { aria, buildGranting, launchExtension } from '@/harness/extension';
import { customerPageUrl, PC_WEB_APP, PC_WEB_APP_ORIGINS } from '@/services/partner-center-web';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';
import { signInToLocalPartnerCenter } from '../helpers/sign-in-window';

// The web app's origin granted, as the agent grants it when signing in.
let granted = '';
const desk = withExtensionAndApi({ seed: 8, seedValue: 3 }, (options) => {
  granted = buildGranting(PC_WEB_APP_ORIGINS);
  return launchExtension({ ...options, extensionDir: granted });
});
afterAll(() => rmSync(dirname(granted), { recursive: true, force: true }));

let customers: Awaited<ReturnType<typeof someCustomers>>;

beforeAll(async () => {
  customers = await someCustomers(desk.api.url, 3);
  await signInToLocalPartnerCenter(desk.ext, desk.api.url);
  await desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']);
});

/** A tab at Partner Center's web app, its pages answered here: a plain page for any address under it. */
async function webAppTab(url: string): Promise<Page> {
  const tab = await desk.ext.browser.newPage();
  await tab.setRequestInterception(true);
  tab.on('request', (request: HTTPRequest) => {
    if (request.url().startsWith(PC_WEB_APP))
      void request.respond({
        status: 200,
        contentType: 'text/html',
        body: '<title>Partner Center</title><h1>Account</h1>',
      });
    else void request.continue();
  });
  await tab.goto(url);
  await tab.bringToFront();
  return tab;
}

/**
 * The side panel's offer, read while its tab is behind the web app's (ARIA queries need the page in front): the
 * button by its accessible name, clicked in the page.
 */
const offerShown = (panel: Page) =>
  panel.waitForFunction(() =>
    [...document.querySelectorAll('button')].some((b) => b.textContent === 'Open this customer'),
  );

test('a Partner Center customer page in the active tab: the side panel offers that customer and opens it', async () => {
  const [customer] = customers;
  const panel = await desk.ext.open('sidepanel');
  await panel.waitForSelector(aria('searchbox', 'Search customers'));
  const tab = await webAppTab(customerPageUrl(customer.id));
  await offerShown(panel);
  await panel.evaluate(() =>
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Open this customer')?.click(),
  );
  await panel.bringToFront();
  await panel.waitForSelector(aria('heading', customer.companyProfile.companyName));
  expect(await desk.ext.readItem(currentCustomerItem, panel)).toBe(customer.id);

  // Another customer in the same tab: offered in turn; a page that is no customer's offers nothing.
  await tab.bringToFront();
  await tab.goto(customerPageUrl(customers[1].id));
  await offerShown(panel);
  await tab.goto(`${PC_WEB_APP}/dashboard/v2/customers/list`);
  await panel.waitForFunction(() => !document.body.textContent?.includes('Open this customer'));
  await tab.close();
  await panel.close();
});
