// @vitest-environment node
/**
 * The Partner Center backend against answers recorded from the local Partner Center (tests/fixtures/partner-center,
 * made by scripts/record-partner-center.ts): what it sends, in what order, and what the views get back. The sign-in
 * is a fake; `fetch` answers from the fixtures, one per request, in order.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LANGUAGES } from '@/domain/languages';
import { ApiError } from '@/services/api-client';
import { partnerCenterBackend as backend } from '@/services/backends/partner-center';
import { onWait } from '@/services/backends/waits';
import { errorMessage } from '@/services/error-message';
import { setLanguage } from '@/services/i18n';
import { accessToken, endSignIn } from '@/services/sign-in/client';
import { signInItem } from '@/services/sign-in/session-item';
import { partnerCenterItem } from '@/services/storage';
import { signedOut } from '@/state/sign-in';

vi.mock('@/services/sign-in/client', () => ({
  accessToken: vi.fn(async (rejected?: string) => ({ token: rejected ? 'token-2' : 'token-1' })),
  endSignIn: vi.fn(async () => undefined),
}));

interface Fixture {
  request: { method: string; path: string; body?: unknown };
  status: number;
  headers: Record<string, string>;
  body: any;
}
const recorded = (name: string): Fixture =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../fixtures/partner-center/${name}.json`), 'utf8'));

const API = 'https://api.partner.test';
const customer = recorded('customer').body;
const id: string = customer.id;
const partnerTenant = recorded('policy-created').body.grantor.tenantID as string;

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: any;
}
let sent: Sent[];
let answers: (Fixture | Error)[];

/** The answers to the next requests, in order: recorded names, hand-made answers, or a failure to throw. */
function serve(...next: (string | Fixture | Error)[]) {
  answers.push(...next.map((a) => (typeof a === 'string' ? recorded(a) : a)));
}

