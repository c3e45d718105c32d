/**
 * Tokens running out while the agent edits, against a local Partner Center whose access tokens live 6 seconds
 * (`--token-lifetime 6`): refreshed before a request, refreshed and sent again after a 401, and — when the refresh
 * is refused too, and the authority has no session for a silent sign-in — "Sign in again" without losing the draft,
 * even across closing the popup.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, beforeEach, expect, test } from 'vitest';
import { billingPath, callApi, openBillingForm, someCustomers, waitForLiveText } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { draftItem } from '@/services/drafts';
import { signInItem } from '@/services/sign-in/session-item';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import type { SignIn } from '@/state/sign-in';
import { withExtensionAndApi } from '../helpers/fixtures';
import { putSignIn, signInThroughWindow, signInToLocalPartnerCenter } from '../helpers/sign-in-window';

const LIFETIME_MS = 6000;
const desk = withExtensionAndApi({ seed: 12, seedValue: 4, tokenLifetime: LIFETIME_MS / 1000 });

let customers: Awaited<ReturnType<typeof someCustomers>>;

beforeAll(async () => {
  customers = await someCustomers(desk.api.url, 6);
  await signInToLocalPartnerCenter(desk.ext, desk.api.url);
});

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']));

/** Opens the customer's billing form in a new popup and types a new city: an unsent edit. */
async function editCity(index: number, city: string): Promise<Page> {
  const page = await desk.ext.open('popup');
  await openBillingForm(page, customers[index].companyProfile.companyName);
  await page.locator(aria('textbox', 'City')).fill(city);
  return page;
}

const signInState = (page: Page) => desk.ext.readItem(signInItem, page);

/** Waits, touching nothing, until the access token the extension holds has run out. */
async function outlive(page: Page): Promise<SignIn> {
  const state = await signInState(page);
  await new Promise((done) => setTimeout(done, Math.max(0, state.tokens!.expiresAt - Date.now()) + 500));
  return state;
}

const cityOf = async (index: number) =>
  (await callApi(desk.api.url, billingPath(customers[index].id))).body.defaultAddress.city;

test('a token that ran out while the agent was editing is refreshed before the Submit goes out', async () => {
  const page = await editCity(0, 'Refreshville');
  const before = await outlive(page);
  await page.locator(aria('button', 'Submit')).click();
  await waitForLiveText(page, 'Billing profile saved.');
  expect(await cityOf(0)).toBe('Refreshville');
  const after = await signInState(page);
  expect(after.tokens!.accessToken).not.toBe(before.tokens!.accessToken);
  // Rotated: the refresh token used is replaced.
  expect(after.tokens!.refreshToken).not.toBe(before.tokens!.refreshToken);
  await page.close();
});

test('a token refused though it looked fresh (401): one refresh, and the same request sent again', async () => {
  const page = await editCity(1, 'Retryton');
  const expired = await outlive(page);
  // A clock that disagrees with the authority's: the extension takes the run-out token for a fresh one.
  await putSignIn(page, { ...expired, tokens: { ...expired.tokens!, refreshAt: Date.now() + 3_600_000 } });
  await page.locator(aria('button', 'Submit')).click();
  await waitForLiveText(page, 'Billing profile saved.');
  expect(await cityOf(1)).toBe('Retryton');
  expect((await signInState(page)).tokens!.accessToken).not.toBe(expired.tokens!.accessToken);
  await page.close();
});

test('the refresh refused and no silent sign-in: "Sign in again", the draft kept across closing the popup, then Submit', async () => {
  const customer = customers[2];
  let page = await editCity(2, 'Draftburg');
  const expired = await outlive(page);
  // The authority's sign-in session gone (its cookie cleared): the silent sign-in (prompt=none) is refused too.
  const cdp = await page.createCDPSession();
  await cdp.send('Network.clearBrowserCookies');
  await cdp.detach();
  await putSignIn(page, {
    ...expired,
    tokens: { ...expired.tokens!, refreshAt: Date.now() + 3_600_000, refreshToken: 'revoked' },
  });
  await page.locator(aria('button', 'Submit')).click();
  expect(await waitForLiveText(page, 'changes are kept')).toBe(
    'Your Partner Center sign-in has expired. Sign in again, then retry: your changes are kept.',
  );
  await page.waitForSelector(aria('button', 'Sign in again'));
  const draft = draftItem(customer.id, 'billing');
  await expect
    .poll(() => desk.ext.readItem(draft, page))
    .toMatchObject({ values: { 'defaultAddress.city': 'Draftburg' } });
  await page.close();

  // The popup closed (as it does when the sign-in window opens); signed in again, the customer is read again and
  // the draft comes back with the form.
  page = await desk.ext.open('popup');
  await waitForLiveText(page, 'changes are kept');
  await signInThroughWindow(desk.ext, page, 'Sign in again', 'Admin agent');
  await page.waitForSelector(aria('button', 'Discard draft'));
  expect(await page.$eval(aria('textbox', 'City'), (e) => (e as HTMLInputElement).value)).toBe('Draftburg');
  await page.locator(aria('button', 'Submit')).click();
  await waitForLiveText(page, 'Billing profile saved.');
  expect(await cityOf(2)).toBe('Draftburg');
  await expect.poll(() => desk.ext.readItem(draft, page)).toBeNull();
  await page.close();
});
