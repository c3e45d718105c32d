import type { Page } from 'puppeteer-core';
import { beforeAll, beforeEach, expect, test } from 'vitest';
import {
  billingPath,
  CONFLICT,
  callApi,
  choice,
  colleaguePatch,
  openBillingForm,
  openCustomer,
  someCustomers,
  submitMerge,
  waitForLiveText,
} from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { draftItem } from '@/services/drafts';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

let customers: Awaited<ReturnType<typeof someCustomers>>;

const desk = withExtensionAndApi({ seed: 30, seedValue: 5 });

beforeAll(async () => {
  customers = await someCustomers(desk.api.url, 10);
});

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']));

async function editBilling(popup: Page, index: number) {
  const customer = customers[index];
  await openBillingForm(popup, customer.companyProfile.companyName);
  return customer;
}

const fieldValue = (popup: Page, role: string, name: string) =>
  popup.$eval(aria(role, name), (e) => (e as HTMLInputElement).value);

test('edit the billing profile and Submit: the API has the new value, focus lands on the status', async () => {
  const popup = await desk.ext.open('popup');
  const customer = await editBilling(popup, 0);
  await popup.locator(aria('textbox', 'City')).fill('Springfield');
  await popup.locator(aria('button', 'Submit')).click();
  await waitForLiveText(popup, 'Billing profile saved.');
  await popup.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
  const saved = await callApi(desk.api.url, billingPath(customer.id));
  expect(saved.body.defaultAddress.city).toBe('Springfield');

  // Undo writes the previous value back, with the new ETag.
  await popup.locator(aria('button', 'Undo')).click();
  await waitForLiveText(popup, 'Change undone.');
  const undone = await callApi(desk.api.url, billingPath(customer.id));
  expect(undone.body.defaultAddress.city).toBe(customer.billingProfile.defaultAddress.city);
  expect(undone.etag).not.toBe(saved.etag);
  await popup.close();
});

test('an invalid email is shown on its field when leaving it and on Submit, and nothing is sent', async () => {
  const popup = await desk.ext.open('popup');
  const customer = await editBilling(popup, 1);
  const before = await callApi(desk.api.url, billingPath(customer.id));
  await popup.locator(aria('textbox', 'Email')).fill('not-an-email');
  await popup.keyboard.press('Tab');
  const email = await popup.waitForSelector(aria('textbox', 'Email'));
  await popup.waitForFunction((e) => e.getAttribute('aria-invalid') === 'true', {}, email!);
  const message = await email!.evaluate(
    (e) => document.getElementById(e.getAttribute('aria-describedby')!)?.textContent,
  );
  expect(message).toBe('Enter an email address like name@example.com.');

  await popup.locator(aria('button', 'Submit')).click();
  await waitForLiveText(popup, 'Check the marked fields.');
  // Focus goes to the first field to fix.
  await popup.waitForFunction((e) => document.activeElement === e, {}, email!);
  const after = await callApi(desk.api.url, billingPath(customer.id));
  expect(after.body.email).toBe(before.body.email);
  expect(after.etag).toBe(before.etag);
  await popup.close();
});

test('an unsent edit survives closing the popup, and Discard draft brings back the saved values', async () => {
  let popup = await desk.ext.open('popup');
  const customer = await editBilling(popup, 2);
  const original = await fieldValue(popup, 'textbox', 'City');
  await popup.locator(aria('textbox', 'City')).fill('Draftville');
  // The draft is written as the agent types; wait for it to land before closing.
  const draft = draftItem(customer.id, 'billing');
  await expect
    .poll(() => desk.ext.readItem(draft, popup))
    .toMatchObject({ values: { 'defaultAddress.city': 'Draftville' } });
  await popup.close();

  popup = await desk.ext.open('popup');
  await popup.waitForSelector(aria('button', 'Discard draft'));
  expect(await fieldValue(popup, 'textbox', 'City')).toBe('Draftville');
  await popup.locator(aria('button', 'Discard draft')).click();
  const city = await popup.waitForSelector(aria('textbox', 'City'));
  await popup.waitForFunction((e, v) => (e as HTMLInputElement).value === v, {}, city!, original);
  await popup.locator(aria('button', 'Cancel')).click();
  await popup.waitForSelector(aria('button', 'Edit billing profile'));
  // Cancel returns focus to the button that opened the form.
  await popup.waitForFunction(() => document.activeElement?.textContent === 'Edit billing profile');
  await popup.close();

  expect(await desk.ext.readItem(draft)).toBeNull();
  popup = await desk.ext.open('popup');
  await popup.waitForSelector(aria('button', 'Edit billing profile'));
  expect(await popup.$(aria('button', 'Discard draft'))).toBeNull();
  await popup.close();
});

