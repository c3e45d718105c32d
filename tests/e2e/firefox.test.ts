/**
 * The agent's job in real Firefox: the store build of the add-on, installed temporarily in Debian's firefox-esr,
 * driven over WebDriver BiDi against a real mock API. The popup and the sidebar's page open in tabs (Firefox's
 * toolbar popup and sidebar are browser UI that BiDi does not drive); the sidebar itself is checked through the
 * add-on's own API.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, beforeEach, expect, test } from 'vitest';
import {
  billingPath,
  callApi,
  openBillingForm,
  openCustomer,
  someCustomers,
  waitForLiveText,
} from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { closeSidebar, launchFirefoxExtension, sidebarIsOpen, sidebarText } from '@/harness/firefox';
import { wholeCustomers } from '@/harness/mock-api';
import { currentCustomerItem, roleItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

let customers: Awaited<ReturnType<typeof someCustomers>>;

const RESERVATIONS = 'Allow purchase of Azure reservations';

const desk = withExtensionAndApi({ seed: 20, seedValue: 11 }, launchFirefoxExtension);

beforeAll(async () => {
  customers = await someCustomers(desk.api.url, 4);
});

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, ''], [roleItem, 'admin-agent']));

const isDisabled = (popup: Page, role: string, name: string) =>
  popup.$eval(aria(role, name), (e) => (e as HTMLButtonElement).disabled);

test('search → account → edit billing → Submit: the API has the new value', async () => {
  const customer = customers[0];
  const popup = await desk.ext.open('popup');
  await openBillingForm(popup, customer.companyProfile.companyName);
  await popup.locator(aria('textbox', 'City')).fill('Firefoxville');
  await popup.locator(aria('button', 'Submit')).click();
  await waitForLiveText(popup, 'Billing profile saved.');
  const saved = await callApi(desk.api.url, billingPath(customer.id));
  expect(saved.body.defaultAddress.city).toBe('Firefoxville');
  // One write, by the role the popup sent, of the one field the agent changed.
  const audit = await callApi(desk.api.url, `/customers/${customer.id}/auditLog`);
  expect(audit.body).toMatchObject([
    {
      role: 'admin-agent',
      changes: {
        'defaultAddress.city': { before: customer.billingProfile.defaultAddress.city, after: 'Firefoxville' },
      },
    },
  ]);
  expect(Object.keys(audit.body[0].changes)).toEqual(['defaultAddress.city']);
  await popup.close();
});

test('the Role combobox changes what the account offers, and is kept in extension storage', async () => {
  const popup = await desk.ext.open('popup');
  await openCustomer(popup, customers[1].companyProfile.companyName);
  await popup.waitForSelector(aria('switch', RESERVATIONS));
  expect(await isDisabled(popup, 'switch', RESERVATIONS)).toBe(false);

  await popup.locator(aria('combobox', 'Role')).fill('sales-agent');
  // A sales agent edits billing but sees the purchase permission read-only.
  await popup.waitForFunction(
    (e) => (e as HTMLButtonElement).disabled,
    {},
    await popup.$(aria('switch', RESERVATIONS)),
  );
  expect(await isDisabled(popup, 'button', 'Edit billing profile')).toBe(false);

  await popup.locator(aria('combobox', 'Role')).fill('helpdesk-agent');
  const edit = await popup.$(aria('button', 'Edit billing profile'));
  await popup.waitForFunction((e) => (e as HTMLButtonElement).disabled, {}, edit);
  expect(await desk.ext.readItem(roleItem, popup)).toBe('helpdesk-agent');
  await popup.close();
});

test('turning a purchase permission on asks first; nothing is sent before "Turn on"', async () => {
  // One whose permission is off (the list's order is the ranking's, not the seed's).
  const customer = (await wholeCustomers(desk.api, 10)).slice(2).find((c) => !c.purchasePermission.azureReservations)!;
  const permission = async () => (await callApi(desk.api.url, `/customers/${customer.id}/purchasePermission`)).body;
  const popup = await desk.ext.open('popup');
  await openCustomer(popup, customer.companyProfile.companyName);
  await popup.locator(aria('switch', RESERVATIONS)).click();
  await popup.waitForSelector(aria('dialog', 'Let this customer buy Azure reservations themselves?'));
  expect((await permission()).azureReservations).toBe(false);

  await popup.locator(aria('button', 'Turn on')).click();
  await waitForLiveText(popup, 'Purchase of Azure reservations allowed.');
  expect(await popup.$eval(aria('switch', RESERVATIONS), (s) => s.getAttribute('aria-checked'))).toBe('true');
  expect(await permission()).toMatchObject({ azureReservations: true, updatedBy: 'admin-agent' });
  await popup.close();
});

test('"Open in side panel" opens Firefox\'s sidebar, on the customer open in the popup', async () => {
  const customer = customers[3];
  const popup = await desk.ext.open('popup');
  // Firefox opened the sidebar when the add-on was installed: close it, so that the button has something to do.
  await closeSidebar(popup, aria('searchbox', 'Search customers'));
  await openCustomer(popup, customer.companyProfile.companyName);
  await popup.locator(aria('button', 'Open in side panel')).click();

  const other = await desk.ext.open('options');
  await expect.poll(() => sidebarIsOpen(other)).toBe(true);
  // The sidebar lands on the same customer's Account page (the domain shows only there).
  await expect.poll(() => sidebarText(other)).toContain(customer.companyProfile.domain);
  await popup.close();
  await other.close();
});
