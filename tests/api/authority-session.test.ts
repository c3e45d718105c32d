import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '@/harness/contract';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import {
  type AuthorizeOptions,
  authorizeUrl,
  CLIENT_ID,
  chooseOnPage,
  pkce,
  REDIRECT_URI,
  token,
} from '@/harness/partner-center';

let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ seed: 3 });
});
afterAll(() => api?.stop());

/** An authorize request as a browser sends it, with the authority's cookies it holds. */
async function authorize(o: AuthorizeOptions, cookie?: string) {
  const res = await checkedFetch(authorizeUrl(api.url, o), {
    redirect: 'manual',
    headers: cookie ? { Cookie: cookie } : {},
  });
  const location = res.headers.get('Location');
  return {
    status: res.status,
    cookie: res.headers.get('Set-Cookie')?.split(';')[0],
    setCookie: res.headers.get('Set-Cookie'),
    back: location ? new URL(location).searchParams : undefined,
    html: await res.text(),
  };
}

const silent = (cookie?: string, o: AuthorizeOptions = {}) =>
  authorize({ state: 'silent-1', ...o, extra: { prompt: 'none', ...o.extra } }, cookie);

// Microsoft identity platform, "OAuth 2.0 authorization code flow", the `prompt` parameter: "prompt=none ensures
// that the user isn't presented with any interactive prompt. If the request can't be completed silently by using
// single-sign on, the Microsoft identity platform returns an interaction_required error."
test('prompt=none without a session: no page, back to redirect_uri with login_required (AADSTS50058) and the state', async () => {
  const res = await silent();
  expect(res.status).toBe(302);
  expect(res.html).not.toContain('Sign in to the mock Partner Center');
  expect(res.back?.get('error')).toBe('login_required');
  expect(res.back?.get('error_description')).toMatch(/^AADSTS50058: /);
  expect(res.back?.get('state')).toBe('silent-1');
  expect(res.back?.get('code')).toBeNull();
  // A cookie the authority never set is no session either.
  expect((await silent('ESTSAUTH=forged')).back?.get('error')).toBe('login_required');
});

test('signing in by login_hint sets an HttpOnly session cookie; prompt=none then issues a code without UI', async () => {
  const signIn = await authorize({ loginHint: 'salesagent@partner.test' });
  expect(signIn.status).toBe(302);
  expect(signIn.setCookie).toMatch(/^ESTSAUTH=[\w-]+;/);
  expect(signIn.setCookie).toMatch(/HttpOnly/i);
  expect(signIn.setCookie).toMatch(/SameSite=Lax/i);

  const { verifier, challenge } = pkce();
  const again = await silent(signIn.cookie, { challenge, state: 'renew' });
  expect(again.status).toBe(302);
  expect(again.back?.get('error')).toBeNull();
  expect(again.back?.get('state')).toBe('renew');
  const code = again.back?.get('code');
  expect(code).toMatch(/^[\w-]{40,}$/);
  const tokens = await token(api.url, {
    grant_type: 'authorization_code',
    code: code!,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  expect(tokens.status).toBe(200);
  expect(decodeJwt(tokens.body.access_token)).toMatchObject({ upn: 'salesagent@partner.test', roles: ['sales-agent'] });
  // The same hint as the session's user is fine; another user's is interaction_required, the state kept.
  expect((await silent(signIn.cookie, { loginHint: 'SalesAgent@partner.test' })).back?.get('code')).toBeTruthy();
  const other = await silent(signIn.cookie, { loginHint: 'globaladmin@partner.test' });
  expect(other.back?.get('error')).toBe('interaction_required');
  expect(other.back?.get('state')).toBe('silent-1');
});

test("the page's button starts the session too; prompt=login ignores it and shows the page", async () => {
  const { challenge } = pkce();
  const chosen = await chooseOnPage(api.url, 'helpdeskagent@partner.test', challenge);
  expect(chosen.status).toBe(302);
  const cookie = chosen.headers.get('Set-Cookie')?.split(';')[0];
  expect(cookie).toMatch(/^ESTSAUTH=/);
  expect((await silent(cookie)).back?.get('code')).toBeTruthy();

  // Microsoft: "prompt=login forces the user to enter their credentials on that request, negating single-sign on."
  const login = await authorize({ extra: { prompt: 'login' } }, cookie);
  expect(login.status).toBe(200);
  expect(login.html).toContain('<title>Sign in to the mock Partner Center</title>');
  expect(login.back).toBeUndefined();
  // Without prompt and without a hint, the page is shown as before: choosing another test user stays possible.
  expect((await authorize({}, cookie)).status).toBe(200);
});

test('prompt=none keeps the redirect_uri rules: a foreign address is a 400 page, never a redirect', async () => {
  const res = await silent(undefined, { redirectUri: 'https://evil.example/cb' });
  expect(res.status).toBe(400);
  expect(res.back).toBeUndefined();
});
