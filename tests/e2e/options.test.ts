import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { aria, launchExtension, type ExtensionBrowser } from '../helpers/extension';
import { startMockApi, type MockApi } from '../helpers/mock-api';

/** The page-side `chrome` global, for reading what was stored. */
type StorageGlobal = { chrome: { storage: { local: { get: (key: string) => Promise<Record<string, unknown>> } } } };

let api: MockApi;
let ext: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  api = await startMockApi(['--seed', '21', '--seed-value', '3']);
  ext = await launchExtension({ apiUrl: api.url });
  options = await ext.open('options');
});

afterAll(async () => {
  await ext?.close();
  await api?.stop();
});

/** The text of the page's live region once `action` has made it match `settled`. */
async function statusAfter(page: Page, action: () => Promise<void>, settled: RegExp): Promise<string> {
  await page.bringToFront();
  await action();
  const status = (await page.waitForSelector(aria('status')))!;
  await page.waitForFunction((el, source) => new RegExp(source).test(el.textContent ?? ''), {}, status, settled.source);
  return status.evaluate((el) => el.textContent ?? '');
}

test('the options page shows the stored role and API address', async () => {
  await options.bringToFront();
  const role = await options.waitForSelector(aria('combobox', 'Role'));
  expect(await role!.evaluate((s) => (s as HTMLSelectElement).value)).toBe('admin-agent');
  const address = await options.waitForSelector(aria('textbox', 'API address'));
  expect(await address!.evaluate((i) => (i as HTMLInputElement).value)).toBe(api.url);
});

test('"Test connection" reports a running API with its customer count', async () => {
  const text = await statusAfter(options, () => options.locator(aria('button', 'Test connection')).click(), /^Connected/);
  expect(text).toBe(`Connected to ${new URL(api.url).origin}: 21 customers.`);
});

test('"Test connection" reports a stopped API as unreachable', async () => {
  await api.stop();
  const text = await statusAfter(options, () => options.locator(aria('button', 'Test connection')).click(), /^Could not/);
  expect(text).toBe(`Could not connect to ${new URL(api.url).origin}. Is the API running there?`);
});

test('an address that is not a web address is refused with a message tied to the field, and not saved', async () => {
  await options.bringToFront();
  const address = (await options.waitForSelector(aria('textbox', 'API address')))!;
  await address.click({ count: 3 });
  await address.type('ftp://example.com');
  await options.locator(aria('button', 'Save')).click();
  await options.waitForFunction((input) => input.getAttribute('aria-invalid') === 'true', {}, address);
  const described = await address.evaluate((input) =>
    input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent).join(' '),
  );
  expect(described).toContain('Enter a web address that starts with http:// or https://.');
  expect(await address.evaluate((input) => input === document.activeElement)).toBe(true);
  const stored = await options.evaluate(() => (globalThis as unknown as StorageGlobal).chrome.storage.local.get('apiBase'));
  expect(stored.apiBase).toBe(api.url);
});

test('a valid loopback address is saved as its origin', async () => {
  await options.bringToFront();
  const address = await options.waitForSelector(aria('textbox', 'API address'));
  await address!.click({ count: 3 });
  await address!.type('http://127.0.0.1:3999/some/path');
  const text = await statusAfter(options, () => options.locator(aria('button', 'Save')).click(), /Saved/);
  expect(text).toBe('Saved.');
  expect(await address!.evaluate((i) => (i as HTMLInputElement).value)).toBe('http://127.0.0.1:3999');
});

test('choosing Русский translates the page at once', async () => {
  await options.bringToFront();
  await options.locator(aria('combobox', 'Language')).fill('ru');
  await options.waitForSelector(aria('heading', 'Параметры Customer Desk'));
  expect(await options.$(aria('combobox', 'Язык'))).not.toBeNull();
  expect(await options.$(aria('textbox', 'Адрес API'))).not.toBeNull();
  expect(await options.evaluate(() => document.documentElement.lang)).toBe('ru');
});
