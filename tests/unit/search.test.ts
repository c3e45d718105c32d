import { expect, test } from 'vitest';
import type { CustomerSummary } from '@/domain/schemas';
import {
  compareTies,
  fold,
  foldText,
  highlightRanges,
  matchTier,
  parseQuery,
  searchable,
  Tier,
  wordsOf,
} from '@/domain/search';

function customer(
  companyName: string,
  contact: { firstName?: string; lastName?: string; email?: string; domain?: string; id?: string } = {},
): CustomerSummary {
  return {
    id: contact.id ?? '3f2a9c1e-0b7d-4e1a-9c3b-5d6e7f8a9b0c',
    relationshipToPartner: 'reseller',
    companyProfile: {
      tenantId: contact.id ?? '3f2a9c1e-0b7d-4e1a-9c3b-5d6e7f8a9b0c',
      domain: contact.domain ?? 'tenant7.onmicrosoft.com',
      companyName,
    },
    billingProfile: {
      firstName: contact.firstName ?? 'Kaylee',
      lastName: contact.lastName ?? 'Smith',
      email: contact.email ?? 'kaylee.smith.7@tenant7.onmicrosoft.com',
      defaultAddress: { country: 'US', city: 'Redmond' },
    },
  };
}

const tier = (query: string, c: CustomerSummary) => matchTier(parseQuery(query), searchable(c));

test('folding: case, ё/е, full width, Latin accents; Cyrillic й and Japanese stay themselves', () => {
  expect(fold('ЁЛКА Ёж')).toBe('елка еж');
  expect(fold('Ｃｏｎｔｏｓｏ')).toBe('contoso');
  expect(fold('Dächert Société ØRSTED')).toBe('dachert societe ørsted');
  expect(fold('Йошкар')).toBe('йошкар');
  expect(fold('ガス')).toBe('ガス');
  expect(foldText('  ООО  «Ёлка»\tGmbH ')).toBe('ооо «елка» gmbh');
});

test('words split at punctuation, keep digits, and drop punctuation alone', () => {
  expect(wordsOf(fold('Ferry, Rau-Greenholt and Kunde'))).toEqual(['ferry', 'rau', 'greenholt', 'and', 'kunde']);
  expect(wordsOf(fold('ООО «Ёлочка-Трейд»'))).toEqual(['ооо', 'елочка', 'трейд']);
  expect(wordsOf('camylle.reinger72.1')).toEqual(['camylle', 'reinger72', '1']);
  expect(parseQuery('  acme   &  co ').pieces).toEqual([
    { text: 'acme', words: ['acme'] },
    { text: 'co', words: ['co'] },
  ]);
  expect(parseQuery('(a+)+$').pieces).toEqual([{ text: '(a+)+$', words: ['a'] }]);
  expect(parseQuery('.* - &').pieces).toEqual([]);
});

test('the ".com" case: "co" finds Contoso and Acme Co, never the shared domain tail or the middle of a word', () => {
  expect(tier('co', customer('Contoso'))).toBe(Tier.namePrefix);
  expect(tier('co', customer('Acme Co'))).toBe(Tier.nameWord);
  expect(tier('co', customer('Zulauf Inc'))).toBeNull();
  expect(tier('com', customer('Zulauf Inc'))).toBeNull();
  expect(tier('.com', customer('Zulauf Inc'))).toBeNull();
  expect(tier('onmicrosoft', customer('Zulauf Inc'))).toBeNull();
  expect(tier('ntoso', customer('Contoso'))).toBeNull();
});

test('tiers: exact name, name prefix, name word, domain, contact or e-mail, id', () => {
  expect(tier('CONTOSO', customer('Contoso'))).toBe(Tier.exact);
  expect(tier('contoso lt', customer('Contoso Ltd'))).toBe(Tier.namePrefix);
  expect(tier('ltd', customer('Contoso Ltd'))).toBe(Tier.nameWord);
  expect(tier('tenant7.onmicrosoft', customer('Contoso Ltd'))).toBe(Tier.domain);
  expect(tier('kay', customer('Contoso Ltd'))).toBe(Tier.contact);
  expect(tier('smi', customer('Contoso Ltd'))).toBe(Tier.contact);
  expect(tier('kaylee.smith.7@ten', customer('Contoso Ltd'))).toBe(Tier.contact);
  expect(tier('3F2A9C', customer('Contoso Ltd'))).toBe(Tier.id);
  expect(tier('3f2a9c1e-0b7d', customer('Contoso Ltd'))).toBe(Tier.id);
  // An id's later groups are not words of their own.
  expect(tier('0b7d', customer('Contoso Ltd'))).toBeNull();
});

