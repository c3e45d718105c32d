import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { LANGUAGES } from '@/domain/languages';
import { en, type Messages } from '@/locales/en';
import {
  countryName,
  formatDateTime,
  formatNumber,
  loadCatalogue,
  resolveLanguage,
  setLanguage,
  t,
} from '@/services/i18n';

afterEach(() => void setLanguage('en'));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}|%s/g)].map((m) => m[0]).sort();
const forms = (entry: unknown) => (typeof entry === 'string' ? { other: entry } : (entry as Record<string, string>));

const manifest = (code: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../public/_locales/${code}/messages.json`), 'utf8'));

describe.each(LANGUAGES.filter((l) => l.code !== 'en'))('the $label catalogue ($code)', ({ code }) => {
  let catalogue: Messages;
  beforeAll(async () => {
    catalogue = await loadCatalogue(code);
  });

  test('has every key of the English one, and no other', () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });

  test('fills the same placeholders as English in every form', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const wanted = placeholders(forms(en[key]).other);
      for (const [form, text] of Object.entries(forms(catalogue[key])))
        expect(placeholders(text), `${key}.${form}`).toEqual(wanted);
    }
  });

  test('the manifest strings (_locales) are translated too', () => {
    const [enManifest, own] = [manifest('en'), manifest(code)];
    expect(Object.keys(own).sort()).toEqual(Object.keys(enManifest).sort());
    expect(own.extDescription.message).not.toBe(enManifest.extDescription.message);
  });
});

test.each(LANGUAGES)('plural entries have the forms $label needs ($code)', async ({ code }) => {
  const catalogue = await loadCatalogue(code);
  const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories.sort();
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    if (typeof en[key] === 'string') continue;
    expect(Object.keys(forms(catalogue[key])).sort(), key).toEqual(needed);
  }
  if (code === 'ru') expect(needed).toEqual(['few', 'many', 'one', 'other']);
});

test.each(LANGUAGES)(
  '$code is named in itself and asks Partner Center for its own locale',
  ({ code, label, partnerCenterLocale }) => {
    expect(label.toLowerCase()).toBe(new Intl.DisplayNames(code, { type: 'language' }).of(code)?.toLowerCase());
    expect(partnerCenterLocale.split('-')[0]).toBe(code);
  },
);

test('plural forms: 1 клиент, 2 клиента, 5 клиентов; 1 customer, 5 customers', async () => {
  await setLanguage('ru');
  expect([1, 2, 5, 11, 21, 22, 25, 101].map((count) => t('resultCount', { count }))).toEqual([
    '1 клиент',
    '2 клиента',
    '5 клиентов',
    '11 клиентов',
    '21 клиент',
    '22 клиента',
    '25 клиентов',
    '101 клиент',
  ]);
  setLanguage('en');
  expect([0, 1, 5].map((count) => t('resultCount', { count }))).toEqual(['0 customers', '1 customer', '5 customers']);
});

test('numbers, dates and country names follow the chosen language', async () => {
  await setLanguage('ru');
  expect(t('resultCount', { count: 12345 })).toBe('12\u00a0345 клиентов');
  expect(formatNumber(1234.5)).toBe('1\u00a0234,5');
  expect(countryName('RU')).toBe('Россия');
  expect(countryName('de')).toBe('Германия');
  expect(formatDateTime('2026-03-05T12:00:00Z')).toMatch(/5 мар\. 2026/);
  setLanguage('en');
  expect(formatNumber(1234.5)).toBe('1,234.5');
  expect(countryName('RU')).toBe('Russia');
  expect(formatDateTime('2026-03-05T12:00:00Z')).toMatch(/Mar 5, 2026/);
});

test('the language follows the browser unless one is chosen; unknown languages fall back to English', () => {
  expect(resolveLanguage('auto', 'ru-RU')).toBe('ru');
  expect(resolveLanguage('en', 'ru-RU')).toBe('en');
  expect(resolveLanguage('ru', 'en-US')).toBe('ru');
  expect(resolveLanguage('auto', 'de-DE')).toBe('en');
});

test('Russian loads when first wanted; a choice made meanwhile wins over the slower load', async () => {
  vi.resetModules();
  const i18n = await import('@/services/i18n');
  const russian = i18n.setLanguage('ru');
  // English needs no load: it is the language before setLanguage returns.
  void i18n.setLanguage('en');
  expect(i18n.getLanguage()).toBe('en');
  await russian;
  expect(i18n.getLanguage()).toBe('en');
  expect(i18n.t('customers')).toBe('Customers');
  await i18n.setLanguage('ru');
  expect(i18n.t('customers')).toBe('Клиенты');
});
