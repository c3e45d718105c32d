/**
 * The Partner Center sign-in renews itself (issue 25), against the local authority: tokens due are renewed by the
 * background's alarm before any view asks, and a refused refresh token is replaced by a silent sign-in
 * (`prompt=none`, answered from the authority's session) — the call succeeds and no window asks the agent.
 */
import { beforeAll, expect, test } from 'vitest';
import { callApi, openCustomer, someCustomers } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { signInItem } from '@/services/sign-in/session-item';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';
import { putSignIn, signInToLocalPartnerCenter } from '../helpers/sign-in-window';

const desk = withExtensionAndApi({ seed: 6, seedValue: 8 });

let customers: Awaited<ReturnType<typeof someCustomers>>;

beforeAll(async () => {
  customers = await someCustomers(desk.api.url, 3);
  await signInToLocalPartnerCenter(desk.ext, desk.api.url);
  await desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']);
});

/** The authority's sign-in page requests, as its request journal recorded them: the `prompt` each asked with. */
async function authorizePrompts(): Promise<(string | undefined)[]> {
  const journal = await callApi<{ requests: { query: Record<string, string> }[] }>(
    desk.api.url,
    '/__admin/requests?method=GET&path=/organizations/oauth2/v2.0/authorize',
  );
  return journal.body.requests.map((r) => r.query.prompt);
}

test('tokens due are renewed by the background before any view asks', async () => {
  const options = await desk.ext.open('options');
  const before = await desk.ext.readItem(signInItem, options);
  // Due in a moment: the alarm set for it wakes the background, which renews them with no view open to ask.
  await putSignIn(options, { ...before, tokens: { ...before.tokens!, refreshAt: Date.now() + 1000 } });
  await expect
    .poll(async () => (await desk.ext.readItem(signInItem, options)).tokens?.accessToken, { timeout: 15_000 })
    .not.toBe(before.tokens!.accessToken);
  expect((await desk.ext.readItem(signInItem, options)).status).toBe('signedIn');
  await options.close();
});

test('the refresh token refused: a silent sign-in, the call succeeds, no window asks', async () => {
  const [customer] = customers;
  const page = await desk.ext.open('popup');
  const before = await desk.ext.readItem(signInItem, page);
  const asked = (await authorizePrompts()).length;
  await putSignIn(page, {
    ...before,
    tokens: { ...before.tokens!, refreshToken: 'revoked', refreshAt: Date.now() - 1, expiresAt: Date.now() - 1 },
  });
  await openCustomer(page, customer.companyProfile.companyName);
  const after = await desk.ext.readItem(signInItem, page);
  expect(after).toMatchObject({ status: 'signedIn', problem: null, account: { upn: 'adminagent@partner.test' } });
  expect(after.tokens!.accessToken).not.toBe(before.tokens!.accessToken);
  // The authority was asked once more, without UI; the agent was never asked.
  const prompts = await authorizePrompts(); // newest first
  expect(prompts.slice(0, prompts.length - asked)).toEqual(['none']);
  expect(await page.$(aria('button', 'Sign in again'))).toBeNull();
  await page.close();
});
