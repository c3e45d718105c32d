/**
 * The authority's sign-in page in real Chromium, as `launchWebAuthFlow` will show it: found by role and name, its
 * button signs in and the browser lands on redirect_uri with the code and state; the code redeems with PKCE.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { aria, type ExtensionBrowser, launchExtension } from '@/harness/extension';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { authorizeUrl, CLIENT_ID, pkce, token } from '@/harness/partner-center';
import { violations } from '../helpers/axe';

let api: InProcessApi;
let ext: ExtensionBrowser;

beforeAll(async () => {
  api = await startApi({ seed: 3 });
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
  await api?.stop();
});

test('a browser signs in with the button: redirected to redirect_uri with code and state; the code redeems', async () => {
  const { verifier, challenge } = pkce();
  const redirectUri = `${api.url}/callback`;
  const page = await ext.browser.newPage();
  await page.goto(authorizeUrl(api.url, { redirectUri, challenge, state: 'st-9' }));
  await page.bringToFront();
  expect(await page.title()).toBe('Sign in to the mock Partner Center');
  await page.waitForSelector(aria('heading', 'Sign in to the mock Partner Center'));
  for (const name of ['Global admin', 'Admin agent', 'Helpdesk agent', 'Billing admin'])
    expect(await page.$(aria('button', `Sign in as ${name}`))).not.toBeNull();

  await Promise.all([page.waitForNavigation(), page.locator(aria('button', 'Sign in as Sales agent')).click()]);
  const landed = new URL(page.url());
  expect(`${landed.origin}${landed.pathname}`).toBe(redirectUri);
  expect(landed.searchParams.get('state')).toBe('st-9');
  const res = await token(api.url, {
    grant_type: 'authorization_code',
    code: landed.searchParams.get('code')!,
    redirect_uri: redirectUri,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  expect(decodeJwt(res.body.access_token)).toMatchObject({ upn: 'salesagent@partner.test', roles: ['sales-agent'] });
  await page.close();
});

test('the page passes axe', async () => {
  const page = await ext.browser.newPage();
  await page.goto(authorizeUrl(api.url, { redirectUri: `${api.url}/callback` }));
  expect(await violations(page)).toEqual([]);
  await page.close();
});