beforeEach(async () => {
  fakeBrowser.reset();
  sent = [];
  answers = [];
  vi.mocked(accessToken).mockClear();
  vi.mocked(endSignIn).mockClear();
  await partnerCenterItem.setValue({
    apiBase: API,
    signInAddress: 'https://login.test/organizations',
    clientId: 'app',
  });
  await signInItem.setValue({
    ...signedOut(),
    status: 'signedIn',
    account: { name: 'Ann', upn: 'ann@partner.test', role: 'admin-agent', tenantId: partnerTenant },
  });
  vi.stubGlobal('fetch', async (input: URL, init: RequestInit) => {
    sent.push({
      method: init.method ?? 'GET',
      url: new URL(input),
      headers: new Headers(init.headers),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`no answer for ${init.method} ${input}`);
    if (answer instanceof Error) throw answer;
    const body = answer.status === 204 ? null : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  expect(answers).toEqual([]);
});

const path = (s: Sent) => `${s.url.pathname}${s.url.search}`;
/** What was asked, in order: method and path with the query. */
const requests = () => sent.map((s) => [s.method, path(s)]);
const filterOf = (s: Sent) => JSON.parse(s.url.searchParams.get('filter')!);

describe('search', () => {
  test("asks Partner Center's starts_with on company name and on domain, and merges them, each customer once", async () => {
    serve('customers-by-name', 'customers-by-domain');
    const page = await backend.search('B', null, 2);
    expect(sent.map((s) => [s.url.pathname, s.url.searchParams.get('size'), filterOf(s)])).toEqual([
      ['/v1/customers', '2', { Field: 'CompanyName', Value: 'B', Operator: 'starts_with' }],
      ['/v1/customers', '2', { Field: 'Domain', Value: 'B', Operator: 'starts_with' }],
    ]);
    const byName = recorded('customers-by-name').body.items.map((c: { id: string }) => c.id);
    // The customer both searches found comes once, from the name search.
    expect(page.customers.map((c) => c.id)).toEqual(byName);
    expect(page.customers[0]).toEqual({
      id,
      companyProfile: {
        tenantId: id,
        domain: customer.companyProfile.domain,
        companyName: customer.companyProfile.companyName,
      },
    });
    // Partner Center counts only the page it answers: no total, but a next page.
    expect(page.total).toBeNull();
    expect(page.next).not.toBeNull();

    serve('customers-by-name-next');
    const more = await backend.search('B', page.next, 2);
    const link = recorded('customers-by-name').body.links.next;
    expect(path(sent[2])).toBe(link.uri);
    expect(sent[2].headers.get('MS-ContinuationToken')).toBe(link.headers[0].value);
    expect(more.customers.map((c) => c.id)).toEqual(
      recorded('customers-by-name-next').body.items.map((c: { id: string }) => c.id),
    );
    expect(more.next).toBeNull();
  });

  test('a next link to another origin is never followed: the token stays home, the agent is told (en, ru)', async () => {
    const byName = recorded('customers-by-name');
    const next = byName.body.links.next;
    for (const [uri, language, message] of [
      [`https://elsewhere.test${next.uri}`, 'en', 'Partner Center answered with a link to another address'],
      [`//elsewhere.test${next.uri}`, 'ru', 'Partner Center ответил ссылкой на другой адрес'],
    ] as const) {
      await setLanguage(language);
      sent = [];
      serve({ ...byName, body: { ...byName.body, links: { ...byName.body.links, next: { ...next, uri } } } });
      serve({ ...recorded('customers-by-domain'), body: { ...recorded('customers-by-domain').body, items: [] } });
      const page = await backend.search('B', null, 2);
      vi.mocked(accessToken).mockClear();
      const refused = await backend.search('B', page.next, 2).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect(errorMessage(refused)).toContain(message);
      expect(sent.map((s) => s.url.host)).toEqual(['api.partner.test', 'api.partner.test']);
      expect(accessToken).not.toHaveBeenCalled();
    }
    await setLanguage('en');
  });

  test('a query with a space is a company name only (a domain has none)', async () => {
    serve({ ...recorded('customers-by-domain'), body: { ...recorded('customers-by-domain').body, items: [] } });
    const page = await backend.search('Bergstrom Herzog', null, 20);
    expect(sent.map(filterOf)).toEqual([{ Field: 'CompanyName', Value: 'Bergstrom Herzog', Operator: 'starts_with' }]);
    expect(page).toEqual({ customers: [], total: null, next: null });
  });
});

describe('the customer', () => {
  test('is the customer and its self-serve policy, in our shapes: versions from attributes.etag', async () => {
    serve('customer', 'policies-none');
    const c = await backend.customer(id);
    expect(sent.map(path)).toEqual([`/v1/customers/${id}`, `/v1/SelfServePolicy?entity_id=${id}`]);
    expect(c.billingProfile.etag).toBe(customer.billingProfile.attributes.etag);
    expect(c.billingProfile.defaultAddress).toEqual(customer.billingProfile.defaultAddress);
    expect(c.companyProfile).toEqual({
      tenantId: id,
      domain: customer.companyProfile.domain,
      companyName: customer.companyProfile.companyName,
      ...(customer.companyProfile.organizationRegistrationNumber && {
        organizationRegistrationNumber: customer.companyProfile.organizationRegistrationNumber,
      }),
    });
    expect(c.purchasePermission).toEqual({ azureReservations: false, azureSavingsPlans: false });

    serve('customer', 'policies-one');
    const allowed = await backend.customer(id);
    const policy = recorded('policies-one').body.items[0];
    expect(allowed.purchasePermission).toEqual({
      azureReservations: true,
      azureSavingsPlans: false,
      etag: policy.attributes.etag,
    });
  });

  test("every request carries the bearer token and Partner Center's headers", async () => {
    serve('customer', 'policies-none');
    await backend.customer(id);
    for (const s of sent) {
      expect(s.url.origin).toBe(API);
      expect(s.headers.get('Authorization')).toBe('Bearer token-1');
      expect(s.headers.get('MS-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
      expect(s.headers.get('MS-CorrelationId')).toMatch(/^[0-9a-f-]{36}$/);
      expect(s.headers.get('X-Locale')).toBe('en-US');
      expect(s.headers.has('X-Partner-Role')).toBe(false);
    }
  });

  test('X-Locale is the Partner Center locale of the language the agent reads (domain/languages.ts)', async () => {
    for (const { code, partnerCenterLocale } of LANGUAGES) {
      await setLanguage(code);
      serve('customer', 'policies-none');
      await backend.customer(id);
      expect(sent.at(-1)!.headers.get('X-Locale')).toBe(partnerCenterLocale);
    }
    await setLanguage('en');
    expect(LANGUAGES.find((l) => l.code === 'ru')?.partnerCenterLocale).toBe('ru-RU');
  });
});

describe('the billing profile', () => {
  const billing = recorded('billing').body;
  const etag: string = billing.attributes.etag;
  const billingPath = `/v1/customers/${id}/profiles/billing`;

  test("is written whole: the agent's merge patch on the profile as it is, with its etag in If-Match and attributes", async () => {
    serve('billing', 'billing-updated');
    const saved = await backend.write(id, 'billing', { defaultAddress: { city: 'Springfield' } }, etag);
    expect(requests()).toEqual([
      ['GET', billingPath],
      ['PUT', billingPath],
    ]);
    const put = sent[1];
    expect(put.headers.get('If-Match')).toBe(etag);
    expect(put.headers.get('Content-Type')).toBe('application/json');
    // Every field kept (the state, the phone: not in the patch), the city changed, the version named.
    expect(put.body).toEqual({
      ...billing,
      defaultAddress: { ...billing.defaultAddress, city: 'Springfield' },
      links: { self: { uri: billingPath, method: 'GET', headers: [] } },
      attributes: { etag, objectType: 'CustomerBillingProfile' },
    });
    expect(saved.defaultAddress.city).toBe('Springfield');
    expect(saved.etag).toBe(recorded('billing-updated').body.attributes.etag);
    expect(saved.etag).not.toBe(etag);
  });

  test("a version older than the profile now is the desk's 412, with the profile as it is, and nothing is sent", async () => {
    serve('billing');
    const conflict = await backend.write(id, 'billing', { firstName: 'Ann' }, '"b-old"').catch((e) => e);
    expect(conflict).toBeInstanceOf(ApiError);
    expect(conflict.status).toBe(412);
    expect(conflict.body.current).toMatchObject({ etag, firstName: billing.firstName });
    expect(sent.map((s) => s.method)).toEqual(['GET']);
  });

  test("Partner Center's stale etag (400, code 2055) between the read and the write becomes the same 412", async () => {
    serve('billing', 'billing-stale', 'billing-updated');
    const conflict = await backend.write(id, 'billing', { firstName: 'Ann' }, etag).catch((e) => e);
    expect(conflict.status).toBe(412);
    const now = recorded('billing-updated').body;
    expect(conflict.body.current).toMatchObject({ etag: now.attributes.etag, defaultAddress: { city: 'Springfield' } });
    expect(sent.map((s) => s.method)).toEqual(['GET', 'PUT', 'GET']);
  });

  test("invalid fields (400, code 3000) land on their fields, with Partner Center's description", async () => {
    serve('billing', 'billing-invalid');
    const error = await backend.write(id, 'billing', { email: 'not-an-email' }, etag).catch((e) => e);
    const answer = recorded('billing-invalid').body;
    expect(error.status).toBe(400);
    expect(error.body.error).toEqual({
      code: '3000',
      message: answer.description,
      fields: { email: answer.data[0].description },
    });
    expect(errorMessage(error)).toBe(answer.description);
  });

  test('company details: Partner Center has no way to change them, and nothing is sent', async () => {
    const error = await backend.write(id, 'company', { companyName: 'X' }, '"c"').catch((e) => e);
    expect(error.status).toBe(405);
    expect(errorMessage(error)).toBe("Partner Center's API cannot change company details.");
    expect(sent).toEqual([]);
  });
});

describe('the purchase permission is the SelfServePolicy', () => {
  const policy = recorded('policies-one').body.items[0];
  const policyPath = `/v1/SelfServePolicy/${policy.id}`;
  const readPolicy = ['GET', `/v1/SelfServePolicy?entity_id=${id}`];

  test('none → some creates it (POST, no version), granted by the signed-in partner', async () => {
    serve('policies-none', 'policy-created');
    const saved = await backend.write(id, 'permission', { azureReservations: true }, '');
    expect(requests()).toEqual([readPolicy, ['POST', '/v1/SelfServePolicy']]);
    expect(sent[1].body).toEqual({
      id: policy.id,
      selfServeEntity: { selfServeEntityType: 'customer', tenantID: id },
      grantor: { grantorType: 'billToPartner', tenantID: partnerTenant },
      permissions: [{ resource: 'AzureReservedInstances', action: 'Purchase' }],
      attributes: { objectType: 'SelfServePolicy' },
    });
    expect(saved).toEqual({
      azureReservations: true,
      azureSavingsPlans: false,
      etag: recorded('policy-created').body.attributes.etag,
    });
  });

  test('some → some changes it (PUT with its etag)', async () => {
    serve('policies-one', 'policy-updated');
    const saved = await backend.write(id, 'permission', { azureSavingsPlans: true }, policy.attributes.etag);
    expect(requests()).toEqual([readPolicy, ['PUT', policyPath]]);
    expect(sent[1].headers.get('If-Match')).toBe(policy.attributes.etag);
    expect(sent[1].body.attributes.etag).toBe(policy.attributes.etag);
    expect(sent[1].body.permissions.map((p: { resource: string }) => p.resource)).toEqual([
      'AzureReservedInstances',
      'AzureSavingsPlan',
    ]);
    expect(saved).toMatchObject({ azureReservations: true, azureSavingsPlans: true });
  });

  test('some → none deletes it (DELETE, its etag in If-Match): both off, no version', async () => {
    serve('policies-one', 'policy-deleted');
    const saved = await backend.write(id, 'permission', { azureReservations: false }, policy.attributes.etag);
    expect(requests()).toEqual([readPolicy, ['DELETE', policyPath]]);
    expect(sent[1].headers.get('If-Match')).toBe(policy.attributes.etag);
    expect(saved).toEqual({ azureReservations: false, azureSavingsPlans: false });
  });

  test('a colleague created it first (409, code 600041): a conflict showing the permission as it is now', async () => {
    serve('policies-none', 'policy-exists', 'policies-one');
    const conflict = await backend.write(id, 'permission', { azureSavingsPlans: true }, '').catch((e) => e);
    expect(conflict.status).toBe(412);
    expect(conflict.body.current).toEqual({
      azureReservations: true,
      azureSavingsPlans: false,
      etag: policy.attributes.etag,
    });
    expect(errorMessage(conflict)).toBe('A colleague changed this customer meanwhile: here it is now.');
  });

  test("a role Partner Center refuses (403, code 2032) says so in Partner Center's words", async () => {
    serve('policies-one', 'policy-forbidden');
    const error = await backend
      .write(id, 'permission', { azureReservations: false }, policy.attributes.etag)
      .catch((e) => e);
    expect(error.status).toBe(403);
    expect(errorMessage(error)).toBe(recorded('policy-forbidden').body.description);
  });
});

test("recent changes are the customer's audit records: who, what and which fields, newest first", async () => {
  serve('auditrecords');
  const entries = await backend.auditLog(id, 5);
  const asked = sent[0].url.searchParams;
  expect(sent[0].url.pathname).toBe('/v1/auditrecords');
  expect(JSON.parse(asked.get('filter')!)).toEqual({ Field: 'CustomerId', Value: id, Operator: 'equals' });
  expect(asked.get('size')).toBe('5');
  // The oldest day Partner Center keeps: 89 days before today.
  const start = Date.parse(asked.get('startDate')!);
  expect(Math.floor((Date.now() - start) / 86_400_000)).toBe(89);
  expect(entries.map((e) => [e.userPrincipalName, e.action, Object.keys(e.changes)])).toEqual([
    ['adminagent@partner.test', 'Delete customer purchase permission', ['azureReservations', 'azureSavingsPlans']],
    ['adminagent@partner.test', 'Update customer purchase permission', ['azureSavingsPlans']],
    ['adminagent@partner.test', 'Create customer purchase permission', ['azureReservations']],
    ['adminagent@partner.test', 'Update billing profile', ['defaultAddress.city']],
  ]);
  expect(entries[3].changes['defaultAddress.city'].after).toBe('Springfield');
});

describe('what a real tenant answers', () => {
  test('an expired token (401) is refreshed once and the request sent again', async () => {
    serve('token-expired', 'auditrecords');
    expect(await backend.auditLog(id, 5)).toHaveLength(4);
    expect(accessToken).toHaveBeenCalledWith('token-1');
    const [first, again] = sent;
    expect(first.headers.get('Authorization')).toBe('Bearer token-1');
    expect(again.headers.get('Authorization')).toBe('Bearer token-2');
    // The same request: Partner Center would answer a repeated write once.
    expect(again.headers.get('MS-RequestId')).toBe(first.headers.get('MS-RequestId'));
    expect(endSignIn).not.toHaveBeenCalled();
  });

  test('refused again after the refresh: the sign-in ends, and the agent is told to sign in again', async () => {
    serve('billing', 'token-expired', 'token-expired');
    const error = await backend
      .write(id, 'billing', { firstName: 'Ann' }, recorded('billing').body.attributes.etag)
      .catch((e) => e);
    expect(error.status).toBe(401);
    expect(errorMessage(error)).toBe(
      'Your Partner Center sign-in has expired. Sign in again, then retry: your changes are kept.',
    );
    expect(endSignIn).toHaveBeenCalledWith('expired', recorded('token-expired').body.description);
  });

  test('MFA required (401, code 900421): the sign-in ends, and the agent is told to sign in with MFA', async () => {
    // Not recorded (the mock never asks for MFA): Partner Center's answer as Microsoft announced it.
    const mfa = {
      ...recorded('token-expired'),
      body: { code: 900421, description: 'Multi-factor authentication required', data: [], source: 'PartnerFD' },
    };
    serve(mfa);
    const error = await backend.auditLog(id, 5).catch((e) => e);
    expect(error.status).toBe(401);
    expect(errorMessage(error)).toContain('multi-factor authentication');
    expect(endSignIn).toHaveBeenCalledWith('mfaRequired', 'Multi-factor authentication required');
  });

  test('429 with Retry-After: waits as long as asked, saying so, and tries again', async () => {
    // Not recorded (the mock does not throttle): 429 as Partner Center answers it.
    const busy = { ...recorded('policy-forbidden'), status: 429, headers: { 'retry-after': '1' }, body: null };
    const waits: (number | null)[] = [];
    const stop = onWait((until) => waits.push(until));
    serve(busy, 'auditrecords');
    const started = Date.now();
    const entries = await backend.auditLog(id, 5);
    stop();
    expect(entries).toHaveLength(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(started + 1000);
    expect(waits[1]).toBeNull();
    expect(sent[1].headers.get('MS-RequestId')).toBe(sent[0].headers.get('MS-RequestId'));
  });

  test('no network: the agent is told Partner Center is not answering', async () => {
    serve(new TypeError('Failed to fetch'));
    const error = await backend.auditLog(id, 5).catch((e) => e);
    expect(error.status).toBe(0);
    expect(errorMessage(error)).toBe('Partner Center is not answering. Check your network, then retry.');
  });

  test('signed out: nothing is sent, and the agent is asked to sign in (again, when the sign-in expired)', async () => {
    vi.mocked(accessToken).mockResolvedValueOnce({ token: null });
    const error = await backend.auditLog(id, 5).catch((e) => e);
    expect(error.status).toBe(401);
    expect(errorMessage(error)).toBe('Sign in to Partner Center first.');
    vi.mocked(accessToken).mockResolvedValueOnce({ token: null, ended: 'expired' });
    expect(errorMessage(await backend.auditLog(id, 5).catch((e) => e))).toBe(
      'Your Partner Center sign-in has expired. Sign in again, then retry: your changes are kept.',
    );
    expect(sent).toEqual([]);
  });
});
