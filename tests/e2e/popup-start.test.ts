/**
 * The popup's first render is in popup.html itself (modules/prerender): the header and the focused search box show,
 * and take typing, before any script has run; the app then takes over without losing what was typed.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { beforeEach, expect, test } from 'vitest';
import { someCustomers } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

const desk = withExtensionAndApi({ seed: 20, seedValue: 3 });

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']));

/** Opens an extension page with its scripts held back (answered only on `release()`). */
async function openWithScriptsHeld(
  name: string,
): Promise<{ page: Page; held: string[]; release: () => Promise<void> }> {
  const page = await desk.ext.browser.newPage();
  await page.bringToFront();
  const cdp: CDPSession = await page.createCDPSession();
  const held: string[] = [];
  let holding = true;
  cdp.on('Fetch.requestPaused', ({ requestId }) => {
    if (holding) held.push(requestId);
    else void cdp.send('Fetch.continueRequest', { requestId });
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `chrome-extension://${desk.ext.id}/*.js` }] });
  // Not awaited: the page's load waits for the scripts held here.
  page.goto(`chrome-extension://${desk.ext.id}/${name}.html`).catch(() => {});
  const release = async () => {
    holding = false;
    for (const requestId of held) await cdp.send('Fetch.continueRequest', { requestId });
  };
  return { page, held, release };
}

const box = (page: Page) =>
  page.evaluate(() => {
    const input = document.activeElement as HTMLInputElement;
    return { label: input.getAttribute('aria-label'), value: input.value, caret: input.selectionStart };
  });

test('the popup takes typing before any script has run, then keeps the text and the caret and searches', async () => {
  const [customer] = await someCustomers(desk.api.url, 1);
  const name = customer.companyProfile.companyName;
  const { page, held, release } = await openWithScriptsHeld('popup');
  await page.waitForSelector(aria('searchbox', 'Search customers'));
  await page.waitForSelector(aria('button', 'Open in side panel'));
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Search customers');
  // Nothing of the app has run: its script is still held, and the main area is as the build left it.
  expect(held.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.querySelector('main')?.childElementCount)).toBe(0);

  await page.keyboard.type(name.slice(0, 5));
  await page.keyboard.press('ArrowLeft');
  await release();
  await page.waitForSelector(aria('option', name));
  expect(await box(page)).toEqual({ label: 'Search customers', value: name.slice(0, 5), caret: 4 });
  // The app took the text as the agent's search: it is kept for the next popup.
  expect(await desk.ext.readItem(searchQueryItem, page)).toBe(name.slice(0, 5));
  await page.close();
});

test('the side panel arrives rendered too, and an earlier search comes back once the app runs', async () => {
  const [customer] = await someCustomers(desk.api.url, 1);
  const name = customer.companyProfile.companyName;
  await desk.ext.setItems([searchQueryItem, name]);
  const { page, release } = await openWithScriptsHeld('sidepanel');
  await page.waitForSelector(aria('searchbox', 'Search customers'));
  expect(await box(page)).toEqual({ label: 'Search customers', value: '', caret: 0 });
  expect(await page.$(aria('button', 'Open in side panel'))).toBeNull();
  await release();
  await page.waitForSelector(aria('option', name));
  expect((await box(page)).value).toBe(name);
  await page.close();
});
