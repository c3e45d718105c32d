/** Recent changes name fields as the forms do, in the agent's language, with the values before → after. */
import { beforeEach, expect, test } from 'vitest';
import { BILLING_FIELDS } from '@/components/BillingProfileForm';
import { changeLines } from '@/services/audit-change';
import { FIELD_LABELS } from '@/services/field-labels';
import { setLanguage, t } from '@/services/i18n';

// The language is the module's own state, which test files sharing a worker share too.
beforeEach(() => setLanguage('en'));

test('a billing change: the form’s label, old → new; an emptied field and a country in words', () => {
  const lines = changeLines({
    action: 'Update billing profile',
    changes: {
      'defaultAddress.city': { before: 'Moscow', after: 'Kazan' },
      'defaultAddress.addressLine2': { before: 'Floor 2', after: undefined },
      'defaultAddress.country': { before: 'RU', after: 'DE' },
    },
  });
  expect(lines).toEqual([
    { field: 'City', before: 'Moscow', after: 'Kazan' },
    { field: 'Address line 2', before: 'Floor 2', after: '(empty)' },
    { field: 'Country or region', before: 'Russia', after: 'Germany' },
  ]);
});

test('in Russian: the Russian labels; the purchase permission as the product, on and off', async () => {
  await setLanguage('ru');
  const [city] = changeLines({
    action: 'Update billing profile',
    changes: { 'defaultAddress.city': { before: 'A', after: 'B' } },
  });
  expect(city.field).toBe(t('field.city'));
  expect(city.field).not.toBe('City');
  const [permission] = changeLines({
    action: 'Create customer purchase permission',
    changes: { azureReservations: { before: false, after: true } },
  });
  expect(permission).toEqual({
    field: t('permission.product.azureReservations'),
    before: t('permission.off'),
    after: t('permission.on'),
  });
});

test('a path no form names shows as it is', () => {
  expect(changeLines({ action: 'Something else', changes: { odd: { before: 1, after: 2 } } })).toEqual([
    { field: 'odd', before: '1', after: '2' },
  ]);
});

test('the billing form labels its fields from the same table', () => {
  expect(Object.fromEntries(BILLING_FIELDS.map((f) => [f.path, f.label]))).toEqual(FIELD_LABELS.billing);
});
