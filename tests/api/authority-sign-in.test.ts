import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '@/harness/contract';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import {
  authorizationCode,
  authorizeUrl,
  CLIENT_ID,
  PC_SCOPE,
  pkce,
  REDIRECT_URI,
  signIn,
  token,
} from '@/harness/partner-center';

let api: InProcessApi;
let tid: string;

beforeAll(async () => {
  api = await startApi({ seed: 5 });
  tid = decodeJwt((await signIn(api.url)).access_token).tid as string;
});
afterAll(() => api?.stop());

const text = async (res: Response) => ({
  status: res.status,
  location: res.headers.get('Location'),
  html: await res.text(),
});
const authorize = (o: Parameters<typeof authorizeUrl>[1], tenant?: string) =>
  checkedFetch(authorizeUrl(api.url, o, tenant), { redirect: 'manual' }).then(text);

test("discovery at Entra ID's paths: the partner's tenant names itself, common/organizations keep the placeholder", async () => {
  const own = await api.call(`/${tid}/v2.0/.well-known/openid-configuration`, { role: null });
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({
    issuer: `${api.url}/${tid}/v2.0`,
    authorization_endpoint: `${api.url}/${tid}/oauth2/v2.0/authorize`,
    token_endpoint: `${api.url}/${tid}/oauth2/v2.0/token`,
    jwks_uri: `${api.url}/${tid}/discovery/v2.0/keys`,
    code_challenge_methods_supported: ['S256', 'plain'],
  });
  for (const alias of ['common', 'organizations']) {
    const doc = (await api.call(`/${alias}/v2.0/.well-known/openid-configuration`, { role: null })).body;
    expect(doc.issuer).toBe(`${api.url}/{tenantid}/v2.0`);
    expect(doc.token_endpoint).toBe(`${api.url}/${alias}/oauth2/v2.0/token`);
  }
  const keys = await api.call('/common/discovery/v2.0/keys', { role: null });
  expect(keys.body.keys).toHaveLength(1);
  expect(keys.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  expect(keys.body.keys[0].d).toBeUndefined();
});

test('the sign-in page: one button per test user, plain HTML posting to itself, echoed values escaped', async () => {
  const page = await authorize({ state: '"><script>alert(1)</script>', clientId: 'app<b>' });
  expect(page.status).toBe(200);
  expect(page.html).toContain('<title>Sign in to the mock Partner Center</title>');
  for (const name of ['Global admin', 'Admin agent', 'Sales agent', 'Helpdesk agent', 'Billing admin'])
    expect(page.html).toContain(`>Sign in as ${name}</button>`);
  expect(page.html).toContain('<form method="post" action="/organizations/oauth2/v2.0/authorize">');
  expect(page.html).not.toContain('<script>');
  expect(page.html).toContain('&quot;&gt;&lt;script&gt;');
  expect(page.html).toContain('app&lt;b&gt;');
  expect(page.html).not.toMatch(/<script/i);
});

test('a known login_hint signs in at once: 302 to redirect_uri with the code and the state', async () => {
  const res = await authorize({ loginHint: 'SalesAgent@partner.test', state: 'xyz' });
  expect(res.status).toBe(302);
  const to = new URL(res.location!);
  expect(`${to.origin}${to.pathname}`).toBe(REDIRECT_URI);
  expect(to.searchParams.get('state')).toBe('xyz');
  expect(to.searchParams.get('code')).toMatch(/^[\w-]{40,}$/);
  expect((await authorize({ loginHint: 'nobody@partner.test' })).status).toBe(200); // an unknown hint shows the page
  expect((await authorize({ loginHint: 'salesagent@partner.test', extra: { prompt: 'login' } })).status).toBe(200);
});

test("the page's button (a form POST) signs in the chosen user", async () => {
  const { verifier, challenge } = pkce();
  const form = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: PC_SCOPE,
    state: 's',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    login_hint: 'helpdeskagent@partner.test',
  });
  const res = await checkedFetch(`${api.url}/organizations/oauth2/v2.0/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const code = new URL(res.headers.get('Location')!).searchParams.get('code')!;
  const tokens = await token(api.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  expect(decodeJwt(tokens.body.access_token)).toMatchObject({
    upn: 'helpdeskagent@partner.test',
    roles: ['helpdesk-agent'],
  });
});

test('no open redirect: only extension identity addresses and localhost, else a 400 page and no Location', async () => {
  for (const ok of [
    'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/cb',
    `https://${'a1'.repeat(20)}.extensions.allizom.org/`,
    'http://localhost:8080/callback',
    'http://127.0.0.1:5/x',
  ]) {
    expect((await authorize({ loginHint: 'adminagent@partner.test', redirectUri: ok })).status, ok).toBe(302);
  }
  for (const bad of [
    'https://evil.example/cb',
    'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    'https://abc.chromiumapp.org/',
    'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/',
    'https://localhost@evil.example/',
    'javascript:alert(1)',
  ]) {
    const res = await authorize({ loginHint: 'adminagent@partner.test', redirectUri: bad });
    expect(res.status, bad).toBe(400);
    expect(res.location).toBeNull();
    expect(res.html).toContain('invalid_request');
  }
});

