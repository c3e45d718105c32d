/**
 * Signing in to the mock's authority as a real client does: authorize with PKCE (S256) and a `login_hint`, take the
 * code from the redirect, redeem it at the token endpoint with the verifier. Then `/v1` calls with the token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { checkedFetch, expectConforms } from './contract';
import { type CallOptions, type CallResult, call } from './mock-api';

export const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
export const REDIRECT_URI = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
export const PC_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeOptions {
  loginHint?: string;
  redirectUri?: string;
  clientId?: string;
  challenge?: string | null;
  method?: string | null;
  state?: string;
  scope?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(url: string, o: AuthorizeOptions = {}, tenant = 'organizations'): string {
  const params = new URLSearchParams({
    client_id: o.clientId ?? CLIENT_ID,
    response_type: 'code',
    redirect_uri: o.redirectUri ?? REDIRECT_URI,
    scope: o.scope ?? PC_SCOPE,
    state: o.state ?? 'state-1',
    ...(o.loginHint ? { login_hint: o.loginHint } : {}),
    ...(o.challenge === null ? {} : { code_challenge: o.challenge ?? pkce().challenge }),
    ...(o.method === null ? {} : { code_challenge_method: o.method ?? 'S256' }),
    ...o.extra,
  });
  return `${url}/${tenant}/oauth2/v2.0/authorize?${params}`;
}

export async function token(url: string, form: Record<string, string>) {
  const endpoint = `${url}/organizations/oauth2/v2.0/token`;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const answer = { status: res.status, headers: res.headers, body: await res.json() };
  await expectConforms('POST', endpoint, answer);
  return answer;
}

/** The code the authority redirects to `redirect_uri` with, for a user named by `login_hint`. */
export async function authorizationCode(url: string, upn: string, challenge: string, scope = PC_SCOPE) {
  const authorize = authorizeUrl(url, { loginHint: upn, challenge, scope });
  const res = await fetch(authorize, { redirect: 'manual' });
  const body = await res.text();
  await expectConforms('GET', authorize, { status: res.status, headers: res.headers, body });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}: ${body}`);
  return new URL(res.headers.get('Location')!).searchParams.get('code')!;
}

/** The sign-in page's button for `upn`: the form POST it sends, answered without following the redirect. */
export function chooseOnPage(url: string, upn: string, challenge: string): Promise<Response> {
  const form = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    state: 's',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    login_hint: upn,
  });
  return checkedFetch(`${url}/organizations/oauth2/v2.0/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
}

/** The token answer for an authorize request as `o` describes it (a PKCE pair made here), redeemed by its client. */
export async function tokensFor(url: string, o: AuthorizeOptions) {
  const { verifier, challenge } = pkce();
  const res = await checkedFetch(authorizeUrl(url, { ...o, challenge }), { redirect: 'manual' });
  const code = new URL(res.headers.get('Location')!).searchParams.get('code')!;
  return token(url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: o.redirectUri ?? REDIRECT_URI,
    client_id: o.clientId ?? CLIENT_ID,
    code_verifier: verifier,
  });
}

/** A whole sign-in: authorize → code → token, PKCE included. */
export async function signIn(url: string, upn = 'adminagent@partner.test', scope = PC_SCOPE) {
  const { verifier, challenge } = pkce();
  const code = await authorizationCode(url, upn, challenge, scope);
  const res = await token(url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  if (res.status !== 200) throw new Error(`token answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as {
    access_token: string;
    refresh_token: string;
    id_token?: string;
    expires_in: number;
    scope: string;
  };
}

/** A `/v1` call with a bearer token (and no X-Partner-Role). */
export function pc(
  url: string,
  accessToken: string | null,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  return call(url, path, {
    ...options,
    role: null,
    headers: { ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}), ...options.headers },
  });
}
