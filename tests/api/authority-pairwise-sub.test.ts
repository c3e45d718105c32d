import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { PC_SCOPE, tokensFor } from '@/harness/partner-center';

let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ seed: 3 });
});
afterAll(() => api?.stop());

/** The ID token a client gets when `upn` signs in to it with openid. */
const idToken = async (clientId: string, upn: string) =>
  decodeJwt(
    (await tokensFor(api.url, { clientId, loginHint: upn, scope: `openid profile ${PC_SCOPE}` })).body.id_token,
  );

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
