import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi, wholeCustomers } from '@/harness/mock-api';
import { pc, signIn, token } from '@/harness/partner-center';

const SECRET = 'tester~secret.1';
const APP = '22222222-3333-4444-8555-666666666666';
const DEFAULT_SCOPE = 'https://api.partnercenter.microsoft.com/.default';
let api: InProcessApi;
let appToken: string;
let customerId: string;

beforeAll(async () => {
  api = await startApi({ seed: 5, clientSecret: SECRET });
  const res = await token(api.url, {
    grant_type: 'client_credentials',
    client_id: APP,
    client_secret: SECRET,
    scope: DEFAULT_SCOPE,
  });
  appToken = res.body.access_token;
  const [customer] = (await wholeCustomers(api, 5)).filter((c) => !c.purchasePermission.azureReservations);
  customerId = customer.id;
});
afterAll(() => api?.stop());

// Microsoft identity platform, "OAuth 2.0 client credentials flow": "scope — The value passed for the scope
// parameter in this request should be the resource identifier (application ID URI) of the resource you want, affixed
// with the .default suffix." The success response holds token_type, expires_in and access_token. And "Access
// token claims": "idtyp — … app-only token, the value is app"; an app-only token carries the app's "roles" and no
// user (no upn, no scp).
test('client_credentials with the --client-secret: an app-only access token for Partner Center', async () => {
  const claims = decodeJwt(appToken);
  expect(claims).toMatchObject({
    aud: 'https://api.partnercenter.microsoft.com',
    idtyp: 'app',
    roles: ['admin-agent'],
    azp: APP,
    appid: APP,
  });
  expect(claims.upn).toBeUndefined();
  expect(claims.scp).toBeUndefined();
  expect(claims.name).toBeUndefined();
  expect(claims.sub).toBe(claims.oid);
  // The secret may come as HTTP Basic instead (client_secret_basic).
  const basic = await fetch(`${api.url}/organizations/oauth2/v2.0/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${APP}:${encodeURIComponent(SECRET)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: DEFAULT_SCOPE }),
  });
  expect(basic.status).toBe(200);
  const body = await basic.json();
  expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
});

// "AADSTS error codes": AADSTS7000215 "InvalidClientSecret - Invalid client secret provided. Ensure the secret being
// sent in the request is the client secret value, not the client secret ID"; AADSTS7000218 "The request body must
// contain the following parameter: 'client_assertion' or 'client_secret'"; AADSTS1002012 "The provided value for
// scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed".
test('a wrong or missing secret is 401 invalid_client; a scope without /.default is invalid_scope', async () => {
  const ask = (over: Record<string, string>, url = api.url) =>
    token(url, { grant_type: 'client_credentials', client_id: APP, scope: DEFAULT_SCOPE, ...over });
  const wrong = await ask({ client_secret: 'guess' });
  expect(wrong.status).toBe(401);
  expect(wrong.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  const missing = await ask({});
  expect(missing.status).toBe(401);
  expect(missing.body.error_codes).toEqual([7000218]);
  const scope = await ask({
    client_secret: SECRET,
    scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
  });
  expect(scope.status).toBe(400);
  expect(scope.body).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
  // The auth code flow page: "the Microsoft identity platform also blocks the use of client credentials in all flows
  // in the presence of an Origin header, to ensure that secrets aren't used from within browsers".
  const fromPage = await fetch(`${api.url}/organizations/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:5173' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: APP,
      client_secret: SECRET,
      scope: DEFAULT_SCOPE,
    }),
  });
  expect(fromPage.status).toBe(400);
  expect(await fromPage.json()).toMatchObject({ error: 'invalid_request', error_codes: [9002326] });
  // Without --client-secret, every secret is one Entra ID does not know.
  const plain = await startApi({ seed: 2 });
  try {
    const none = await ask({ client_secret: SECRET }, plain.url);
    expect(none.status).toBe(401);
    expect(none.body.error_codes).toEqual([7000215]);
  } finally {
    await plain.stop();
  }
});

// Each Partner Center page's Prerequisites: "Get a list of customers filtered by a search field", "Get a customer by
// ID", "Update a customer's billing profile", "Get a record of Partner Center activity": "This scenario supports
// authentication with both standalone App and App+User credentials" (or "app+user credentials or app-only
// authentication"). "Get a customer's company profile": "This scenario supports authentication with App+User
// credentials only." "Create a SelfServePolicy": "This scenario supports authentication with Application+User
// credentials."
test('app-only tokens: the App reads (and the billing update) work; App+User operations are 403', async () => {
  const call = (path: string, options = {}) => pc(api.url, appToken, path, options);
  expect((await call('/v1/customers?size=2')).status).toBe(200);
  expect((await call(`/v1/customers/${customerId}`)).status).toBe(200);
  const billing = await call(`/v1/customers/${customerId}/profiles/billing`);
  expect(billing.status).toBe(200);
  const put = await call(`/v1/customers/${customerId}/profiles/billing`, {
    method: 'PUT',
    body: { ...billing.body, firstName: 'Automation' },
  });
  expect(put.status).toBe(200);
  const audit = await call(
    `/v1/auditrecords?filter=${encodeURIComponent(JSON.stringify({ Field: 'CustomerId', Value: customerId, Operator: 'equals' }))}`,
  );
  expect(audit.status).toBe(200);
  // The application, not a user, made the change.
  expect(audit.body.items[0].userPrincipalName).toBe(APP);

  for (const [method, path, body] of [
    ['GET', `/v1/customers/${customerId}/profiles/company`],
    ['GET', `/v1/SelfServePolicy?entity_id=${customerId}`],
    [
      'POST',
      '/v1/SelfServePolicy',
      {
        selfServeEntity: { selfServeEntityType: 'customer', tenantID: customerId },
        permissions: [{ resource: 'AzureReservedInstances', action: 'Purchase' }],
      },
    ],
  ] as const) {
    const res = await call(path, { method, ...(body ? { body } : {}) });
    expect(res.status, path).toBe(403);
    expect(res.body).toMatchObject({ code: '403', source: 'PartnerFD' });
    expect(res.body.description).toMatch(/^This resource can't be accessed by application credentials/);
  }
  // Nothing was granted.
  expect((await api.call(`/customers/${customerId}/purchasePermission`)).body.azureReservations).toBe(false);
  // A signed-in user may do what the application may not.
  const user = (await signIn(api.url, 'adminagent@partner.test')).access_token;
  expect((await pc(api.url, user, `/v1/customers/${customerId}/profiles/company`)).status).toBe(200);
});
