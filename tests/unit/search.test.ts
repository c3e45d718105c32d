import { expect, test } from 'vitest';
import { matchRanges, normalizeText } from '@/domain/search';

test('normalizeText folds case, ё and white space', () => {
  expect(normalizeText('  ООО  «Ёлка»\tGmbH ')).toBe('ооо «елка» gmbh');
});

test('matchRanges finds every case-insensitive occurrence, Cyrillic included', () => {
  expect(matchRanges('Contoso Ltd, contoso.com', 'CONTOSO')).toEqual([
    [0, 7],
    [13, 20],
  ]);
  expect(matchRanges('ООО Ёлка', 'елка')).toEqual([[4, 8]]);
});

test('matchRanges treats regular-expression characters as text', () => {
  expect(matchRanges('A (a+)+$ b', '(a+)+$')).toEqual([[2, 8]]);
  expect(matchRanges('anything', '.*')).toEqual([]);
  expect(matchRanges('anything', '   ')).toEqual([]);
});
