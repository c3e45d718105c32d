import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '@/harness/contract';
import { type InProcessApi, spawnMockApi, startApi } from '@/harness/mock-api';
import { PC_SCOPE, pc, signIn } from '@/harness/partner-center';

const dir = mkdtempSync(join(tmpdir(), 'customer-desk-authority-'));
const dbPath = join(dir, 'db.json');
let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ seed: 5, dbPath });
});
afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A token like the authority's, signed with `key` (the real one from the key file, or another). */
async function forge(claims: Record<string, unknown>, key?: CryptoKey) {
  const file = JSON.parse(readFileSync(`${dbPath}.signing-key.json`, 'utf8')) as { tid: string; privateJwk: JWK };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: file.tid,
    scp: 'user_impersonation',
    upn: 'x@partner.test',
    roles: ['admin-agent'],
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer((claims.iss as string) ?? `${api.url}/${file.tid}/v2.0`)
    .setAudience((claims.aud as string) ?? 'https://api.partnercenter.microsoft.com')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key ?? ((await importJWK(file.privateJwk, 'RS256')) as CryptoKey));
}

const expect401 = async (bearer: string | null, why: RegExp, header?: string) => {
  const res = await pc(api.url, null, '/v1/customers?size=1', {
    headers: header ? { Authorization: header } : bearer ? { Authorization: `Bearer ${bearer}` } : {},
  });
  expect(res.status).toBe(401);
  expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
  expect(res.body.source).toBe('PartnerFD');
  expect(res.body.description).toMatch(why);
  return res;
};

test('/v1 takes a bearer token, not X-Partner-Role', async () => {
  const res = await api.call('/v1/customers?size=1', { role: 'admin-agent' });
  expect(res.status).toBe(401);
  expect(res.body).toMatchObject({ code: '800001', data: [], source: 'PartnerFD' });
  expect(res.headers.get('WWW-Authenticate')).not.toContain('error=');
  const { access_token } = await signIn(api.url);
  expect((await pc(api.url, access_token, '/v1/customers?size=1')).status).toBe(200);
});

test('missing, malformed, badly signed, wrong-audience and foreign tokens are 401 with WWW-Authenticate: Bearer', async () => {
  await expect401(null, /Partner Token missing/);
  await expect401(null, /Partner Token missing/, 'Basic YWRtaW46YWRtaW4=');
  const bad = await expect401('not.a.token', /not valid/);
  expect(bad.headers.get('WWW-Authenticate')).toContain('error="invalid_token"');
  const { privateKey } = await generateKeyPair('RS256');
  await expect401(await forge({}, privateKey), /signature/);
  await expect401(await forge({ aud: 'https://graph.microsoft.com' }), /another audience/);
  // A refresh token is signed by the same key, for another audience: never an access token.
  await expect401((await signIn(api.url)).refresh_token, /another audience/);
  await expect401(await forge({ tid: '00000000-0000-0000-0000-000000000000' }), /another tenant/);
});

// Issue 21 item 8: "/v1 takes only access tokens for Partner Center: RS256 from this authority (iss), aud Partner
// Center's, scp containing user_impersonation". Microsoft identity platform, "ID token claims": "ID tokens … shouldn't
// be used for authorization purposes. Access tokens are used for authorization", and an access token for a delegated
// permission carries it in "scp: The set of scopes exposed by the application for which the client application has
// requested (and received) consent".
test('only access tokens: another issuer, no user_impersonation in scp, or an ID token with our aud are 401', async () => {
  const file = JSON.parse(readFileSync(`${dbPath}.signing-key.json`, 'utf8')) as { tid: string };
  await expect401(await forge({ iss: `https://login.microsoftonline.com/${file.tid}/v2.0/x` }), /another issuer/);
  await expect401(await forge({ iss: 'not a url' }), /another issuer/);
  await expect401(await forge({ scp: 'User.Read' }), /Not an access token/);
  await expect401(await forge({ scp: undefined }), /Not an access token/);
  // What the authority's ID token holds, with Partner Center's audience instead of the client's.
  const { id_token } = await signIn(api.url, 'adminagent@partner.test', `openid ${PC_SCOPE}`);
  const idClaims = decodeJwt(id_token!);
  expect(idClaims.scp).toBeUndefined();
  const res = await expect401(
    await forge({ ...idClaims, scp: undefined, aud: 'https://api.partnercenter.microsoft.com' }),
    /an ID token is neither/,
  );
  expect(res.body.code).toBe('400');
  expect(res.body.description).toMatch(/^Access denied/);
  expect(res.headers.get('WWW-Authenticate')).toContain('error="invalid_token"');
  // The scope among others is fine.
  expect((await pc(api.url, await forge({ scp: 'openid user_impersonation' }), '/v1/customers?size=1')).status).toBe(
    200,
  );
});

