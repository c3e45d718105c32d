/**
 * The Partner Center connection in real Chromium, against the local Partner Center (the mock's /v1 and its sign-in
 * authority): the options set to it, the sign-in through the real launchWebAuthFlow window, then the agent's job —
 * search, open, edit billing and Submit, a colleague's change meanwhile, the purchase permission granted and
 * removed — and signing out. The tests share one signed-in browser, in this order.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, expect, test } from 'vitest';
import {
  billingPath,
  CONFLICT,
  callApi,
  choice,
  openBillingForm,
  openCustomer,
  submitMerge,
  textOf,
  waitForLiveText,
} from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { wholeCustomers } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';
import { signInItem } from '@/services/sign-in/session-item';
import {
  connectionItem,
  currentCustomerItem,
  languageItem,
  PARTNER_CENTER_DEFAULTS,
  searchQueryItem,
} from '@/services/storage';
import { violations } from '../helpers/axe';
import { withExtensionAndApi } from '../helpers/fixtures';
import { signInThroughWindow, signInWindow } from '../helpers/sign-in-window';

const desk = withExtensionAndApi({ seed: 30, seedValue: 9 });

interface Listed {
  id: string;
  companyProfile: { companyName: string };
  purchasePermission: { azureReservations: boolean; azureSavingsPlans: boolean };
}
let customers: Listed[];
/** Customers nobody has opened self-service to, for the permission test. */
let closed: Listed[];

beforeAll(async () => {
  customers = await wholeCustomers(desk.api, 30);
  closed = customers.filter((c) => !c.purchasePermission.azureReservations && !c.purchasePermission.azureSavingsPlans);
});

const fieldValue = (page: Page, role: string, name: string) =>
  page.$eval(aria(role, name), (e) => (e as HTMLInputElement).value);

async function fill(page: Page, name: string, value: string) {
  const field = (await page.waitForSelector(aria('textbox', name)))!;
  await field.click({ count: 3 });
  await field.type(value);
}

/** A popup on the search, nothing open. */
async function popup(): Promise<Page> {
  await desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']);
  return desk.ext.open('popup');
}

test('options: Connection → Partner Center, then Sign in through the sign-in window; tokens only in session storage', async () => {
  const options = await desk.ext.open('options');
  await options.waitForSelector(aria('radiogroup', 'Connection'));
  const mock = await options.waitForSelector(aria('radio', 'Mock API'));
  expect(await mock!.evaluate((r) => (r as HTMLInputElement).checked)).toBe(true);
  await options.locator(aria('radio', 'Partner Center')).click();
  // Microsoft's own addresses until the agent says otherwise; the Role combobox is the mock's.
  await options.waitForSelector(aria('textbox', 'Sign-in address'));
  expect(await fieldValue(options, 'textbox', 'API address')).toBe(PARTNER_CENTER_DEFAULTS.apiBase);
  expect(await fieldValue(options, 'textbox', 'Sign-in address')).toBe(PARTNER_CENTER_DEFAULTS.signInAddress);
  expect(await options.$(aria('combobox', 'Role'))).toBeNull();
  expect(await desk.ext.readItem(connectionItem, options)).toBe('partnerCenter');

  // Without an Application ID nothing is asked of anyone.
  await fill(options, 'API address', desk.api.url);
  await fill(options, 'Sign-in address', `${desk.api.url}/organizations`);
  await options.locator(aria('button', 'Sign in')).click();
  const appId = (await options.waitForSelector(aria('textbox', 'Application ID')))!;
  await options.waitForFunction((input) => input.getAttribute('aria-invalid') === 'true', {}, appId);
  expect(await appId.evaluate((input) => input === document.activeElement)).toBe(true);

  await fill(options, 'Application ID', 'customer-desk-e2e');
  await signInThroughWindow(desk.ext, options, 'Sign in', 'Admin agent');
  expect(await waitForLiveText(options, 'Signed in')).toBe(
    'Signed in to Partner Center as Admin agent (test user) (Admin agent).',
  );
  // Signed in, the connection cannot change under the tokens; Sign out can.
  expect(await appId.evaluate((input) => (input as HTMLInputElement).readOnly)).toBe(true);
  await options.waitForSelector(aria('button', 'Sign out'));

  const state = await desk.ext.readItem(signInItem, options);
  expect(state.account).toMatchObject({ upn: 'adminagent@partner.test', role: 'admin-agent' });
  const local = await options.evaluate(() =>
    (
      globalThis as unknown as { chrome: { storage: { local: { get: () => Promise<object> } } } }
    ).chrome.storage.local.get(),
  );
  expect(JSON.stringify(local)).not.toContain(state.tokens!.accessToken);
  expect(JSON.stringify(local)).not.toContain(state.tokens!.refreshToken!);
  await options.close();
});

