/** Issue 25: choosing a customer shows it as it is now, and an edit in progress survives a newer copy. */
import { beforeAll, beforeEach, expect, test } from 'vitest';
import {
  billingPath,
  CONFLICT,
  callApi,
  colleaguePatch,
  openBillingForm,
  openCustomer,
  someCustomers,
  waitForLiveText,
} from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

let customers: Awaited<ReturnType<typeof someCustomers>>;

const desk = withExtensionAndApi({ seed: 20, seedValue: 25 });

beforeAll(async () => {
  customers = await someCustomers(desk.api.url, 5);
});

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']));

test('a colleague renames the open customer: choosing it again from the list shows the new name', async () => {
  const [customer] = customers;
  const popup = await desk.ext.open('popup');
  await openCustomer(popup, customer.companyProfile.companyName);
  await colleaguePatch(desk.api.url, `/customers/${customer.id}/profiles/company`, { companyName: 'Freshly Renamed' });
  // The list already reads the new name; the open account still shows the copy it read before.
  await openCustomer(popup, 'Freshly Renamed', 'Freshly');
  expect(await popup.$(aria('heading', customer.companyProfile.companyName))).toBeNull();
  await popup.close();
});

test('an edit in progress keeps the agent’s values over a newer copy, says so, and Submit meets the conflict', async () => {
  const customer = customers[1];
  const name = customer.companyProfile.companyName;
  const popup = await desk.ext.open('popup');
  await openBillingForm(popup, name);
  await popup.locator(aria('textbox', 'City')).fill('Agentville');
  await colleaguePatch(desk.api.url, billingPath(customer.id), { defaultAddress: { city: 'Colleagueton' } });
  // Chosen again while the form is open: read again, the form untouched, the change said beside it.
  await openCustomer(popup, name);
  await waitForLiveText(popup, 'Changed by someone else since you opened it.');
  expect(await popup.$eval(aria('textbox', 'City'), (e) => (e as HTMLInputElement).value)).toBe('Agentville');
  await popup.locator(aria('button', 'Submit')).click();
  await popup.waitForSelector(CONFLICT);
  await popup.close();
});

test('on a slow backend the account shows at once what the list knew, the rest as it arrives', async () => {
  const customer = customers[2];
  const name = customer.companyProfile.companyName;
  const slow = await callApi(desk.api.url, '/__admin/faults', {
    method: 'POST',
    body: { method: 'GET', path: `/customers/${customer.id}`, latencyMs: 2500 },
  });
  expect(slow.status).toBe(201);
  try {
    const popup = await desk.ext.open('popup');
    await popup.locator(aria('searchbox', 'Search customers')).fill(name.slice(0, 8));
    await popup.locator(aria('option', name)).click();
    // The name and the list's contact, city and country, while the whole read is still on its way; nothing to edit yet.
    await popup.waitForSelector(aria('heading', name));
    const edit = await popup.waitForSelector(aria('button', 'Edit billing profile'));
    expect(await edit!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(await popup.evaluate(() => document.body.textContent)).toContain(
      customer.billingProfile.defaultAddress.city,
    );
    // Asked afresh each time: the button may be rendered anew when the whole customer arrives.
    const editDisabled = async () =>
      (await popup.$(aria('button', 'Edit billing profile')))?.evaluate((b) => (b as HTMLButtonElement).disabled);
    await expect.poll(editDisabled, { timeout: 30_000, interval: 200 }).toBe(false);
    await popup.close();
  } finally {
    await callApi(desk.api.url, '/__admin/faults', { method: 'DELETE' });
  }
});

test('a side panel shown again reads its account again once the copy is over 30 seconds old', async () => {
  const customer = customers[3];
  // The panel's clock, moved forward on demand: no test waits half a minute.
  const panel = await desk.ext.browser.newPage();
  await panel.evaluateOnNewDocument(() => {
    const now = Date.now.bind(Date);
    const clock = { ahead: 0 };
    (window as unknown as { __clock: typeof clock }).__clock = clock;
    Date.now = () => now() + clock.ahead;
  });
  await desk.ext.setItems([currentCustomerItem, customer.id]);
  await panel.goto(`chrome-extension://${desk.ext.id}/sidepanel.html`);
  await panel.bringToFront();
  await panel.waitForSelector(aria('heading', customer.companyProfile.companyName));
  await colleaguePatch(desk.api.url, `/customers/${customer.id}/profiles/company`, {
    companyName: 'Renamed Meanwhile',
  });

  // Hidden and shown again within 30 seconds: the copy is kept.
  const other = await desk.ext.browser.newPage();
  await other.bringToFront();
  await panel.bringToFront();
  await panel.waitForSelector(aria('heading', customer.companyProfile.companyName));
  expect(await panel.$(aria('heading', 'Renamed Meanwhile'))).toBeNull();

  // Hidden again, and shown 31 seconds later: read again.
  await panel.evaluate(() => {
    (window as unknown as { __clock: { ahead: number } }).__clock.ahead = 31_000;
  });
  await other.bringToFront();
  await panel.bringToFront();
  await panel.waitForSelector(aria('heading', 'Renamed Meanwhile'));
  await other.close();
  await panel.close();
});
