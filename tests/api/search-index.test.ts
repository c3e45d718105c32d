import { expect, test } from 'vitest';
import { type Customer, type CustomerSummary, summaryOf } from '@/domain/schemas';
import { compareTies, fold, matchTier, parseQuery, type SearchableCustomer, searchable } from '@/domain/search';
import { SearchBlocksBuilder } from '@/mock-api/store/search/search-blocks';
import { SearchIndex } from '@/mock-api/store/search/search-index';
import { seedCustomers } from '@/mock-api/store/seed/seed';

const searchables = new WeakMap<CustomerSummary, SearchableCustomer>();

/** The obvious answer the index must agree with: check every customer with the domain's rules, then sort. */
function naive(summaries: readonly CustomerSummary[], query: string): number[] {
  const parsed = parseQuery(query);
  const all = summaries.map((s, i) => {
    let c = searchables.get(s);
    if (!c) {
      c = searchable(s);
      searchables.set(s, c);
    }
    return { i, c, tier: matchTier(parsed, c) };
  });
  return all
    .filter((x) => x.tier !== null)
    .sort((a, b) => a.tier! - b.tier! || compareTies(a.c, b.c))
    .map((x) => x.i);
}

/** The index of `summaries`, answering with their positions (the index numbers records in tie order). */
async function indexOf(summaries: readonly CustomerSummary[]) {
  const builder = new SearchBlocksBuilder();
  for (const s of summaries) builder.add(searchable(s));
  const { blocks, lineOf } = await builder.build();
  const index = new SearchIndex(blocks);
  const recordOf = new Map(Array.from(lineOf, (line, record) => [line, record]));
  const lines = (found: { total: number; records: Int32Array }) => ({
    total: found.total,
    records: Array.from(found.records, (record) => lineOf[record]),
  });
  return {
    search: (q: string, page: { offset: number; limit: number }) => lines(index.search(q, page)),
    startingWith: (field: 'companyName' | 'domain', prefix: string, page: { offset: number; limit: number }) =>
      lines(index.startingWith(field, prefix, page)),
    update: (line: number, before: CustomerSummary, after: CustomerSummary) =>
      index.update(recordOf.get(line)!, before, after),
    indexOf: (id: string) => {
      const record = index.indexOf(id);
      return record === undefined ? undefined : lineOf[record];
    },
  };
}

const everything = (index: Awaited<ReturnType<typeof indexOf>>, q: string) =>
  index.search(q, { offset: 0, limit: 1e9 }).records;

function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
}

/** Queries as agents type them: starts of words, whole-field prefixes, several pieces, and some that miss. */
function queries(summaries: readonly CustomerSummary[], count: number, pick: (n: number) => number): string[] {
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const s = summaries[pick(summaries.length)];
    const b = s.billingProfile;
    const fields = [s.companyProfile.companyName, b.firstName, b.lastName, b.email, s.companyProfile.domain, s.id];
    const text = fields[pick(fields.length)];
    const words = text.split(/[\s.,-]+/).filter(Boolean);
    const word = words[pick(words.length)] ?? text;
    const prefix = word.slice(0, 1 + pick(Math.min(6, word.length)));
    const kind = pick(6);
    if (kind === 0) out.push(text.slice(0, 2 + pick(text.length)));
    else if (kind === 1) out.push(`${prefix} ${fields[pick(4)].slice(0, 2)}`);
    else if (kind === 2) out.push(prefix.toUpperCase());
    else if (kind === 3)
      out.push(word.slice(1, 4)); // the middle of a word: mostly no match
    else out.push(prefix);
  }
  return out;
}

test('the index agrees with the domain rules: 400 generated queries, before and after writes, every page', async () => {
  const customers = seedCustomers(1500, 11);
  const summaries = customers.map(summaryOf);
  const index = await indexOf(summaries);
  const pick = random(7);
  let found = 0;
  for (const q of [...queries(summaries, 300, pick), 'co', '.com', 'onmicrosoft', '&', 'а', 'е', 'ё']) {
    const want = naive(summaries, q);
    expect(everything(index, q), q).toEqual(want);
    if (want.length) found++;
  }
  expect(found).toBeGreaterThan(200); // most queries find someone: the comparison is not of empty lists

  const write = (i: number, change: (c: Customer) => Customer) => {
    const after = summaryOf(change(customers[i]));
    index.update(i, summaries[i], after);
    summaries[i] = after;
  };
  for (let n = 0; n < 60; n++) {
    const i = pick(summaries.length);
    const q = queries(summaries, 1, pick)[0];
    if (n % 3 === 0)
      write(i, (c) => ({ ...c, companyProfile: { ...c.companyProfile, companyName: `Renamed ${q} ${n}` } }));
    else if (n % 3 === 1)
      write(i, (c) => ({
        ...c,
        billingProfile: { ...c.billingProfile, firstName: `Zed${n}`, email: `new.${n}@x.example` },
      }));
    else
      write(i, (c) => ({
        ...c,
        companyProfile: { ...c.companyProfile, companyName: summaries[pick(1500)].companyProfile.companyName },
      }));
    for (const query of [q, 'renamed', `zed${n}`, 'new', ...queries(summaries, 2, pick)])
      expect(everything(index, query), query).toEqual(naive(summaries, query));
  }

  // Pages are slices of the whole answer, with the total in every one.
  const whole = naive(summaries, 'a');
  for (const [offset, limit] of [
    [0, 20],
    [20, 20],
    [whole.length - 5, 20],
    [whole.length + 5, 20],
  ]) {
    const found = index.search('a', { offset, limit });
    expect(found.total).toBe(whole.length);
    expect(found.records).toEqual(whole.slice(offset, offset + limit));
  }
  expect(index.search('', { offset: 0, limit: 1500 }).records).toEqual(naive(summaries, ''));
});

test('startingWith: company name or domain prefix, case-insensitive, in tie order, paged', async () => {
  const summaries = seedCustomers(800, 3).map(summaryOf);
  const index = await indexOf(summaries);
  const tieOrder = (ids: number[]) =>
    ids.sort((a, b) => compareTies(searchable(summaries[a]), searchable(summaries[b])));
  for (const [field, prefix] of [
    ['companyName', 'SCH'],
    ['companyName', 'ооо'],
    ['domain', 'Ha'],
    ['domain', 'zz-none'],
  ] as const) {
    const value = (s: CustomerSummary) =>
      fold(field === 'domain' ? s.companyProfile.domain : s.companyProfile.companyName);
    const want = tieOrder(summaries.flatMap((s, i) => (value(s).startsWith(fold(prefix)) ? [i] : [])));
    const first = index.startingWith(field, prefix, { offset: 0, limit: 5 });
    expect(first.total, prefix).toBe(want.length);
    expect(first.records).toEqual(want.slice(0, 5));
    expect(index.startingWith(field, prefix, { offset: 5, limit: 1000 }).records).toEqual(want.slice(5));
  }
  expect(index.indexOf(summaries[5].id.toUpperCase())).toBe(5);
  expect(index.indexOf('no-such-id')).toBeUndefined();
});
