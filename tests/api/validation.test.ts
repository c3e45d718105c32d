import { afterAll, beforeAll, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';

let api: InProcessApi;
let customers: { id: string; billingProfile: { defaultAddress: { country: string } } }[];
let id: string;
const billing = (c = id) => `/customers/${c}/profiles/billing`;
const company = (c = id) => `/customers/${c}/profiles/company`;

beforeAll(async () => {
  api = await startApi({ seed: 60, seedValue: 7 });
  customers = (await api.call('/customers?_limit=60')).body;
  id = customers.find((c) => c.billingProfile.defaultAddress.country === 'US')!.id;
});
afterAll(() => api?.stop());

async function etagOf(path: string): Promise<string> {
  return (await api.call(path)).headers.get('ETag')!;
}

/** Runs `attempt`, then checks the customer and its audit log are exactly as before. */
async function expectUnchanged(attempt: () => Promise<unknown>, customerId = id) {
  const before = [await api.call(`/customers/${customerId}`), await api.call(`/customers/${customerId}/auditLog`)].map(
    (r) => r.body,
  );
  await attempt();
  const after = [await api.call(`/customers/${customerId}`), await api.call(`/customers/${customerId}/auditLog`)].map(
    (r) => r.body,
  );
  expect(after).toEqual(before);
}

test('404 for an unknown customer, in the error shape', async () => {
  const res = await api.call('/customers/00000000-0000-4000-8000-000000000000/profiles/billing');
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe('not-found');
});

test('415 when the body is not JSON', async () => {
  await expectUnchanged(async () => {
    const res = await api.call(billing(), {
      method: 'PATCH',
      raw: 'firstName=Ann',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      ifMatch: await etagOf(billing()),
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported-media-type');
  });
});

test('413 when the body is over 64 KiB', async () => {
  await expectUnchanged(async () => {
    const res = await api.call(billing(), {
      method: 'PATCH',
      body: { firstName: 'x'.repeat(70 * 1024) },
      ifMatch: await etagOf(billing()),
    });
    expect(res.status).toBe(413);
  });
});

test('400 for malformed JSON, a non-object body and prototype-pollution keys', async () => {
  await expectUnchanged(async () => {
    const etag = await etagOf(billing());
    const headers = { 'Content-Type': 'application/json' };
    const malformed = await api.call(billing(), {
      method: 'PATCH',
      raw: '{"firstName": "Ann"',
      headers,
      ifMatch: etag,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed-json');
    expect((await api.call(billing(), { method: 'PATCH', raw: '[1,2]', headers, ifMatch: etag })).status).toBe(400);
    for (const raw of ['{"__proto__": {"isAdmin": true}}', '{"defaultAddress": {"constructor": {"prototype": {}}}}']) {
      const res = await api.call(billing(), { method: 'PATCH', raw, headers, ifMatch: etag });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('forbidden-key');
    }
  });
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

test('unknown fields are 422 at their own path, nested too', async () => {
  await expectUnchanged(async () => {
    const res = await api.call(billing(), {
      method: 'PATCH',
      body: { isAdmin: true, defaultAddress: { planet: 'Mars' } },
      ifMatch: await etagOf(billing()),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.fields).toEqual({ isAdmin: 'Unknown field.', 'defaultAddress.planet': 'Unknown field.' });
  });
});

test('read-only fields may be echoed unchanged; changing one is 422 on its path', async () => {
  const read = await api.call(company());
  const echoed = await api.call(company(), {
    method: 'PATCH',
    body: { ...read.body, companyName: 'Echo Ltd' },
    ifMatch: read.body.etag,
  });
  expect(echoed.status).toBe(200);
  expect(echoed.body.domain).toBe(read.body.domain);
  for (const [path, body] of [
    [company(), { domain: 'evil.onmicrosoft.com' }],
    [company(), { tenantId: '00000000-0000-4000-8000-000000000000' }],
    [billing(), { id: 'other' }],
    [billing(), { etag: '"mine"' }],
    [`/customers/${id}/purchasePermission`, { updatedBy: 'global-admin' }],
  ] as const) {
    await expectUnchanged(async () => {
      const res = await api.call(path, { method: 'PATCH', body, ifMatch: await etagOf(path) });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.body.error.fields)).toEqual(Object.keys(body));
    });
  }
});

test('field rules: email, lengths, types — each message at its dotted path', async () => {
  await expectUnchanged(async () => {
    const res = await api.call(billing(), {
      method: 'PATCH',
      body: { email: 'not-an-email', firstName: '   ', lastName: 'x'.repeat(51), defaultAddress: { addressLine1: 42 } },
      ifMatch: await etagOf(billing()),
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      'defaultAddress.addressLine1',
      'email',
      'firstName',
      'lastName',
    ]);
  });
});

test('the error precedence is 401 → 403 → 404 → 415 → 413 → 400 → 428 → 412 → 422', async () => {
  const unknown = '/customers/00000000-0000-4000-8000-000000000000/profiles/billing';
  const stale = '"stale"';
  const cases: [number, Parameters<InProcessApi['call']>][] = [
    [401, [unknown, { role: null, method: 'PATCH', raw: 'x' }]],
    [403, [unknown, { role: 'helpdesk-agent', method: 'PATCH', raw: 'x' }]],
    [404, [unknown, { method: 'PATCH', raw: 'x' }]],
    [415, [billing(), { method: 'PATCH', raw: 'x'.repeat(70 * 1024) }]],
    [
      413,
      [billing(), { method: 'PATCH', raw: 'x'.repeat(70 * 1024), headers: { 'Content-Type': 'application/json' } }],
    ],
    [400, [billing(), { method: 'PATCH', raw: '{', headers: { 'Content-Type': 'application/json' } }]],
    [428, [billing(), { method: 'PATCH', body: { email: 'bad' } }]],
    [412, [billing(), { method: 'PATCH', body: { email: 'bad' }, ifMatch: stale }]],
  ];
  for (const [status, args] of cases) expect((await api.call(...args)).status, `expected ${status}`).toBe(status);
  expect(
    (await api.call(billing(), { method: 'PATCH', body: { email: 'bad' }, ifMatch: await etagOf(billing()) })).status,
  ).toBe(422);
});

test('PATCH is a JSON Merge Patch: nested objects merge, null removes an optional field, a required one is 422', async () => {
  const target = customers.find((c) => c.billingProfile.defaultAddress.country === 'US')!.id;
  const read = await api.call(billing(target));
  const merged = await api.call(billing(target), {
    method: 'PATCH',
    body: { defaultAddress: { addressLine2: 'Suite 5', city: ' Seattle ' } },
    ifMatch: read.body.etag,
  });
  expect(merged.status).toBe(200);
  expect(merged.body.defaultAddress).toEqual({ ...read.body.defaultAddress, addressLine2: 'Suite 5', city: 'Seattle' });
  const removed = await api.call(billing(target), {
    method: 'PATCH',
    body: { defaultAddress: { addressLine2: null } },
    ifMatch: merged.body.etag,
  });
  expect(removed.status).toBe(200);
  expect(removed.body.defaultAddress).not.toHaveProperty('addressLine2');
  expect(removed.body.defaultAddress).toEqual({ ...read.body.defaultAddress, city: 'Seattle' });
  await expectUnchanged(async () => {
    const res = await api.call(billing(target), {
      method: 'PATCH',
      body: { defaultAddress: { city: null } },
      ifMatch: removed.body.etag,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ 'defaultAddress.city': 'This field is required.' });
  }, target);
});

test('PUT replaces the whole resource: a missing field is 422, a full body is stored trimmed', async () => {
  const read = await api.call(billing());
  await expectUnchanged(async () => {
    const { email: _dropped, ...partial } = read.body;
    const res = await api.call(billing(), { method: 'PUT', body: partial, ifMatch: read.body.etag });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty('email');
  });
  const { id: _id, etag: _etag, ...body } = read.body;
  const res = await api.call(billing(), {
    method: 'PUT',
    body: { ...body, firstName: '  <b>Ann</b> & Co  ' },
    ifMatch: read.body.etag,
  });
  expect(res.status).toBe(200);
  expect(res.body.firstName).toBe('<b>Ann</b> & Co');
  expect(res.body.id).toBe(read.body.id);
  expect((await api.call(billing())).body).toEqual(res.body);
});

test('the purchase permission takes booleans only and records who changed it', async () => {
  const path = `/customers/${id}/purchasePermission`;
  await expectUnchanged(async () => {
    const res = await api.call(path, {
      method: 'PATCH',
      body: { azureReservations: 'yes' },
      ifMatch: await etagOf(path),
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['azureReservations']);
  });
  const read = await api.call(path);
  const res = await api.call(path, {
    role: 'global-admin',
    method: 'PATCH',
    body: { azureSavingsPlans: !read.body.azureSavingsPlans },
    ifMatch: read.body.etag,
  });
  expect(res.status).toBe(200);
  expect(res.body.updatedBy).toBe('global-admin');
  expect(Date.parse(res.body.updatedAt)).not.toBeNaN();
});

test('a registration number is required for a Russian company', async () => {
  const ru = customers.find((c) => c.billingProfile.defaultAddress.country === 'RU')!.id;
  await expectUnchanged(async () => {
    const res = await api.call(company(ru), {
      method: 'PATCH',
      body: { organizationRegistrationNumber: null },
      ifMatch: await etagOf(company(ru)),
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['organizationRegistrationNumber']);
  }, ru);
});

/** A tiny deterministic generator of bad bodies: wrong types, unknown keys, bad nesting, oversize strings. */
function* badBodies(count: number): Generator<unknown> {
  let state = 12345;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const junk = [42, -1, true, [], {}, 'x'.repeat(300), '', '   ', { nested: 1 }, [1, 'a'], 1.5];
  const keys = [
    'firstName',
    'lastName',
    'email',
    'culture',
    'language',
    'companyName',
    'defaultAddress',
    'unknownKey',
    'id',
    'etag',
  ];
  const addressKeys = ['country', 'city', 'state', 'postalCode', 'addressLine1', 'phoneNumber', 'firstName', 'zip'];
  for (let n = 0; n < count; n++) {
    const body: Record<string, unknown> = {};
    const key = keys[next(keys.length)];
    if (key === 'defaultAddress')
      body.defaultAddress = { [addressKeys[next(addressKeys.length)]]: junk[next(junk.length)] };
    else body[key] = junk[next(junk.length)];
    yield body;
  }
}

test('fuzz: 150 generated bad bodies all get a 4xx and change nothing', async () => {
  await expectUnchanged(async () => {
    const etag = await etagOf(billing());
    for (const body of badBodies(150)) {
      const res = await api.call(billing(), { method: 'PATCH', body, ifMatch: etag });
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.body.error.code).toBeTypeOf('string');
    }
  });
});