test('the header names the account and its role; search is starts_with and says so; the account page reads /v1', async () => {
  const page = await popup();
  // The prerendered header is there before the sign-in is read from session storage.
  await expect.poll(() => textOf(page, 'banner')).toContain('Admin agent (test user) · Admin agent');
  expect(await page.$(aria('combobox', 'Role'))).toBeNull();
  const search = (await page.waitForSelector(aria('searchbox', 'Search customers')))!;
  expect(await search.evaluate((s) => (s as HTMLInputElement).placeholder)).toBe(
    'Company name or domain, from its start',
  );
  // The middle of a name finds nothing in Partner Center, and the agent is told why.
  const [customer] = customers;
  const name = customer.companyProfile.companyName;
  const middle = name.split(/\s+/).at(-1)!.slice(1);
  await search.type(`zz${middle}`);
  expect(await waitForLiveText(page, 'starts with')).toBe(`No company name or domain starts with “zz${middle}”.`);

  await openCustomer(page, name);
  // Company details are read-only in Partner Center: the reason, and the way to the customer there.
  const editCompany = (await page.waitForSelector(aria('button', 'Edit company details')))!;
  expect(await editCompany.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  expect(
    await editCompany.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby')!)?.textContent),
  ).toBe("Partner Center's API cannot change company details.");
  const link = (await page.waitForSelector(aria('link', 'Open in Partner Center')))!;
  expect(await link.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(
    `https://partner.microsoft.com/dashboard/v2/customers/${customer.id}/account`,
  );
  await page.close();
});

test('edit the billing profile and Submit: written through /v1, in recent changes under the signed-in user', async () => {
  const customer = customers[1];
  const page = await popup();
  await openBillingForm(page, customer.companyProfile.companyName);
  await fill(page, 'City', 'Springfield');
  await page.locator(aria('button', 'Submit')).click();
  await waitForLiveText(page, 'Billing profile saved.');
  const saved = await callApi(desk.api.url, billingPath(customer.id));
  expect(saved.body.defaultAddress.city).toBe('Springfield');
  const changes = await page.waitForSelector(aria('region', 'Recent changes'));
  await page.waitForFunction((e) => e.textContent?.includes('adminagent@partner.test'), {}, changes!);
  // The change named as the form names the field, with the values before → after.
  expect(await changes!.evaluate((e) => e.textContent)).toMatch(/Update billing profile.*City: .+ → Springfield/);

  // Undo, through the same PUT.
  await page.locator(aria('button', 'Undo')).click();
  await waitForLiveText(page, 'Change undone.');
  const undone = await callApi(desk.api.url, billingPath(customer.id));
  expect(undone.body.defaultAddress.city).not.toBe('Springfield');
  await page.close();
});

test("a colleague's save through /v1 meanwhile: the same merge dialog, then the agent's choice saved", async () => {
  const customer = customers[2];
  const v1Billing = `/v1${billingPath(customer.id)}`;
  const page = await popup();
  await openBillingForm(page, customer.companyProfile.companyName);
  await fill(page, 'City', 'Mine City');

  const colleague = (await signIn(desk.api.url, 'salesagent@partner.test')).access_token;
  const theirs = (await pc(desk.api.url, colleague, v1Billing)).body;
  const put = await pc(desk.api.url, colleague, v1Billing, {
    method: 'PUT',
    body: { ...theirs, defaultAddress: { ...theirs.defaultAddress, city: 'Their City' } },
  });
  expect(put.status).toBe(200);

  await page.locator(aria('button', 'Submit')).click();
  const dialog = await page.waitForSelector(CONFLICT);
  const text = await dialog!.evaluate((d) => d.textContent);
  expect(text).toContain('Their City');
  expect(text).toContain('Mine City');
  await page.locator(choice('City', 'Keep my changes')).click();
  await submitMerge(page);
  expect((await pc(desk.api.url, colleague, v1Billing)).body.defaultAddress.city).toBe('Mine City');
  await page.close();
});

test('grant and remove a purchase permission: the SelfServePolicy is created, then deleted', async () => {
  const customer = closed[0];
  const colleague = (await signIn(desk.api.url, 'adminagent@partner.test')).access_token;
  const policyOf = async () =>
    (await pc(desk.api.url, colleague, `/v1/SelfServePolicy?entity_id=${customer.id}`)).body.items;
  const page = await popup();
  await openCustomer(page, customer.companyProfile.companyName);
  const toggle = (await page.waitForSelector(aria('switch', 'Allow purchase of Azure savings plans')))!;

  await page.locator(aria('switch', 'Allow purchase of Azure savings plans')).click();
  await page.locator(aria('button', 'Turn on')).click();
  await waitForLiveText(page, 'Purchase of Azure savings plans allowed.');
  await page.waitForFunction((s) => s.getAttribute('aria-checked') === 'true', {}, toggle);
  const [policy] = await policyOf();
  expect(policy.permissions).toEqual([{ resource: 'AzureSavingsPlan', action: 'Purchase' }]);

  await page.locator(aria('switch', 'Allow purchase of Azure savings plans')).click();
  await page.locator(aria('button', 'Turn off')).click();
  await waitForLiveText(page, 'Purchase of Azure savings plans no longer allowed.');
  await page.waitForFunction((s) => s.getAttribute('aria-checked') === 'false', {}, toggle);
  expect(await policyOf()).toEqual([]);
  const changes = await page.waitForSelector(aria('region', 'Recent changes'));
  await page.waitForFunction((e) => e.textContent?.includes('Delete customer purchase permission'), {}, changes!);
  await page.close();
});

test('axe finds nothing on the Partner Center views, in English and in Russian', async () => {
  const customer = customers[4];
  for (const language of ['en', 'ru']) {
    await desk.ext.setItems([languageItem, language], [currentCustomerItem, customer.id], [searchQueryItem, '']);
    const options = await desk.ext.open('options');
    await options.waitForSelector(aria('radiogroup', language === 'ru' ? 'Подключение' : 'Connection'));
    expect.soft(await violations(options), `options (${language})`).toEqual([]);
    const page = await desk.ext.open('popup');
    await page.waitForSelector(aria('heading', customer.companyProfile.companyName));
    await page.waitForSelector(aria('link', language === 'ru' ? 'Открыть в Partner Center' : 'Open in Partner Center'));
    expect.soft(await violations(page), `account page (${language})`).toEqual([]);
    await page.close();
    await options.close();
  }
  await desk.ext.setItems([languageItem, 'auto']);
});

test('a closed sign-in window is "cancelled": still signed out, and the agent is told why', async () => {
  const options = await desk.ext.open('options');
  await options.locator(aria('button', 'Sign out')).click();
  await waitForLiveText(options, 'Not signed in to Partner Center.');
  const opened = signInWindow(desk.ext);
  await options.locator(aria('button', 'Sign in')).click();
  await (await opened).close();
  expect(await waitForLiveText(options, 'cancelled')).toBe('Sign-in cancelled: the window was closed.');
  expect((await desk.ext.readItem(signInItem, options)).tokens).toBeNull();
  await options.close();
});

test("a Sales agent's token: the permission is read-only with the reason; sign out leaves the header asking to sign in", async () => {
  const options = await desk.ext.open('options');
  await signInThroughWindow(desk.ext, options, 'Sign in', 'Sales agent');
  const page = await popup();
  expect(await textOf(page, 'banner')).toContain('Sales agent (test user) · Sales agent');
  await openCustomer(page, customers[3].companyProfile.companyName);
  const toggle = (await page.waitForSelector(aria('switch', 'Allow purchase of Azure reservations')))!;
  expect(await toggle.evaluate((s) => (s as HTMLButtonElement).disabled)).toBe(true);
  expect(await toggle.evaluate((s) => document.getElementById(s.getAttribute('aria-describedby')!)?.textContent)).toBe(
    'The Sales agent role cannot give or remove purchase permission.',
  );

  await options.bringToFront();
  await options.locator(aria('button', 'Sign out')).click();
  await waitForLiveText(options, 'Not signed in to Partner Center.');
  expect(await desk.ext.readItem(signInItem, options)).toMatchObject({ status: 'signedOut', tokens: null });
  await page.bringToFront();
  await page.waitForSelector(aria('button', 'Sign in'));
  expect(await textOf(page, 'banner')).toContain('Not signed in to Partner Center.');
  await page.close();
  await options.close();
});
