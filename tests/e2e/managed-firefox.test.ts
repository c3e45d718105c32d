/**
 * An organisation presets the mock connection, its address, the role and the language by Firefox's policies.json
 * (`3rdparty` → `Extensions` → the add-on's id, docs/deploying.md), in real Firefox ESR. The file is machine-wide and
 * read once as Firefox starts: it exists only while this test's Firefox starts (managed-policy.ts).
 */
import { expect, test } from 'vitest';
import { descriptionOf, someCustomers, waitForLiveText } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { launchFirefoxWithPolicy } from '@/harness/managed-policy';
import { apiBaseItem, languageItem, roleItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

/** The agent's own API address: nothing listens there, so only the organisation's can answer. */
const OWN_API = 'http://127.0.0.1:9';

const desk = withExtensionAndApi({ seed: 8, seedValue: 4 }, async ({ apiUrl } = {}) => {
  const ext = await launchFirefoxWithPolicy({
    connection: 'mock',
    apiAddress: apiUrl,
    defaultRole: 'helpdesk-agent',
    language: 'ru',
    // A typo: no such setting, said on the options page.
    apiAdress: 'https://typo.example',
  });
  await ext.setItems([apiBaseItem, OWN_API], [roleItem, 'admin-agent'], [languageItem, 'en']);
  return ext;
});

test('the options page speaks the organisation’s language and shows its settings locked, "Задано вашей организацией"', async () => {
  const options = await desk.ext.open('options');
  await options.waitForSelector(aria('heading', 'Параметры Customer Desk'));
  for (const name of ['Язык', 'Роль']) {
    const select = aria('combobox', name);
    await options.waitForSelector(select);
    expect(await options.$eval(select, (s) => (s as HTMLSelectElement).disabled)).toBe(true);
    expect(await descriptionOf(options, select)).toBe('Задано вашей организацией');
  }
  expect(await options.$eval(aria('combobox', 'Роль'), (s) => (s as HTMLSelectElement).value)).toBe('helpdesk-agent');
  const address = await options.$eval(aria('textbox', 'Адрес API'), (e) => ({
    value: (e as HTMLInputElement).value,
    readOnly: (e as HTMLInputElement).readOnly,
  }));
  expect(address).toEqual({ value: desk.api.url, readOnly: true });
  expect(await descriptionOf(options, aria('textbox', 'Адрес API'))).toBe('Задано вашей организацией');
  expect(await options.$(aria('button', 'Сохранить'))).toBeNull();
  expect(await waitForLiveText(options, 'apiAdress')).toBe(
    'Параметр вашей организации apiAdress = https://typo.example не применяется. В Customer Desk нет такого параметра.',
  );

  // The agent's own settings are kept underneath.
  expect(await desk.ext.readItem(roleItem, options)).toBe('admin-agent');
  expect(await desk.ext.readItem(apiBaseItem, options)).toBe(OWN_API);
  expect(await desk.ext.readItem(languageItem, options)).toBe('en');
  await options.close();
});

test('the popup works against the organisation’s API, as its role', async () => {
  const [customer] = await someCustomers(desk.api.url, 1);
  const name = customer.companyProfile.companyName;
  const popup = await desk.ext.open('popup');
  await popup.locator(aria('searchbox', 'Поиск клиентов')).fill(name.slice(0, 8));
  await popup.locator(aria('option', name)).click();
  await popup.waitForSelector(aria('heading', name));
  // A helpdesk agent sees the account but may not edit it.
  const edit = await popup.waitForSelector(aria('button', 'Обновить профиль выставления счетов'));
  expect(await edit!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  await popup.close();
});
