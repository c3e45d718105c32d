import { createServer } from 'node:net';
import { beforeEach, expect, test } from 'vitest';
import { waitForLiveText } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { apiBaseItem, languageItem, roleItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

const desk = withExtensionAndApi({ seed: 21, seedValue: 3 });

// Each test opens its own options page on the same stored settings.
beforeEach(() => desk.ext.setItems([apiBaseItem, desk.api.url], [roleItem, 'admin-agent'], [languageItem, 'auto']));

/** A loopback address where nothing listens: a port taken from the system and given back. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return `http://127.0.0.1:${port}`;
}

test('the options page shows the stored role and API address', async () => {
  const options = await desk.ext.open('options');
  const role = await options.waitForSelector(aria('combobox', 'Role'));
  expect(await role!.evaluate((s) => (s as HTMLSelectElement).value)).toBe('admin-agent');
  const address = await options.waitForSelector(aria('textbox', 'API address'));
  expect(await address!.evaluate((i) => (i as HTMLInputElement).value)).toBe(desk.api.url);
  await options.close();
});

test('"Test connection" reports a running API with its customer count', async () => {
  const options = await desk.ext.open('options');
  await options.locator(aria('button', 'Test connection')).click();
  const origin = new URL(desk.api.url).origin;
  expect(await waitForLiveText(options, 'Connected')).toBe(`Connected to ${origin}: 21 customers.`);
  await options.close();
});

test('"Test connection" reports a stopped API as unreachable', async () => {
  const stopped = await closedAddress();
  await desk.ext.setItems([apiBaseItem, stopped]);
  const options = await desk.ext.open('options');
  await options.locator(aria('button', 'Test connection')).click();
  expect(await waitForLiveText(options, 'Could not')).toBe(
    `Could not connect to ${stopped}. Is the API running there?`,
  );
  await options.close();
});

test('an address that is not a web address is refused with a message tied to the field, and not saved', async () => {
  const options = await desk.ext.open('options');
  const address = (await options.waitForSelector(aria('textbox', 'API address')))!;
  await options.waitForFunction((input) => (input as HTMLInputElement).value !== '', {}, address);
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
  expect(await desk.ext.readItem(apiBaseItem, options)).toBe(desk.api.url);
  await options.close();
});

test('a valid loopback address is saved as its origin', async () => {
  const options = await desk.ext.open('options');
  const address = (await options.waitForSelector(aria('textbox', 'API address')))!;
  await options.waitForFunction((input) => (input as HTMLInputElement).value !== '', {}, address);
  await address.click({ count: 3 });
  await address.type('http://127.0.0.1:3999/some/path');
  await options.locator(aria('button', 'Save')).click();
  await waitForLiveText(options, 'Saved.');
  expect(await desk.ext.readItem(apiBaseItem, options)).toBe('http://127.0.0.1:3999');
  expect(await address.evaluate((i) => (i as HTMLInputElement).value)).toBe('http://127.0.0.1:3999');
  await options.close();
});

test('choosing Русский translates the page at once, and an open popup with it', async () => {
  const options = await desk.ext.open('options');
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
  await popup.close();
  await options.close();
});
