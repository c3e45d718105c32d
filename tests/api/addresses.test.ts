import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi({ seed: 5 });
});
afterAll(() => api?.stop());

const person = { firstName: 'Ann', lastName: 'Lee', addressLine1: '1 Main Street' };

/** Per country: a valid address, and postal codes that country must refuse. */
const COUNTRIES: { country: string; city: string; valid: Record<string, string>; badPostalCodes: string[] }[] = [
  {
    country: 'US',
    city: 'Redmond',
    valid: { state: 'WA', postalCode: '98052' },
    badPostalCodes: ['9805', 'ABCDE', '98052-12'],
  },
  {
    country: 'CA',
    city: 'Ottawa',
    valid: { state: 'ON', postalCode: 'K1A 0B1' },
    badPostalCodes: ['12345', 'D1A 0B1'],
  },
  { country: 'GB', city: 'London', valid: { postalCode: 'SW1A 1AA' }, badPostalCodes: ['12345', 'SW1A 1A'] },
  { country: 'DE', city: 'Berlin', valid: { postalCode: '10115' }, badPostalCodes: ['1011', 'D-10115'] },
  { country: 'FR', city: 'Paris', valid: { postalCode: '75001' }, badPostalCodes: ['7500', '750011'] },
  {
    country: 'RU',
    city: 'Москва',
    valid: { postalCode: '101000', phoneNumber: '+7 495 123-45-67' },
    badPostalCodes: ['10100', '1010000'],
  },
  { country: 'IN', city: 'New Delhi', valid: { postalCode: '110001' }, badPostalCodes: ['011000', '11001'] },
  { country: 'JP', city: 'Tokyo', valid: { postalCode: '100-0001' }, badPostalCodes: ['100-001', 'ABC-DEFG'] },
  { country: 'AU', city: 'Sydney', valid: { postalCode: '2000' }, badPostalCodes: ['200', '20000'] },
];

const validate = (address: object) => api.call('/validations/address', { method: 'POST', body: address });

describe.each(COUNTRIES)('$country', ({ country, city, valid, badPostalCodes }) => {
  const address = { ...person, country, city, ...valid };

  test('a valid address is 200 and comes back as sent', async () => {
    const res = await validate(address);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, address });
  });

  test('wrong postal codes are 400 on postalCode', async () => {
    for (const postalCode of badPostalCodes) {
      const res = await validate({ ...address, postalCode });
      expect(res.status, postalCode).toBe(400);
      expect(res.body.error.fields, postalCode).toHaveProperty('postalCode');
    }
  });
});

test('US and CA need a state of their own list', async () => {
  const us = { ...person, country: 'US', city: 'Redmond', postalCode: '98052' };
  expect((await validate(us)).body.error.fields).toHaveProperty('state');
  expect((await validate({ ...us, state: 'ON' })).body.error.fields).toHaveProperty('state');
  const ca = { ...person, country: 'CA', city: 'Ottawa', postalCode: 'K1A 0B1', state: 'WA' };
  expect((await validate(ca)).body.error.fields).toHaveProperty('state');
});

test('a Russian address needs a phone number', async () => {
  const res = await validate({ ...person, country: 'RU', city: 'Москва', postalCode: '101000' });
  expect(res.status).toBe(400);
  expect(Object.keys(res.body.error.fields)).toEqual(['phoneNumber']);
});

test('a fixable spelling gets a suggestedAddress: GB postal code and a lower-case US state', async () => {
  const gb = await validate({ ...person, country: 'GB', city: 'London', postalCode: 'sw1a1aa' });
  expect(gb.status).toBe(400);
  expect(gb.body.error.fields).toHaveProperty('postalCode');
  expect(gb.body.suggestedAddress).toEqual({ ...person, country: 'GB', city: 'London', postalCode: 'SW1A 1AA' });
  const us = await validate({ ...person, country: 'US', city: 'Redmond', state: 'wa', postalCode: '98052' });
  expect(us.status).toBe(400);
  expect(us.body.suggestedAddress.state).toBe('WA');
  const jp = await validate({ ...person, country: 'JP', city: 'Tokyo', postalCode: '1000001' });
  expect(jp.body.suggestedAddress.postalCode).toBe('100-0001');
});

test('an address that cannot be fixed gets field messages and no suggestion', async () => {
  const res = await validate({ ...person, country: 'DE', city: '', postalCode: '1' });
  expect(res.status).toBe(400);
  expect(Object.keys(res.body.error.fields).sort()).toEqual(['city', 'postalCode']);
  expect(res.body).not.toHaveProperty('suggestedAddress');
});

test('the billing profile applies the same country rules (422)', async () => {
  const { id } = (await api.call('/customers?_limit=1')).body[0];
  const read = await api.call(`/customers/${id}/profiles/billing`);
  const res = await api.call(`/customers/${id}/profiles/billing`, {
    method: 'PATCH',
    body: { defaultAddress: { country: 'US', state: 'WA', postalCode: 'SW1A 1AA', phoneNumber: null, region: null } },
    ifMatch: read.body.etag,
  });
  expect(res.status).toBe(422);
  expect(Object.keys(res.body.error.fields)).toEqual(['defaultAddress.postalCode']);
});
