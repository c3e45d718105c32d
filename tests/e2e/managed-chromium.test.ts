/**
 * An organisation presets and locks the Partner Center connection by machine policy, as IT deploys it
 * (docs/deploying.md): real Chromium reads `/etc/chromium/policies/managed/*.json` and gives the extension (loaded
 * from the command line) its storage.managed. The agent's own settings differ, and stay as they were.
 * The policy file is machine-wide: written before the browser starts, removed when it closes (managed-policy.ts).
 */
import type { Page } from 'puppeteer-core';
import { expect, test } from 'vitest';
import { callApi, descriptionOf, openCustomer, someCustomers, waitForLiveText } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { launchChromiumWithPolicy } from '@/harness/managed-policy';
import { connectionItem, type PartnerCenterSettings, partnerCenterItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';
import { signInWindow } from '../helpers/sign-in-window';

const ORG_APP = 'contoso-desk-app';
const OWN: PartnerCenterSettings = {
  apiBase: 'https://own-pc.example',
  signInAddress: 'https://login.microsoftonline.com/own-tenant.example',
  clientId: 'agent-own-app',
};

let removePolicy: () => void;
const desk = withExtensionAndApi({ seed: 12, seedValue: 5 }, async ({ apiUrl } = {}) => {
  const { ext, removePolicy: remove } = await launchChromiumWithPolicy({
    connection: 'partnerCenter',
    apiAddress: apiUrl,
    signInAddress: `${apiUrl}/organizations`,
    applicationId: ORG_APP,
    // Invalid: ignored with a notice, the agent's own language stays in force.
    language: 'klingon',
  });
  removePolicy = remove;
  await ext.setItems([connectionItem, 'mock'], [partnerCenterItem, OWN]);
  return ext;
});

const field = (page: Page, name: string) =>
  page.$eval(aria('textbox', name), (e) => {
    const input = e as HTMLInputElement;
    return { value: input.value, readOnly: input.readOnly };
  });

test('the options page shows the organisation’s connection read-only, "Set by your organisation"', async () => {
  const options = await desk.ext.open('options');
  await options.waitForSelector(aria('textbox', 'Application ID'));
  const radios = await options.$$eval('input[type="radio"]', (all) =>
    all.map((r) => ({ value: (r as HTMLInputElement).value, checked: (r as HTMLInputElement).checked })),
  );
  expect(radios).toEqual([
    { value: 'mock', checked: false },
    { value: 'partnerCenter', checked: true },
  ]);
  for (const name of ['Mock API', 'Partner Center'])
    expect(await options.$eval(aria('radio', name), (r) => (r as HTMLInputElement).disabled)).toBe(true);
  expect(await descriptionOf(options, aria('radiogroup', 'Connection'))).toBe('Set by your organisation');

  expect(await field(options, 'API address')).toEqual({ value: desk.api.url, readOnly: true });
  expect(await field(options, 'Sign-in address')).toEqual({ value: `${desk.api.url}/organizations`, readOnly: true });
  expect(await field(options, 'Application ID')).toEqual({ value: ORG_APP, readOnly: true });
  for (const name of ['API address', 'Sign-in address', 'Application ID'])
    expect(await descriptionOf(options, aria('textbox', name))).toBe('Set by your organisation');

  // The invalid value is said, and the agent keeps choosing the language.
  expect(await waitForLiveText(options, 'klingon')).toBe(
    'Your organisation’s setting language = klingon is ignored. Use one of auto, en, ru.',
  );
  expect(await options.$eval(aria('combobox', 'Language'), (s) => (s as HTMLSelectElement).disabled)).toBe(false);

  // Underneath, the agent's own settings are as they were.
  expect(await desk.ext.readItem(connectionItem, options)).toBe('mock');
  expect(await desk.ext.readItem(partnerCenterItem, options)).toEqual(OWN);
  await options.close();
});

test('Sign in goes to the organisation’s sign-in address with its Application ID, and the views call its API', async () => {
  const options = await desk.ext.open('options');
  const opened = signInWindow(desk.ext);
  await options.locator(aria('button', 'Sign in')).click();
  const window = await opened;
  const authorize = new URL(window.url());
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${desk.api.url}/organizations/oauth2/v2.0/authorize`);
  expect(authorize.searchParams.get('client_id')).toBe(ORG_APP);
  await window.locator(aria('button', 'Sign in as Sales agent')).click();
  await options.bringToFront();
  expect(await waitForLiveText(options, 'Signed in')).toBe(
    'Signed in to Partner Center as Sales agent (test user) (Sales agent).',
  );
  // Signing in saved nothing over the agent's own values.
  expect(await desk.ext.readItem(partnerCenterItem, options)).toEqual(OWN);
  await options.close();

  const [customer] = await someCustomers(desk.api.url, 1);
  const popup = await desk.ext.open('popup');
  await openCustomer(popup, customer.companyProfile.companyName);
  // The account came from the organisation's API (the agent's own, https://own-pc.example, is nowhere).
  const journal = await callApi(desk.api.url, `/__admin/requests?method=GET&path=/v1/customers/${customer.id}`);
  expect(journal.body.total).toBeGreaterThan(0);
  await popup.close();
});

test('when IT removes the policy, the running extension is the agent’s again, with their own settings', async () => {
  const options = await desk.ext.open('options');
  await options.waitForSelector(aria('textbox', 'Application ID'));
  removePolicy();
  // Chromium watches the policy folder and hands the change to storage.managed; the page follows it.
  const mock = (await options.waitForSelector(aria('radio', 'Mock API')))!;
  await options.waitForFunction((r) => (r as HTMLInputElement).checked && !(r as HTMLInputElement).disabled, {}, mock);
  expect(await options.$(aria('textbox', 'Application ID'))).toBeNull();
  // The agent may choose again; their own Partner Center settings are there (read-only only while signed in).
  await options.locator(aria('radio', 'Partner Center')).click();
  await options.waitForSelector(aria('textbox', 'Application ID'));
  expect((await field(options, 'API address')).value).toBe(OWN.apiBase);
  expect((await field(options, 'Sign-in address')).value).toBe(OWN.signInAddress);
  expect((await field(options, 'Application ID')).value).toBe(OWN.clientId);
  expect(await descriptionOf(options, aria('textbox', 'Application ID'))).toBe('Sign out to change the connection.');
  await options.close();
});