/** The agent edits `mine` (field label → value) while a colleague saves `theirs`; Submit meets the conflict dialog. */
async function editAgainstColleague(popup: Page, index: number, mine: Record<string, string>, theirs: object) {
  const customer = await editBilling(popup, index);
  for (const [field, value] of Object.entries(mine)) await popup.locator(aria('textbox', field)).fill(value);
  await colleaguePatch(desk.api.url, billingPath(customer.id), theirs);
  await popup.locator(aria('button', 'Submit')).click();
  return { customer, dialog: (await popup.waitForSelector(CONFLICT))! };
}

for (const [option, expected] of [
  ['Keep my changes', 'Mine City'],
  ['Use theirs', 'Their City'],
] as const) {
  test(`a colleague's save behind the form's back: the conflict dialog, resolved with "${option}"`, async () => {
    const popup = await desk.ext.open('popup');
    const { customer, dialog } = await editAgainstColleague(
      popup,
      option === 'Use theirs' ? 4 : 3,
      { City: 'Mine City', 'Address line 2': 'Suite 7' },
      { defaultAddress: { city: 'Their City' }, lastName: 'Colleague' },
    );
    const text = await dialog.evaluate((d) => d.textContent);
    // Only the field both changed is asked about, their value beside the agent's.
    expect(text).not.toContain('Suite 7');
    expect(text).not.toContain('Colleague');
    const described = (selector: string) =>
      popup.$eval(selector, (radio) => document.getElementById(radio.getAttribute('aria-describedby')!)?.textContent);
    expect(await described(choice('City', 'Use theirs'))).toBe('Their City');
    expect(await described(choice('City', 'Keep my changes'))).toBe('Mine City');
    await popup.locator(choice('City', option)).click();
    await submitMerge(popup);

    const saved = (await callApi(desk.api.url, billingPath(customer.id))).body;
    expect(saved.defaultAddress.city).toBe(expected);
    // Fields only one side changed keep that side's value.
    expect(saved.defaultAddress.addressLine2).toBe('Suite 7');
    expect(saved.lastName).toBe('Colleague');
    await popup.close();
  });
}

test('several clashing fields: "Use theirs" for all, one field switched back to the agent\'s, then Submit', async () => {
  const popup = await desk.ext.open('popup');
  const { customer } = await editAgainstColleague(
    popup,
    9,
    { City: 'Mine City', 'Last name': 'Mine' },
    { defaultAddress: { city: 'Their City' }, lastName: 'Theirs' },
  );
  await popup.locator(`${CONFLICT} >>> ${aria('group', 'For all fields')} >>> ${aria('button', 'Use theirs')}`).click();
  const lastName = await popup.waitForSelector(choice('Last name', 'Use theirs'));
  expect(await lastName!.evaluate((radio) => (radio as HTMLInputElement).checked)).toBe(true);
  await popup.locator(choice('City', 'Keep my changes')).click();
  await submitMerge(popup);

  const saved = (await callApi(desk.api.url, billingPath(customer.id))).body;
  expect(saved.defaultAddress.city).toBe('Mine City');
  expect(saved.lastName).toBe('Theirs');
  await popup.close();
});

