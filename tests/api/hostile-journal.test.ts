/**
 * The request journal under hostile input: it keeps no secrets (the whole journal's text is searched for them),
 * a deep body cannot make it fail, it stays within a few MB however large the requests, and its path globs are
 * bounded and quick against long paths. (Each failed on main: secrets were kept, a 10,000-level body made
 * `GET /__admin/requests` a 500, 400 requests of 8,000-character paths were all kept, a 1,000-character glob was taken.)
 */
import { beforeEach, expect, test } from 'vitest';
import { BODY_KEPT, JOURNAL_BYTES } from '@/mock-api/admin/request-journal';
import { withApi } from '../helpers/fixtures';

const desk = withApi({ seed: 3 });
const admin = { role: null };

beforeEach(async () => {
  expect((await desk.api.call('/__admin/requests', { method: 'DELETE', ...admin })).status).toBe(204);
});

/** The journal as the text a tester would read. */
async function journalText(query = '?limit=1000'): Promise<string> {
  const res = await fetch(`${desk.api.url}/__admin/requests${query}`);
  expect(res.status).toBe(200);
  return res.text();
}

test('no secret is kept: credentials, sign-in codes, verifiers, secrets, tokens, passwords', async () => {
  const secrets = {
    code: 'SECRET-code-1',
    code_verifier: 'SECRET-verifier-2',
    refresh_token: 'SECRET-refresh-3',
    client_secret: 'SECRET-client-4',
    password: 'SECRET-password-5',
  };
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJTRUNSRVQifQ.SECRETsignature6';
  await desk.api.call('/common/oauth2/v2.0/token', {
    method: 'POST',
    role: null,
    raw: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'c', ...secrets }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'session=SECRET-cookie-7' },
  });
  await desk.api.call('/v1/customers', { headers: { Authorization: `Bearer ${jwt}` } });
  await desk.api.call('/validations/address', {
    method: 'POST',
    body: { Password: 'SECRET-json-8', note: `token ${jwt}` },
  });
  await desk.api.call('/health?access_token=SECRET-query-9');
  const text = await journalText();
  for (const secret of ['SECRET-', 'SECRETsignature', jwt.slice(0, 30)]) expect(text).not.toContain(secret);
  expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(9);
  // What is not secret is still there for the tester.
  expect(text).toContain('grant_type=authorization_code');
});

test('a body nested 10,000 levels deep is kept as text and the journal still answers', async () => {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  await desk.api.call('/common/oauth2/v2.0/token', { method: 'POST', role: null, raw: deep, headers: form });
  await desk.api.call('/validations/address', {
    method: 'POST',
    raw: deep,
    headers: { 'Content-Type': 'application/json' },
  });
  const { requests } = JSON.parse(await journalText());
  expect(requests).toHaveLength(2);
  for (const { body } of requests) {
    expect(typeof body).toBe('string');
    expect(body.startsWith('[[[[')).toBe(true);
    expect(body.length).toBeLessThan(BODY_KEPT + 100);
  }
});

test('the journal stays within its bytes: each body cut to a few KB, the oldest entries dropped', async () => {
  // A fault rule's answer reads the body first, so each request's body is journaled.
  const rule = { path: '/nothing/**', status: 500 };
  expect((await desk.api.call('/__admin/faults', { method: 'POST', body: rule, ...admin })).status).toBe(201);
  const long = `/nothing/${'a'.repeat(8000)}`;
  const body = JSON.stringify({ pad: 'x'.repeat(10_000) });
  for (let n = 0; n < 400; n++)
    await fetch(`${desk.api.url}${long}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  const text = await journalText();
  const { total, requests } = JSON.parse(text);
  expect(total).toBeLessThan(400);
  expect(total).toBeGreaterThan(100);
  expect(text.length).toBeLessThan(JOURNAL_BYTES * 1.25);
  expect(requests[0].body).toMatch(/more characters not kept\]$/);

  // A long glob is refused; one within the bound matches these paths quickly (on main: seconds).
  const refused = await desk.api.call(`/__admin/requests?path=/*${'a'.repeat(1000)}b`, admin);
  expect(refused.status).toBe(400);
  expect(refused.body.error.fields.path).toMatch(/at most 256 characters/);
  const started = performance.now();
  const none = await desk.api.call(`/__admin/requests?path=/**/*${'a'.repeat(240)}b`, admin);
  expect(none.body.total).toBe(0);
  const some = await desk.api.call(`/__admin/requests?path=/NOTHING/*${'a'.repeat(200)}`, admin);
  expect(some.body.total).toBe(total);
  expect(performance.now() - started).toBeLessThan(2000); // a generous bound for a stall
  expect((await desk.api.call('/__admin/faults', { method: 'DELETE', ...admin })).status).toBe(204);
});
