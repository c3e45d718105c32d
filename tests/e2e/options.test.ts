import type { Page } from 'puppeteer-core';
import { beforeAll, expect, test } from 'vitest';
import { waitForLiveText, withExtensionAndApi } from '../helpers/customer-desk';
import { aria } from '../helpers/extension';

/** The page-side `chrome` global, for reading what was stored. */
type StorageGlobal = { chrome: { storage: { local: { get: (key: string) => Promise<Record<string, unknown>> } } } };

const desk = withExtensionAndApi(['--seed', '21', '--seed-value', '3']);
let options: Page;
let origin: string;

beforeAll(async () => {
  options = await desk.ext.open('options');
  origin = new URL(desk.api.url).origin;
});

test('the options page shows the stored role and API address', async () => {
  await options.bringToFront();
  const role = await options.waitForSelector(aria('combobox', 'Role'));
  expect(await role!.evaluate((s) => (s as HTMLSelectElement).value)).toBe('admin-agent');
  const address = await options.waitForSelector(aria('textbox', 'API address'));
  expect(await address!.evaluate((i) => (i as HTMLInputElement).value)).toBe(desk.api.url);
});

test('"Test connection" reports a running API with its customer count', async () => {
  await options.bringToFront();
  await options.locator(aria('button', 'Test connection')).click();
  expect(await waitForLiveText(options, 'Connected')).toBe(`Connected to ${origin}: 21 customers.`);
});

test('"Test connection" reports a stopped API as unreachable', async () => {
  await desk.api.stop();
  await options.bringToFront();
  await options.locator(aria('button', 'Test connection')).click();
  expect(await waitForLiveText(options, 'Could not')).toBe(`Could not connect to ${origin}. Is the API running there?`);
});

test('an address that is not a web address is refused with a message tied to the field, and not saved', async () => {
  await options.bringToFront();
  const address = (await options.waitForSelector(aria('textbox', 'API address')))!;
  await address.click({ count: 3 });
  await address.type('ftp://example.com');
  await options.locator(aria('button', 'Save')).click();
  await options.waitForFunction((input) => input.getAttribute('aria-invalid') === 'true', {}, address);
  const described = await address.evaluate((input) =>
    input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)!.textContent)
      .join(' '),
  );
  expect(described).toContain('Enter a web address that starts with http:// or https://.');
  expect(await address.evaluate((input) => input === document.activeElement)).toBe(true);
  const stored = await options.evaluate(() =>
    (globalThis as unknown as StorageGlobal).chrome.storage.local.get('apiBase'),
  );
  expect(stored.apiBase).toBe(desk.api.url);
});

test('a valid loopback address is saved as its origin', async () => {
  await options.bringToFront();
  const address = await options.waitForSelector(aria('textbox', 'API address'));
  await address!.click({ count: 3 });
  await address!.type('http://127.0.0.1:3999/some/path');
  await options.locator(aria('button', 'Save')).click();
  expect(await waitForLiveText(options, 'Saved')).toBe('Saved.');
  expect(await address!.evaluate((i) => (i as HTMLInputElement).value)).toBe('http://127.0.0.1:3999');
});

test('choosing Русский translates the page at once, and an open popup with it', async () => {
  const popup = await desk.ext.open('popup');
  await popup.waitForSelector(aria('combobox', 'Role'));
  await options.bringToFront();
  await options.locator(aria('combobox', 'Language')).fill('ru');
  await options.waitForSelector(aria('heading', 'Параметры Customer Desk'));
  expect(await options.$(aria('combobox', 'Язык'))).not.toBeNull();
  expect(await options.$(aria('textbox', 'Адрес API'))).not.toBeNull();
  expect(await options.evaluate(() => document.documentElement.lang)).toBe('ru');
  await popup.bringToFront();
  await popup.waitForSelector(aria('combobox', 'Роль'));
  expect(await popup.evaluate(() => document.documentElement.lang)).toBe('ru');
});