test('the address is checked before Submit: a lower-case state is flagged on its field and the suggestion can be taken', async () => {
  const all = await someCustomers(desk.api.url, 30);
  const us = all.slice(5).find((c) => c.billingProfile.defaultAddress.country === 'US');
  expect(us, 'the seed has a US customer').toBeDefined();
  const popup = await desk.ext.open('popup');
  await openBillingForm(popup, us!.companyProfile.companyName);
  const state = await popup.waitForSelector(aria('textbox', 'State or province'));
  const canonical = await state!.evaluate((s) => (s as HTMLInputElement).value);
  await popup.locator(aria('textbox', 'State or province')).fill(canonical.toLowerCase());
  await popup.locator(aria('button', 'Submit')).click();

  await popup.waitForFunction((s) => s.getAttribute('aria-invalid') === 'true', {}, state!);
  expect(
    await state!.evaluate((s) => document.getElementById(s.getAttribute('aria-describedby')!)?.textContent),
  ).toContain(canonical);
  await popup.locator(aria('button', 'Use suggested address')).click();
  expect(await state!.evaluate((s) => (s as HTMLInputElement).value)).toBe(canonical);
  await popup.locator(aria('textbox', 'City')).fill('Bellevue');
  await popup.locator(aria('button', 'Submit')).click();
  await waitForLiveText(popup, 'Billing profile saved.');
  const saved = (await callApi(desk.api.url, billingPath(us!.id))).body;
  expect(saved.defaultAddress).toMatchObject({ state: canonical, city: 'Bellevue' });
  await popup.close();
});

test("the server's 422 lands on its field: a colleague moved the customer to Russia, which needs a registration number", async () => {
  const all = await someCustomers(desk.api.url, 30);
  // Not one the other tests use, and in a country that needs no registration number.
  const other = all.slice(6).find((c) => !['US', 'RU'].includes(c.billingProfile.defaultAddress.country))!;
  expect(other, 'the seed has such a customer').toBeDefined();
  const popup = await desk.ext.open('popup');
  await openCustomer(popup, other.companyProfile.companyName);
  await popup.locator(aria('button', 'Edit company details')).click();
  await popup.locator(aria('textbox', 'Company name')).fill('Moved Ltd');
  await colleaguePatch(desk.api.url, billingPath(other.id), {
    defaultAddress: { country: 'RU', state: null, postalCode: '101000', phoneNumber: '+7 495 123 4567' },
  });

  await popup.locator(aria('button', 'Submit')).click();
  const number = await popup.waitForSelector(aria('textbox', 'Registration number'));
  await popup.waitForFunction((e) => e.getAttribute('aria-invalid') === 'true', {}, number!);
  expect(
    await number!.evaluate((e) => document.getElementById(e.getAttribute('aria-describedby')!)?.textContent),
  ).toContain('registration number');
  const company = (await callApi(desk.api.url, `/customers/${other.id}/profiles/company`)).body;
  expect(company.companyName).toBe(other.companyProfile.companyName);

  await popup.locator(aria('textbox', 'Registration number')).fill('1027700132195');
  await popup.locator(aria('button', 'Submit')).click();
  await waitForLiveText(popup, 'Company details saved.');
  expect((await callApi(desk.api.url, `/customers/${other.id}/profiles/company`)).body).toMatchObject({
    companyName: 'Moved Ltd',
    organizationRegistrationNumber: '1027700132195',
  });
  await popup.close();
});

test('an unsent edit moves to the side panel with the customer', async () => {
  const popup = await desk.ext.open('popup');
  await editBilling(popup, 5);
  await popup.locator(aria('textbox', 'Address line 2')).fill('Floor 3');
  const panel = await desk.ext.open('sidepanel');
  await panel.waitForSelector(aria('button', 'Discard draft'));
  expect(await fieldValue(panel, 'textbox', 'Address line 2')).toBe('Floor 3');
  await panel.locator(aria('button', 'Discard draft')).click();
  await panel.locator(aria('button', 'Cancel')).click();
  await panel.close();
  await popup.close();
});
