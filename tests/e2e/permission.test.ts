import { beforeAll, beforeEach, expect, test } from 'vitest';
import { callApi, openCustomer, someCustomers, waitForLiveText } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { currentCustomerItem, roleItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

let customers: Awaited<ReturnType<typeof someCustomers>>;

const RESERVATIONS = 'Allow purchase of Azure reservations';

const desk = withExtensionAndApi({ seed: 20, seedValue: 3 });

beforeAll(async () => {
  customers = await someCustomers(desk.api.url, 5);
});

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, ''], [roleItem, 'admin-agent']));

const permissionOf = async (id: string) => (await callApi(desk.api.url, `/customers/${id}/purchasePermission`)).body;

test('admin agent: turning a permission on asks first; Cancel sends nothing, Turn on saves it', async () => {
  const customer = customers[0];
  const popup = await desk.ext.open('popup');
  await openCustomer(popup, customer.companyProfile.companyName);
  const toggle = await popup.waitForSelector(aria('switch', RESERVATIONS));
  expect(await toggle!.evaluate((s) => s.getAttribute('aria-checked'))).toBe('false');

  await popup.locator(aria('switch', RESERVATIONS)).click();
  const dialog = await popup.waitForSelector(aria('dialog', 'Let this customer buy Azure reservations themselves?'));
  expect(await dialog!.evaluate((d) => d.textContent)).toContain('pays for everything the customer buys');
  await popup.keyboard.press('Escape');
  await popup.waitForFunction(() => !document.querySelector('dialog[open]'));
  // Focus returns to the switch that opened the dialog.
  await popup.waitForFunction((name) => document.activeElement?.textContent === name, {}, RESERVATIONS);
  expect((await permissionOf(customer.id)).azureReservations).toBe(false);

  await popup.locator(aria('switch', RESERVATIONS)).click();
  await popup.locator(aria('button', 'Turn on')).click();
  await waitForLiveText(popup, 'Purchase of Azure reservations allowed.');
  await popup.waitForFunction((s) => s.getAttribute('aria-checked') === 'true', {}, toggle!);
  const saved = await permissionOf(customer.id);
  expect(saved.azureReservations).toBe(true);
  expect(saved.updatedBy).toBe('admin-agent');

  // Undo writes the previous value back.
  await popup.locator(aria('button', 'Undo')).click();
  await waitForLiveText(popup, 'Change undone.');
  await popup.waitForFunction((s) => s.getAttribute('aria-checked') === 'false', {}, toggle!);
  expect((await permissionOf(customer.id)).azureReservations).toBe(false);
  await popup.close();
});

test('sales agent sees the permission read-only, with the reason', async () => {
  await desk.ext.setItems([roleItem, 'sales-agent']);
  const popup = await desk.ext.open('popup');
  await openCustomer(popup, customers[1].companyProfile.companyName);
  const toggle = await popup.waitForSelector(aria('switch', RESERVATIONS));
  expect(await toggle!.evaluate((s) => (s as HTMLButtonElement).disabled)).toBe(true);
  const reason = await toggle!.evaluate(
    (s) => document.getElementById(s.getAttribute('aria-describedby')!)?.textContent,
  );
  expect(reason).toBe('The Sales agent role cannot give or remove purchase permission.');
  // Billing stays editable for a sales agent.
  const edit = await popup.waitForSelector(aria('button', 'Edit billing profile'));
  expect(await edit!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(false);
  await popup.close();
});

test('a role chosen in the popup changes what an open side panel offers, at once', async () => {
  await desk.ext.setItems([currentCustomerItem, customers[2].id]);
  const panel = await desk.ext.open('sidepanel');
  const toggle = await panel.waitForSelector(aria('switch', RESERVATIONS));
  expect(await toggle!.evaluate((s) => (s as HTMLButtonElement).disabled)).toBe(false);

  const popup = await desk.ext.open('popup');
  await popup.locator(aria('combobox', 'Role')).fill('helpdesk-agent');
  await panel.bringToFront();
  await panel.waitForFunction((s) => (s as HTMLButtonElement).disabled, {}, toggle!);
  const edit = await panel.waitForSelector(aria('button', 'Edit billing profile'));
  expect(await edit!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  await popup.close();
  await panel.close();
});

test('a save in the popup shows in an open side panel without a reload', async () => {
  const customer = customers[3];
  await desk.ext.setItems([currentCustomerItem, customer.id]);
  const panel = await desk.ext.open('sidepanel');
  const panelToggle = await panel.waitForSelector(aria('switch', 'Allow purchase of Azure savings plans'));
  expect(await panelToggle!.evaluate((s) => s.getAttribute('aria-checked'))).toBe('false');

  const popup = await desk.ext.open('popup');
  await popup.locator(aria('switch', 'Allow purchase of Azure savings plans')).click();
  await popup.locator(aria('button', 'Turn on')).click();
  await waitForLiveText(popup, 'Purchase of Azure savings plans allowed.');

  await panel.bringToFront();
  await panel.waitForFunction((s) => s.getAttribute('aria-checked') === 'true', {}, panelToggle!);
  await popup.close();
  await panel.close();
});
