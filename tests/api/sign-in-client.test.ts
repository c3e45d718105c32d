/**
 * The extension's sign-in code (services/sign-in/oauth.ts, oauth4webapi underneath) against the real mock authority,
 * the browser's sign-in window played by a function: what it asks for (code + PKCE S256, state, the Partner Center
 * scope), what it makes of the answers, and how refresh tokens are renewed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '@/harness/contract';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { pc, REDIRECT_URI } from '@/harness/partner-center';
import { accountOf, refreshTokens, SIGN_IN_SCOPE, SignInError, signInInteractively } from '@/services/sign-in/oauth';
import type { PartnerCenterSettings } from '@/services/storage';

let api: InProcessApi;
let settings: PartnerCenterSettings;

beforeAll(async () => {
  api = await startApi({ seed: 5, tokenLifetime: 60 });
  settings = { apiBase: api.url, signInAddress: `${api.url}/organizations`, clientId: 'customer-desk-tests' };
});
afterAll(() => api?.stop());

/** The sign-in window, with the agent choosing the test user `upn`: the address the authority redirects to. */
const chooses =
  (upn: string, seen: URL[] = []) =>
  async (url: string) => {
    const asked = new URL(url);
    seen.push(asked);
    asked.searchParams.set('login_hint', upn);
    const res = await checkedFetch(asked.href, { redirect: 'manual' });
    if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
    return res.headers.get('Location')!;
  };

const signInAs = (upn: string, seen?: URL[]) =>
  signInInteractively(settings, chooses(upn, seen), REDIRECT_URI, Date.now);

test('signs in with the authorization code and PKCE: the account from the token, which /v1 takes', async () => {
  const seen: URL[] = [];
  const before = Date.now();
  const { tokens, account } = await signInAs('salesagent@partner.test', seen);
  const asked = seen[0].searchParams;
  expect(`${seen[0].origin}${seen[0].pathname}`).toBe(`${api.url}/organizations/oauth2/v2.0/authorize`);
  expect(Object.fromEntries([...asked].filter(([k]) => k !== 'login_hint'))).toEqual({
    client_id: 'customer-desk-tests',
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: SIGN_IN_SCOPE,
    state: expect.stringMatching(/^[\w-]{20,}$/),
    code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    code_challenge_method: 'S256',
  });
  expect(SIGN_IN_SCOPE).toBe('https://api.partnercenter.microsoft.com/user_impersonation offline_access');
  expect(account).toEqual({
    name: expect.stringContaining('Sales agent'),
    upn: 'salesagent@partner.test',
    role: 'sales-agent',
    tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  // --token-lifetime 60: refreshed 12 s (a fifth) before it runs out.
  expect(tokens.expiresAt - before).toBeGreaterThanOrEqual(59_000);
  expect(tokens.expiresAt - tokens.refreshAt).toBe(12_000);
  expect(tokens.refreshToken).toBeTruthy();
  expect((await pc(api.url, tokens.accessToken, '/v1/customers?size=1')).status).toBe(200);
});

test('a refresh brings a new refresh token; the used one still works (as Entra ID); a refused one is "expired"', async () => {
  const first = await signInAs('adminagent@partner.test');
  const second = await refreshTokens(settings, first.tokens.refreshToken!, Date.now);
  expect(second.tokens.refreshToken).not.toBe(first.tokens.refreshToken);
  expect(second.account.role).toBe('admin-agent');
  expect((await pc(api.url, second.tokens.accessToken, '/v1/customers?size=1')).status).toBe(200);
  // Another tab refreshing with the same token at the same time is not signed out.
  const again = await refreshTokens(settings, first.tokens.refreshToken!, Date.now);
  expect(again.account.role).toBe('admin-agent');
  // A refresh token the authority refuses (here: issued to another application) means signing in again.
  const refused = await refreshTokens(
    { ...settings, clientId: 'another-app' },
    first.tokens.refreshToken!,
    Date.now,
  ).catch((e) => e);
  expect(refused).toBeInstanceOf(SignInError);
  expect(refused.problem).toBe('expired');
  expect(refused.detail).toMatch(/^invalid_grant/);
});

test('the window closed is "cancelled"; an error the authority redirects with is "refused", with its words', async () => {
  const closed = await signInInteractively(
    settings,
    async () => Promise.reject(new Error('The user did not approve access.')),
    REDIRECT_URI,
    Date.now,
  ).catch((e) => e);
  expect(closed).toMatchObject({ problem: 'cancelled' });

  const refused = await signInInteractively(
    settings,
    async (url) => {
      const state = new URL(url).searchParams.get('state')!;
      return `${REDIRECT_URI}?${new URLSearchParams({ error: 'access_denied', error_description: 'AADSTS65004: declined', state })}`;
    },
    REDIRECT_URI,
    Date.now,
  ).catch((e) => e);
  expect(refused).toMatchObject({ problem: 'refused', detail: 'AADSTS65004: declined' });
});

test('an answer for another sign-in (its state not ours) is refused before any code is redeemed', async () => {
  const other = await chooses('adminagent@partner.test')(
    `${api.url}/organizations/oauth2/v2.0/authorize?${new URLSearchParams({
      client_id: 'customer-desk-tests',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      state: 'someone-elses',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    })}`,
  );
  const error = await signInInteractively(settings, async () => other, REDIRECT_URI, Date.now).catch((e) => e);
  expect(error).toMatchObject({ problem: 'failed' });
});

test('a token without our role ids (a real Partner Center token) names the user and leaves the role unknown', () => {
  const claims = { name: 'Ann Lee', upn: 'ann@contoso.com', tid: 'partner-tenant', roles: ['Admin'] };
  const token = `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
  expect(accountOf(token)).toEqual({ name: 'Ann Lee', upn: 'ann@contoso.com', role: null, tenantId: 'partner-tenant' });
});
