import { expect, test } from 'vitest';
import { SortedStrings } from '@/mock-api/store/search/sorted-strings';

const plainSort = (strings: string[]) =>
  Array.from(strings.keys()).sort((a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : a - b));

test.each([
  ['Latin-1', ['abcd1', 'abc', '', 'abcd', 'ab\u0000', 'ab', 'abcd', 'zz', 'é', 'abce', 'b']],
  ['UTF-16', ['ёлка', 'елка', 'ел', 'е', 'елка', 'ab', 'ελ', 'a', '', 'елкаа']],
])('%s: sorted by code units, ties by record, prefixes as ranges', (_, strings) => {
  const blocks = SortedStrings.build(strings);
  expect(Array.from(blocks.records)).toEqual(plainSort(strings));
  const sorted = new SortedStrings(blocks);
  expect(Array.from({ length: sorted.size }, (_, pos) => sorted.at(pos))).toEqual(
    plainSort(strings).map((i) => strings[i]),
  );
  for (const prefix of ['ab', 'abcd', 'е', 'ел', 'x', '']) {
    const [lo, hi] = sorted.prefixRange(prefix);
    expect(hi - lo, prefix).toBe(strings.filter((s) => s.startsWith(prefix)).length);
    for (let pos = lo; pos < hi; pos++) expect(sorted.at(pos).startsWith(prefix)).toBe(true);
  }
  expect(sorted.find(strings[0])).toBe(strings.indexOf(strings[0]));
  expect(sorted.find('no such string')).toBeUndefined();
});

test('more than 255 different first characters: still exact (heads of two UTF-16 units)', () => {
  const strings = Array.from({ length: 3000 }, (_, i) =>
    String.fromCharCode(0x400 + ((i * 7919) % 400), 0x430 + (i % 7)),
  );
  expect(Array.from(SortedStrings.build(strings).records)).toEqual(plainSort(strings));
});

test('many strings sharing their first characters still sort exactly, equal ones by their ties', () => {
  const strings = Array.from({ length: 5000 }, (_, i) => `same${(i * 7919) % 1000}`);
  const ties = strings.map((_, i) => String.fromCharCode(97 + ((i * 31) % 26)));
  const blocks = SortedStrings.build(strings, ties);
  const expected = Array.from(strings.keys()).sort((a, b) =>
    strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : ties[a] < ties[b] ? -1 : ties[a] > ties[b] ? 1 : a - b,
  );
  expect(Array.from(blocks.records)).toEqual(expected);
});
