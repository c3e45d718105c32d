import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { authorizationCode, CLIENT_ID, pkce, REDIRECT_URI, token } from '@/harness/partner-center';

let api: InProcessApi;

beforeAll(async () => {
  api = await startApi({ seed: 3 });
});
afterAll(() => api?.stop());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Microsoft identity platform, "AADSTS error codes", Handling error codes in your application — the sample error
// response: { "error": "invalid_scope", "error_description": "AADSTS70011: The provided value for the input parameter
// 'scope' isn't valid. …\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: 2016-01-09 02:02:12Z", "error_codes":
// [70011], "timestamp": "2016-01-09 02:02:12Z", "trace_id": "…", "correlation_id": "…", "error_uri": "…" }
function expectEntraError(body: Record<string, unknown>, error: string, aadsts: number) {
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([aadsts]);
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${aadsts}: `));
  expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
  expect(body.trace_id).toMatch(GUID);
  expect(body.correlation_id).toMatch(GUID);
  expect(body.error_description).toContain(`\r\nTrace ID: ${body.trace_id}\r\nCorrelation ID: ${body.correlation_id}`);
  expect(body.error_description).toContain(`Timestamp: ${body.timestamp}`);
  expect(body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${aadsts}`);
}

test('a wrong PKCE verifier: AADSTS50148, "The code_verifier does not match the code_challenge…"', async () => {
  const { challenge } = pkce();
  const code = await authorizationCode(api.url, 'adminagent@partner.test', challenge);
  const res = await token(api.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: pkce().verifier,
  });
  expect(res.status).toBe(400);
  expectEntraError(res.body, 'invalid_grant', 50148);
  expect(res.body.error_description).toMatch(/^AADSTS50148: The code_verifier does not match the code_challenge/);
});

test('a code redeemed twice: AADSTS54005; an unknown one AADSTS70000', async () => {
  const { verifier, challenge } = pkce();
  const code = await authorizationCode(api.url, 'adminagent@partner.test', challenge);
  const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID };
  expect((await token(api.url, { ...form, code_verifier: verifier })).status).toBe(200);
  expectEntraError((await token(api.url, { ...form, code_verifier: verifier })).body, 'invalid_grant', 54005);
  expectEntraError(
    (await token(api.url, { ...form, code: 'x'.repeat(43), code_verifier: verifier })).body,
    'invalid_grant',
    70000,
  );
});

test('a missing parameter is AADSTS900144 naming it; an unknown grant type AADSTS70003', async () => {
  const missing = await token(api.url, { grant_type: 'authorization_code', client_id: CLIENT_ID });
  expectEntraError(missing.body, 'invalid_request', 900144);
  expect(missing.body.error_description).toContain("must contain the following parameter: 'code'");
  expectEntraError((await token(api.url, { grant_type: 'password' })).body, 'unsupported_grant_type', 70003);
  expectEntraError(
    (await token(api.url, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: 'x' })).body,
    'invalid_grant',
    9002313,
  );
});

test('the client-request-id header comes back as correlation_id', async () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const res = await fetch(`${api.url}/common/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'client-request-id': id },
    body: 'grant_type=password',
  });
  expect((await res.json()).correlation_id).toBe(id);
});