test('several pieces: every piece must match, and the weakest sets the tier', () => {
  const c = customer('Contoso Ltd', { firstName: 'Anna', lastName: 'Berg' });
  expect(tier('contoso anna', c)).toBe(Tier.contact);
  expect(tier('ltd cont', c)).toBe(Tier.nameWord);
  expect(tier('anna berg', c)).toBe(Tier.contact);
  expect(tier('contoso bob', c)).toBeNull();
  // Punctuation alone is ignored; inside a piece it splits words that must each match.
  expect(tier('contoso & ltd', c)).toBe(Tier.nameWord);
  expect(tier('contoso-an', c)).toBe(Tier.contact);
  expect(tier('&', c)).toBe(Tier.exact);
});

test('Cyrillic with ё, matched by word starts', () => {
  const c = customer('ООО «Ёлочка-Трейд»', { firstName: 'Пётр', lastName: 'Ёлкин' });
  expect(tier('ёлочка', c)).toBe(Tier.nameWord);
  expect(tier('ЕЛОЧ', c)).toBe(Tier.nameWord);
  expect(tier('ооо «ёлочка', c)).toBe(Tier.namePrefix);
  expect(tier('трейд', c)).toBe(Tier.nameWord);
  expect(tier('петр', c)).toBe(Tier.contact);
  expect(tier('лочка', c)).toBeNull();
});

test('contact words: first and last name and the e-mail local part, never the e-mail domain', () => {
  const c = searchable(
    customer('Contoso', { firstName: 'Mary Ann', lastName: "O'Brien", email: 'm.obrien.7@contoso.com' }),
  );
  expect(c.contactWords).toEqual(['mary', 'ann', 'o', 'brien', 'm', 'obrien', '7']);
  expect(searchable(customer('Contoso', { email: 'nobody' })).contactWords).toContain('nobody');
});

test('ties go by folded company name, then id', () => {
  const rows = [
    { name: 'beta', id: 'b' },
    { name: 'alpha', id: 'z' },
    { name: 'alpha', id: 'a' },
  ];
  expect(rows.sort(compareTies)).toEqual([
    { name: 'alpha', id: 'a' },
    { name: 'alpha', id: 'z' },
    { name: 'beta', id: 'b' },
  ]);
});

test('highlight marks the starts of words that matched, in the original text', () => {
  expect(highlightRanges('Acme Co, Contoso Ltd', 'co')).toEqual([
    [5, 7],
    [9, 11],
  ]);
  expect(highlightRanges('Discount Co', 'co')).toEqual([[9, 11]]);
  expect(highlightRanges('ООО «Ёлочка-Трейд»', 'елоч тр')).toEqual([
    [5, 9],
    [12, 14],
  ]);
  // Folding a character never shifts the marks: full width and accents map back to the original text.
  expect(highlightRanges('Ｃｏｎｔｏｓｏ Société', 'cont soc')).toEqual([
    [0, 4],
    [8, 11],
  ]);
  expect(highlightRanges('Regex (a+)+$ Ltd', '(a+)+$')).toEqual([[7, 8]]);
  expect(highlightRanges('anything', '.*')).toEqual([]);
});

test('highlight of a whole field marks only its start', () => {
  expect(highlightRanges('contoso5.onmicrosoft.com', 'contoso5.on', true)).toEqual([[0, 11]]);
  expect(highlightRanges('contoso5.onmicrosoft.com', 'onmicrosoft', true)).toEqual([]);
  expect(highlightRanges('contoso5.onmicrosoft.com', 'co', true)).toEqual([[0, 2]]);
});