test("the token's roles claim decides through the role table; no known role may do nothing", async () => {
  expect((await pc(api.url, await forge({ roles: ['global-admin'] }), '/v1/customers?size=1')).status).toBe(200);
  const denied = await pc(api.url, await forge({ roles: ['billing-admin'] }), '/v1/customers?size=1');
  expect(denied.status).toBe(403);
  expect(denied.body).toMatchObject({ code: '2032', source: 'PartnerFD' });
  expect(denied.body.description).toContain('The Billing admin role cannot search and view customers.');
  const none = await pc(api.url, await forge({ roles: ['Reader'] }), '/v1/customers?size=1');
  expect(none.status).toBe(403);
});

test("each token has its own uti, as Entra ID's do: two sign-ins in the same second get different tokens", async () => {
  const [first, second] = await Promise.all([signIn(api.url), signIn(api.url)]);
  const [a, b] = [first, second].map((t) => decodeJwt(t.access_token));
  expect(a.uti).toMatch(/^[\w-]{22}$/);
  expect(b.uti).not.toBe(a.uti);
  expect(second.access_token).not.toBe(first.access_token);
});

test('a restart keeps the signing key and the tenant: tokens issued before still work', async () => {
  const before = await signIn(api.url, 'globaladmin@partner.test');
  const key = readFileSync(`${dbPath}.signing-key.json`, 'utf8');
  await api.stop();
  api = await startApi({ dbPath });
  expect(readFileSync(`${dbPath}.signing-key.json`, 'utf8')).toBe(key);
  expect((await pc(api.url, before.access_token, '/v1/customers?size=1')).status).toBe(200);
  const after = await signIn(api.url);
  expect(decodeJwt(after.access_token).tid).toBe(decodeJwt(before.access_token).tid);
});

test('--token-lifetime: an expired token is refused (no leeway), a refreshed one works', async () => {
  // Long enough that the refreshed token is still alive when it is used on a loaded machine.
  const lifetime = 5;
  const short = await startApi({ seed: 3, tokenLifetime: lifetime });
  try {
    const tokens = await signIn(short.url);
    expect(tokens.expires_in).toBe(lifetime);
    const claims = decodeJwt(tokens.access_token);
    expect(claims.exp! - claims.iat!).toBe(lifetime);
    // A second past exp at the latest: no leeway.
    await new Promise((done) => setTimeout(done, (claims.exp! + 1) * 1000 - Date.now()));
    const res = await pc(short.url, tokens.access_token, '/v1/customers?size=1');
    expect(res.status).toBe(401);
    expect(res.body.description).toMatch(/expired/);
    const refreshed = await checkedFetch(`${short.url}/common/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: String(claims.azp),
      }),
    }).then((r) => r.json());
    expect((await pc(short.url, refreshed.access_token, '/v1/customers?size=1')).status).toBe(200);
  } finally {
    await short.stop();
  }
});

test('a bad --token-lifetime is refused at start', async () => {
  await expect(spawnMockApi(['--token-lifetime', '0'])).rejects.toThrow(
    /--token-lifetime must be a whole number of at least 1/,
  );
});
