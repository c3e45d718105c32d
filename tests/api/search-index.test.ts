import { expect, test } from 'vitest';
import { normalizeText } from '@/domain/search';
import { SearchIndex, searchText } from '@/mock-api/search-index';
import { seedCustomers } from '@/mock-api/seed';

/** The obvious answer the index must agree with: a scan, prefix matches first, each group in record order. */
function naive(texts: string[], query: string): number[] {
  const q = normalizeText(query);
  const hits = texts.flatMap((t, i) => (t.includes(q) ? [i] : []));
  return [...hits.filter((i) => texts[i].startsWith(q)), ...hits.filter((i) => !texts[i].startsWith(q))];
}

test('the n-gram lists, the cache and writes never change an answer: 300 generated queries agree with a scan', () => {
  const customers = seedCustomers(1500, 11);
  const texts = customers.map(searchText);
  const index = new SearchIndex(texts.slice());
  let state = 7;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const query = () => {
    const text = texts[random(texts.length)];
    const at = random(text.length);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the index's field separators are control characters.
    return text.slice(at, at + 1 + random(8)).replace(/[\u0000-\u001f]/g, '');
  };
  const check = (q: string) => expect(Array.from(index.search(q)), q).toEqual(naive(texts, q));

  for (let n = 0; n < 50; n++) check(query()); // before the trigram lists exist: scans
  for (const _ of index.buildGrams()) check(query()); // while they are being built
  for (let n = 0; n < 100; n++) check(query());
  for (let n = 0; n < 100; n++) {
    const i = random(texts.length);
    const renamed = {
      ...customers[i],
      companyProfile: { ...customers[i].companyProfile, companyName: `Renamed ${query()} ${n}` },
    };
    texts[i] = searchText(renamed);
    index.update(i, texts[i]);
    check(query());
    check('renamed');
  }
  for (const q of ['c', 'co', 'con', 'cont', 'a', 'ab', 'abc']) check(q); // typing narrows cached answers
});
