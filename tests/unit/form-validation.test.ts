import { beforeEach, expect, test } from 'vitest';
import type { BillingProfile, CompanyProfile } from '@/domain/schemas';
import { setLanguage } from '@/services/i18n';
import { validateResource } from '@/state/edit-session/form-validation';

const billing: BillingProfile = {
  id: 'b1',
  firstName: 'John',
  lastName: 'Doe',
  email: 'john@contoso.com',
  culture: 'en-US',
  language: 'en',
  companyName: 'Contoso',
  defaultAddress: {
    country: 'US',
    city: 'Redmond',
    state: 'WA',
    addressLine1: '1 Microsoft Way',
    postalCode: '98052',
    firstName: 'John',
    lastName: 'Doe',
  },
};
const company: CompanyProfile = { tenantId: 't1', domain: 'contoso.onmicrosoft.com', companyName: 'Contoso' };

beforeEach(() => setLanguage('en'));

test('a valid profile has no errors', () => {
  expect(validateResource('billing', billing, { email: 'john@contoso.com' }, 'US')).toEqual({});
});

test('per-country address rules come back on their fields, translated', () => {
  expect(
    validateResource(
      'billing',
      billing,
      { 'defaultAddress.postalCode': 'SW1A 1AA', 'defaultAddress.country': 'US' },
      'US',
    ),
  ).toEqual({
    'defaultAddress.postalCode': 'This is not a postal code of US, which looks like 98052.',
  });
  expect(
    validateResource('billing', billing, { 'defaultAddress.state': 'ZZ', 'defaultAddress.country': 'US' }, 'US'),
  ).toEqual({
    'defaultAddress.state': 'ZZ is not a state or province of US.',
  });
  const russia = {
    'defaultAddress.country': 'RU',
    'defaultAddress.state': '',
    'defaultAddress.postalCode': '101000',
    'defaultAddress.phoneNumber': '',
  };
  expect(validateResource('billing', billing, russia, 'US')).toEqual({
    'defaultAddress.phoneNumber': 'A phone number is required for customers in RU.',
  });
});

test('generic checks: required, format, length', () => {
  expect(validateResource('billing', billing, { firstName: '  ', email: 'nope', culture: 'english' }, 'US')).toEqual({
    firstName: 'Fill this in.',
    email: 'Enter an email address like name@example.com.',
    culture: 'Use a culture like en-US or ru-RU.',
  });
  expect(validateResource('billing', billing, { lastName: 'x'.repeat(51) }, 'US')).toEqual({
    lastName: 'Use at most 50 characters.',
  });
});

test('messages follow the UI language', async () => {
  await setLanguage('ru');
  expect(validateResource('billing', billing, { firstName: '' }, 'US')).toEqual({ firstName: 'Заполните это поле.' });
});

test('the registration number is required only where the country needs it', () => {
  expect(validateResource('company', company, { organizationRegistrationNumber: '' }, 'US')).toEqual({});
  expect(validateResource('company', company, { organizationRegistrationNumber: '' }, 'RU')).toEqual({
    organizationRegistrationNumber: 'A registration number is required for customers in RU.',
  });
  expect(validateResource('company', company, { companyName: '' }, 'US')).toEqual({ companyName: 'Fill this in.' });
});
