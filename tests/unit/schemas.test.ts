import { expect, test } from 'vitest';
import { Address, BillingProfile, Customer } from '@/domain/schemas';
import { seedCustomers } from '@/mock-api/store/seed/seed';

const us = {
  country: 'US',
  city: 'Redmond',
  state: 'WA',
  addressLine1: '1 Microsoft Way',
  postalCode: '98052',
  firstName: 'Ann',
  lastName: 'Lee',
};
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join('.')) ?? [];

test('a valid US address passes and is trimmed', () => {
  const parsed = Address.parse({ ...us, city: '  Redmond ' });
  expect(parsed.city).toBe('Redmond');
});

test('per-country rules: US postal code and state, RU phone number', () => {
  expect(paths(Address.safeParse({ ...us, postalCode: '9805' }))).toEqual(['postalCode']);
  expect(paths(Address.safeParse({ ...us, state: 'XX' }))).toEqual(['state']);
  const ru = {
    country: 'RU',
    city: 'Москва',
    addressLine1: 'ул. Тверская, 1',
    postalCode: '101000',
    firstName: 'Анна',
    lastName: 'Ли',
  };
  expect(paths(Address.safeParse(ru))).toEqual(['phoneNumber']);
  expect(Address.safeParse({ ...ru, phoneNumber: '+7 495 123-45-67' }).success).toBe(true);
});

test('unknown fields are rejected, not dropped', () => {
  const result = Address.safeParse({ ...us, isAdmin: true });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0].code).toBe('unrecognized_keys');
});

test('billing profile needs a real email', () => {
  const profile = {
    id: 'x',
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'not-an-email',
    culture: 'en-US',
    language: 'en',
    companyName: 'Contoso',
    defaultAddress: us,
  };
  expect(paths(BillingProfile.safeParse(profile))).toEqual(['email']);
});

test('every seeded customer is valid, and the seed is deterministic', () => {
  const customers = seedCustomers(300, 42);
  for (const c of customers) expect(Customer.safeParse(c).error?.issues).toBeUndefined();
  expect(seedCustomers(300, 42)).toEqual(customers);
  expect(seedCustomers(5, 43)[0].id).not.toBe(customers[0].id);
  expect(customers.some((c) => /[а-я]/i.test(c.companyProfile.companyName))).toBe(true);
});