test('PKCE is required: no code_challenge, or an unknown method, is 400 invalid_request', async () => {
  for (const o of [{ challenge: null }, { method: 'S512' }, { method: 'plain', challenge: 'short' }]) {
    const res = await authorize({ loginHint: 'adminagent@partner.test', ...o });
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(res.html).toContain('invalid_request');
  }
});

test('the token endpoint checks the PKCE verifier, the client, the redirect URI, and takes a code once', async () => {
  const { verifier, challenge } = pkce();
  const redeem = async (over: Record<string, string>) => {
    const code = await authorizationCode(api.url, 'globaladmin@partner.test', challenge);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID };
    return token(api.url, { ...form, code_verifier: verifier, ...over });
  };
  expect((await redeem({ code_verifier: pkce().verifier })).body.error).toBe('invalid_grant');
  expect((await redeem({ client_id: 'another-app' })).body.error).toBe('invalid_grant');
  expect((await redeem({ redirect_uri: 'http://localhost/other' })).body.error).toBe('invalid_grant');

  const code = await authorizationCode(api.url, 'globaladmin@partner.test', challenge);
  const form = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  };
  const first = await token(api.url, form);
  expect(first.status).toBe(200);
  const again = await token(api.url, form);
  expect(again.status).toBe(400);
  expect(again.body.error).toBe('invalid_grant');
  expect((await token(api.url, { grant_type: 'password', username: 'x' })).body.error).toBe('unsupported_grant_type');
  expect((await token(api.url, { grant_type: 'authorization_code' })).body.error).toBe('invalid_request');
});

test('access tokens: RS256 from the published key, with the claims Partner Center tokens carry', async () => {
  const tokens = await signIn(api.url, 'salesagent@partner.test');
  expect(tokens).toMatchObject({
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
  });
  const jwks = createLocalJWKSet((await api.call('/common/discovery/v2.0/keys', { role: null })).body);
  const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
    audience: 'https://api.partnercenter.microsoft.com',
  });
  expect(protectedHeader.alg).toBe('RS256');
  expect(payload).toMatchObject({
    iss: `${api.url}/${tid}/v2.0`,
    scp: 'user_impersonation',
    tid,
    upn: 'salesagent@partner.test',
    name: 'Sales agent (test user)',
    roles: ['sales-agent'],
  });
  expect(payload.exp! - payload.iat!).toBe(3600);
  expect(tokens.id_token).toBeUndefined();
});

test('with openid in the scope, an ID token for the client carries the nonce', async () => {
  const { verifier, challenge } = pkce();
  const res = await checkedFetch(
    authorizeUrl(api.url, {
      loginHint: 'billingadmin@partner.test',
      challenge,
      scope: `openid profile ${PC_SCOPE}`,
      extra: { nonce: 'n-1' },
    }),
    { redirect: 'manual' },
  );
  const code = new URL(res.headers.get('Location')!).searchParams.get('code')!;
  const { body } = await token(api.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  expect(decodeJwt(body.id_token)).toMatchObject({
    aud: CLIENT_ID,
    nonce: 'n-1',
    preferred_username: 'billingadmin@partner.test',
    tid,
  });
});
