/** Steps of the agent's job shared by the end-to-end tests and the screenshots: by role and accessible name only. */
import type { Page } from 'puppeteer-core';
import { aria } from './extension';
import { type CallOptions, call } from './mock-api';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  etag: string | null;
}

/** A request to the mock API as a colleague (or the test) would send it, behind the extension's back. */
export async function callApi<T = any>(
  baseUrl: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiAnswer<T>> {
  const { status, headers, body } = await call(baseUrl, path, options);
  return { status, body: body as T, etag: headers.get('ETag') };
}

/** GETs a resource, then PATCHes it with its ETag: a colleague's save. */
export async function colleaguePatch(baseUrl: string, path: string, patch: object) {
  const { etag } = await callApi(baseUrl, path);
  const answer = await callApi(baseUrl, path, { method: 'PATCH', body: patch, ifMatch: etag ?? '' });
  if (answer.status !== 200)
    throw new Error(`colleague's PATCH ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/** The first seeded customers, in the API's order. */
export async function someCustomers(baseUrl: string, limit = 5) {
  return (
    await callApi<
      {
        id: string;
        companyProfile: { companyName: string; domain: string };
        billingProfile: { defaultAddress: { country: string; city: string } };
      }[]
    >(baseUrl, `/customers?_limit=${limit}`)
  ).body;
}

/** Types into the search box, picks the customer by name and waits for their Account page. */
export async function openCustomer(page: Page, companyName: string, typed = companyName.slice(0, 8)) {
  await page.bringToFront();
  const search = page.locator(aria('searchbox', 'Search customers'));
  await search.fill(typed);
  await page.locator(aria('option', companyName)).click();
  await page.waitForSelector(aria('heading', companyName));
}

/** Where a customer's billing profile is in the mock API. */
export const billingPath = (id: string) => `/customers/${id}/profiles/billing`;

/** Opens the customer's Account page, then its billing profile form (Edit billing profile), ready to type in. */
export async function openBillingForm(page: Page, companyName: string) {
  await openCustomer(page, companyName);
  await page.locator(aria('button', 'Edit billing profile')).click();
  await page.waitForSelector(aria('textbox', 'City'));
}

/** The text of the element found by role and name. */
export async function textOf(page: Page, role: string, name?: string): Promise<string> {
  const element = await page.waitForSelector(aria(role, name));
  return (await element!.evaluate((e) => e.textContent ?? '')).trim();
}

/** An element's accessible description: the text of the elements its `aria-describedby` names. */
export const descriptionOf = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (e) =>
    (e.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' '),
  );

/** Waits until a live region (status or alert) says something containing `text`, and returns what it says. */
export async function waitForLiveText(page: Page, text: string): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('[role="status"],[role="alert"]')]
        .map((e) => e.textContent ?? '')
        .find((s) => s.includes(wanted)),
    {},
    text,
  );
  return (await handle.jsonValue()) as string;
}

export const CONFLICT = aria('dialog', 'This customer was changed');
/** In the conflict dialog, the field's group of radios (named by its label) and one of them. */
export const choice = (field: string, option: string) =>
  `${CONFLICT} >>> ${aria('group', field)} >>> ${aria('radio', option)}`;

/** The conflict dialog's Submit sends the merge; waits until it is saved. */
export async function submitMerge(page: Page) {
  await page.locator(`${CONFLICT} >>> ${aria('button', 'Submit')}`).click();
  await waitForLiveText(page, 'Billing profile saved.');
}
