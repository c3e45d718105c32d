import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '@/harness/contract';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { authorizeUrl, CLIENT_ID, pkce, REDIRECT_URI, token } from '@/harness/partner-center';

let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ seed: 3 });
});
afterAll(() => api?.stop());

const redeem = (code: string, code_verifier: string) =>
  token(api.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier,
  });

async function codeFor(challenge: string, method: string | null) {
  const res = await checkedFetch(authorizeUrl(api.url, { loginHint: 'salesagent@partner.test', challenge, method }), {
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('Location')!).searchParams.get('code')!;
}

// Microsoft identity platform, "OAuth 2.0 authorization code flow", the authorize request: "code_challenge_method —
// The method used to encode the code_verifier for the code_challenge parameter. This SHOULD be S256, but the spec
// allows the use of plain if for some reason the client cannot support SHA256. If excluded, code_challenge is assumed
// to be plaintext if code_challenge is included. Microsoft identity platform supports both plain and S256."
test('PKCE plain: the challenge is the verifier, whether the method says plain or nothing', async () => {
  for (const method of ['plain', null]) {
    const verifier = randomBytes(32).toString('base64url');
    const ok = await redeem(await codeFor(verifier, method), verifier);
    expect(ok.status, String(method)).toBe(200);
    expect(decodeJwt(ok.body.access_token)).toMatchObject({ upn: 'salesagent@partner.test' });
    const wrong = await redeem(await codeFor(verifier, method), randomBytes(32).toString('base64url'));
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', error_codes: [50148] });
  }
  // A plain challenge is not taken as the S256 of itself, nor the other way round.
  const { verifier, challenge } = pkce();
  expect((await redeem(await codeFor(challenge, 'plain'), verifier)).status).toBe(400);
  expect((await redeem(await codeFor(challenge, 'S256'), challenge)).status).toBe(400);
  const discovery = (await api.call('/common/v2.0/.well-known/openid-configuration', { role: null })).body;
  expect(discovery.code_challenge_methods_supported).toEqual(['S256', 'plain']);
});

// The same page: "response_mode — Specifies how the identity platform should return the requested token to your
// app. Supported values: query: Default when requesting an access token. Provides the code as a query string
// parameter on your redirect URI. … form_post: Executes a POST containing the code to your redirect URI."
test('response_mode=form_post: a page whose form posts code and state to redirect_uri, by its own script only', async () => {
  const { verifier, challenge } = pkce();
  const url = authorizeUrl(api.url, {
    loginHint: 'globaladmin@partner.test',
    challenge,
    state: 'a"b<c',
    extra: { response_mode: 'form_post' },
  });
  const res = await checkedFetch(url, { redirect: 'manual' });
  expect(res.status).toBe(200);
  expect(res.headers.get('Location')).toBeNull();
  const html = await res.text();
  expect(html).toContain(`<form method="post" action="${REDIRECT_URI}">`);
  expect(html).toContain('<input type="hidden" name="state" value="a&quot;b&lt;c">');
  const code = /name="code" value="([\w-]+)"/.exec(html)?.[1];
  expect(code).toBeTruthy();
  const nonce = /<script nonce="([^"]+)">document\.forms\[0\]\.submit\(\);<\/script>/.exec(html)?.[1];
  expect(nonce).toBeTruthy();
  expect(res.headers.get('Content-Security-Policy')).toContain(`script-src 'nonce-${nonce}'`);
  expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  expect((await redeem(code!, verifier)).status).toBe(200);

  // A silent failure comes back the same way.
  const silent = await checkedFetch(
    authorizeUrl(api.url, { challenge, extra: { response_mode: 'form_post', prompt: 'none' } }),
    { redirect: 'manual' },
  );
  expect(await silent.text()).toContain('<input type="hidden" name="error" value="login_required">');
  // Other modes are refused with a page, never redirected; a bad redirect_uri gets no form either.
  const fragment = await checkedFetch(authorizeUrl(api.url, { challenge, extra: { response_mode: 'fragment' } }), {
    redirect: 'manual',
  });
  expect(fragment.status).toBe(400);
  const evil = await checkedFetch(
    authorizeUrl(api.url, {
      loginHint: 'globaladmin@partner.test',
      redirectUri: 'https://evil.example/cb',
      extra: { response_mode: 'form_post' },
    }),
    { redirect: 'manual' },
  );
  expect(evil.status).toBe(400);
  expect(await evil.text()).not.toContain('evil.example/cb"');
});
