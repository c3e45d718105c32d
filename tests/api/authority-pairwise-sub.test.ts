import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkedFetch } from '../helpers/contract';
import { type InProcessApi, startApi } from '../helpers/mock-api';
import { authorizeUrl, PC_SCOPE, pkce, REDIRECT_URI, token } from '../helpers/partner-center';

let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ seed: 3 });
});
afterAll(() => api?.stop());

/** The ID token a client gets when `upn` signs in to it with openid. */
async function idToken(clientId: string, upn: string) {
  const { verifier, challenge } = pkce();
  const res = await checkedFetch(
    authorizeUrl(api.url, { clientId, loginHint: upn, challenge, scope: `openid profile ${PC_SCOPE}` }),
    { redirect: 'manual' },
  );
  const code = new URL(res.headers.get('Location')!).searchParams.get('code')!;
  const { body } = await token(api.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
    code_verifier: verifier,
  });
  return decodeJwt(body.id_token);
}

// Microsoft identity platform, "ID token claims": "sub — The subject of the information in the token. … The
// subject is a pairwise identifier and is unique to an application ID. If a single user signs into two different
// apps using two different client IDs, those apps receive two different values for the subject claim." And "oid —
// … the same across applications".
test("the ID token's sub is pairwise: stable per user and client, different between clients; oid is the user's", async () => {
  const appA = await idToken('app-a', 'salesagent@partner.test');
  const appAAgain = await idToken('app-a', 'salesagent@partner.test');
  const appB = await idToken('app-b', 'salesagent@partner.test');
  const otherUser = await idToken('app-a', 'globaladmin@partner.test');
  expect(appA.sub).toBe(appAAgain.sub);
  expect(appA.sub).not.toBe(appB.sub);
  expect(appA.sub).not.toBe(otherUser.sub);
  expect(appA.oid).toBe(appB.oid);
  expect(appA.sub).not.toBe(appA.oid);
  expect(appA.sub).toMatch(/^[\w-]{43}$/);
  const discovery = (await api.call('/common/v2.0/.well-known/openid-configuration', { role: null })).body;
  expect(discovery.subject_types_supported).toEqual(['pairwise']);
});
