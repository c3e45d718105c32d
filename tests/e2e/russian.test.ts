import { expect, test } from 'vitest';
import { someCustomers } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { languageItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

const desk = withExtensionAndApi({ seed: 10, seedValue: 2 });

test('in Russian the same roles carry Partner Center terms: Обновить, Отправить, the permission dialog', async () => {
  const [customer] = await someCustomers(desk.api.url, 1);
  await desk.ext.setItems([languageItem, 'ru']);
  const popup = await desk.ext.open('popup');
  await popup.waitForSelector(aria('searchbox', 'Поиск клиентов'));
  await popup.locator(aria('searchbox', 'Поиск клиентов')).fill(customer.companyProfile.companyName.slice(0, 8));
  await popup.locator(aria('option', customer.companyProfile.companyName)).click();
  await popup.waitForSelector(aria('heading', customer.companyProfile.companyName));

  await popup.locator(aria('switch', 'Разрешить покупку резервирований Azure')).click();
  const dialog = await popup.waitForSelector(
    aria('dialog', 'Разрешить клиенту самостоятельно покупать резервирования Azure?'),
  );
  expect(await dialog!.evaluate((d) => d.textContent)).toContain('Ваша организация оплачивает');
  await popup.locator(aria('button', 'Отмена')).click();
  await popup.waitForSelector(aria('button', 'Включить'), { hidden: true });

  // Back from the dialog the page is scrolled to the switch, and the Edit button above it sits half under the sticky
  // header: an agent scrolls it into view first (a click at its middle would land on the header).
  await (await popup.waitForSelector(aria('button', 'Обновить профиль выставления счетов')))!.scrollIntoView();
  await popup.locator(aria('button', 'Обновить профиль выставления счетов')).click();
  await popup.locator(aria('textbox', 'Адрес электронной почты')).fill('нет');
  await popup.locator(aria('button', 'Отправить')).click();
  const email = await popup.waitForSelector(aria('textbox', 'Адрес электронной почты'));
  await popup.waitForFunction((e) => e.getAttribute('aria-invalid') === 'true', {}, email!);
  expect(await email!.evaluate((e) => document.getElementById(e.getAttribute('aria-describedby')!)?.textContent)).toBe(
    'Введите адрес электронной почты вида name@example.com.',
  );
  await popup.locator(aria('button', 'Отмена')).click();
  await popup.close();
});
