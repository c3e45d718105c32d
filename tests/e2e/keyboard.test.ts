/**
 * The main job by keyboard alone — search → account → edit billing → Submit — with no mouse event at all:
 * the page counts pointer and mouse events and the test asserts none happened.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, beforeEach, expect, test } from 'vitest';
import { callApi, someCustomers } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

type Counter = { mouseEvents: number };

const desk = withExtensionAndApi({ seed: 40, seedValue: 5 });
let customer: { id: string; name: string };

beforeAll(async () => {
  const [first] = await someCustomers(desk.api.url, 1);
  customer = { id: first.id, name: first.companyProfile.companyName };
});

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']));

const isFocused = (page: Page, selector: string) =>
  page.$eval(selector, (el) => el === document.activeElement).catch(() => false);

/** Presses Tab until the element with that role and name has focus (none if it has already). */
async function tabTo(page: Page, role: string, name: string) {
  for (let presses = 0; presses < 60; presses++) {
    if (await isFocused(page, aria(role, name))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the ${role} "${name}"`);
}

/** Counts every pointer and mouse event the page sees from now on. */
async function countMouseEvents(page: Page) {
  await page.evaluate(() => {
    const counter = globalThis as unknown as Counter;
    counter.mouseEvents = 0;
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'mousemove'])
      addEventListener(type, () => counter.mouseEvents++, true);
  });
}
const mouseEvents = (page: Page) => page.evaluate(() => (globalThis as unknown as Counter).mouseEvents);

test('search → account → edit billing → Submit, by keyboard only', async () => {
  const popup = await desk.ext.open('popup');
  await countMouseEvents(popup);

  // The search box has focus when the popup opens.
  await popup.waitForSelector(aria('searchbox', 'Search customers'));
  await popup.waitForFunction(
    () =>
      document.activeElement?.getAttribute('role') === 'searchbox' ||
      document.activeElement?.getAttribute('type') === 'search',
  );
  await popup.keyboard.type(customer.name);
  const option = (await popup.waitForSelector(aria('option', customer.name)))!;
  await popup.waitForFunction((el) => el.getAttribute('aria-selected') === 'true', {}, option);
  await popup.keyboard.press('Enter');
  await popup.waitForSelector(aria('heading', customer.name));

  await tabTo(popup, 'button', 'Edit billing profile');
  // Focus is visible: the focused control wears Fluent's focus stroke, an outline at least 2 px wide.
  const ring = await popup.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await popup.keyboard.press('Enter');
  await popup.waitForSelector(aria('textbox', 'First name'));
  await tabTo(popup, 'textbox', 'First name');
  // Select what is there, then type over it.
  await popup.keyboard.down('Control');
  await popup.keyboard.press('KeyA');
  await popup.keyboard.up('Control');
  await popup.keyboard.type('Keyboard');
  await tabTo(popup, 'button', 'Submit');
  await popup.keyboard.press('Enter');

  // After Submit, focus lands on the status message that says it was saved.
  await popup.waitForFunction(() => document.activeElement?.textContent?.includes('Billing profile saved.'));
  expect(await popup.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');

  const saved = await callApi<{ firstName: string }>(desk.api.url, `/customers/${customer.id}/profiles/billing`);
  expect(saved.body.firstName).toBe('Keyboard');
  expect(await mouseEvents(popup)).toBe(0);
});

test('"?" opens the keyboard help, except in a text field; Escape closes it and focus goes back', async () => {
  // The popup opens on a customer, with an earlier search kept: its results show over the account.
  await desk.ext.setItems([currentCustomerItem, customer.id], [searchQueryItem, customer.name]);
  const popup = await desk.ext.open('popup');
  await popup.waitForSelector(aria('option', customer.name));
  const search = (await popup.waitForSelector(aria('searchbox', 'Search customers')))!;
  await tabTo(popup, 'searchbox', 'Search customers');
  await popup.keyboard.type('?');
  // The box keeps the earlier search (it survives the popup closing): the "?" lands after it.
  expect(await search.evaluate((input) => (input as HTMLInputElement).value)).toBe(`${customer.name}?`);
  expect(await popup.$(aria('dialog', 'Keyboard shortcuts'))).toBeNull();

  await tabTo(popup, 'button', 'Keyboard shortcuts');
  await popup.keyboard.type('?');
  const dialog = (await popup.waitForSelector(aria('dialog', 'Keyboard shortcuts')))!;
  expect(await dialog.evaluate((d) => d.textContent)).toContain('Go to the search box');
  await popup.keyboard.press('Escape');
  await popup.waitForSelector(aria('dialog', 'Keyboard shortcuts'), { hidden: true });
  expect(await isFocused(popup, aria('button', 'Keyboard shortcuts'))).toBe(true);
});

test('purchase permission by keyboard: Space on the switch, the dialog takes focus, Enter on "Turn on"', async () => {
  await desk.ext.setItems([currentCustomerItem, customer.id]);
  const popup = await desk.ext.open('popup');
  await countMouseEvents(popup);
  await popup.waitForSelector(aria('heading', customer.name));
  await tabTo(popup, 'switch', 'Allow purchase of Azure reservations');
  await popup.keyboard.press('Space');
  await popup.waitForSelector(aria('button', 'Turn on'));
  expect(await popup.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(true);
  await tabTo(popup, 'button', 'Turn on');
  await popup.keyboard.press('Enter');
  const switchOn = (await popup.waitForSelector(aria('switch', 'Allow purchase of Azure reservations')))!;
  await popup.waitForFunction((el) => el.getAttribute('aria-checked') === 'true', {}, switchOn);
  const saved = await callApi<{ azureReservations: boolean }>(
    desk.api.url,
    `/customers/${customer.id}/purchasePermission`,
  );
  expect(saved.body.azureReservations).toBe(true);
  expect(await mouseEvents(popup)).toBe(0);
});
