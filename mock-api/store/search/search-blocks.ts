/**
 * What the search index is made of (docs/architecture.md, "The mock API's store", its blocks): built once from every
 * customer and stored with the snapshot, so start-up only reads it back. Customers are numbered in tie order (folded
 * company name, then id), so a record number is a rank and every list in record order is in rank order too.
 */
import type { SearchableCustomer } from '@/domain/search';
import type { BlockValue } from '../snapshot-blocks';
import { IntList, StringList } from './lists';
import { type SortedStringsBlocks, type Sorter, sortHere } from './sorted-strings';

/** For each word (by its place in `words`), the records that have it: word w's are records[starts[w] .. starts[w + 1]). */
export interface Postings {
  starts: Int32Array;
  records: Int32Array;
}

export interface SearchBlocks {
  names: SortedStringsBlocks;
  ids: SortedStringsBlocks;
  domains: SortedStringsBlocks;
  emails: SortedStringsBlocks;
  words: SortedStringsBlocks;
  nameWords: Postings;
  contactWords: Postings;
}

/** The words of one kind each customer has, customer after customer (in the order they were added), each once. */
class Pairs {
  private readonly words = new IntList();
  /** Where each customer's words begin in `words`. */
  private readonly firsts = new IntList();
  /** The last customer listed under each word: a customer's repeated word is listed once. */
  private readonly last = new IntList();

  /** Starts the next customer's words. */
  next(): void {
    this.firsts.push(this.words.length);
  }

  add(word: number): void {
    const customer = this.firsts.length - 1;
    while (this.last.length <= word) this.last.push(-1);
    if (this.last.get(word) === customer) return;
    this.words.push(word);
    this.last.set(word, customer);
  }

  /**
   * The postings by word rank (`rankOfWord`), each word's list in record order: record r is the customer added
   * `added[r]`-th. Walking the records in order fills every list in order: nothing to sort.
   */
  postings(rankOfWord: Int32Array, added: Int32Array): Postings {
    const starts = new Int32Array(rankOfWord.length + 1);
    for (let k = 0; k < this.words.length; k++) starts[rankOfWord[this.words.get(k)] + 1]++;
    for (let w = 0; w < rankOfWord.length; w++) starts[w + 1] += starts[w];
    const fill = starts.slice(0, rankOfWord.length);
    const records = new Int32Array(this.words.length);
    this.firsts.push(this.words.length);
    for (let record = 0; record < added.length; record++) {
      for (let k = this.firsts.get(added[record]), end = this.firsts.get(added[record] + 1); k < end; k++)
        records[fill[rankOfWord[this.words.get(k)]]++] = record;
    }
    return { starts, records };
  }
}

/** The inverse of a permutation. */
function inverse(permutation: Int32Array): Int32Array {
  const inverted = new Int32Array(permutation.length);
  for (let i = 0; i < permutation.length; i++) inverted[permutation[i]] = i;
  return inverted;
}

export class SearchBlocksBuilder {
  private readonly names = new StringList();
  private readonly ids = new StringList();
  private readonly domains = new StringList();
  private readonly emails = new StringList();
  private readonly words = new StringList();
  private wordCount = 0;
  private readonly wordNumbers = new Map<string, number>();
  private readonly nameWords = new Pairs();
  private readonly contactWords = new Pairs();

  /** Adds the next customer (the snapshot's next line). */
  add(c: SearchableCustomer): void {
    this.names.push(c.name);
    this.ids.push(c.id);
    this.domains.push(c.domain);
    this.emails.push(c.email);
    this.nameWords.next();
    this.contactWords.next();
    for (const word of c.nameWords) this.nameWords.add(this.numberOf(word));
    for (const word of c.contactWords) this.contactWords.add(this.numberOf(word));
  }

  private numberOf(word: string): number {
    let n = this.wordNumbers.get(word);
    if (n === undefined) {
      n = this.wordCount++;
      this.words.push(word);
      this.wordNumbers.set(word, n);
    }
    return n;
  }

  /**
   * The blocks, and for each record (rank) which customer it is in the order they were added (`lineOf`). The five
   * sorts are independent: `sort` may run them on other threads at once.
   */
  async build(sort: Sorter = sortHere): Promise<{ blocks: SearchBlocks; lineOf: Int32Array }> {
    const ids = this.ids.packed();
    const [names, idsSorted, domains, emails, words] = await Promise.all([
      sort(this.names.packed(), ids),
      sort(ids),
      sort(this.domains.packed()),
      sort(this.emails.packed()),
      sort(this.words.packed()),
    ]);
    const lineOf = names.records;
    const recordOf = inverse(lineOf);
    const renumbered = (b: SortedStringsBlocks) => ({ ...b, records: b.records.map((line) => recordOf[line]) });
    const rankOfWord = inverse(words.records);
    return {
      lineOf,
      blocks: {
        // Record r's name is the r-th: no list needed. Nor for words: a word's position is all a lookup needs.
        names: { ...names, records: new Int32Array(0) },
        ids: renumbered(idsSorted),
        domains: renumbered(domains),
        emails: renumbered(emails),
        words: { ...words, records: new Int32Array(0) },
        nameWords: this.nameWords.postings(rankOfWord, lineOf),
        contactWords: this.contactWords.postings(rankOfWord, lineOf),
      },
    };
  }
}

/** The blocks by name (`names.text`, `nameWords.starts`, …), as the snapshot stores them. */
export function flattenSearchBlocks(blocks: SearchBlocks): Record<string, BlockValue> {
  return Object.fromEntries(
    Object.entries(blocks).flatMap(([key, parts]) =>
      Object.entries(parts as Record<string, BlockValue>).map(([part, value]) => [`${key}.${part}`, value]),
    ),
  );
}

const PARTS: Record<keyof SearchBlocks, string[]> = {
  names: ['text', 'starts', 'records'],
  ids: ['text', 'starts', 'records'],
  domains: ['text', 'starts', 'records'],
  emails: ['text', 'starts', 'records'],
  words: ['text', 'starts', 'records'],
  nameWords: ['starts', 'records'],
  contactWords: ['starts', 'records'],
};

/** The blocks back from `read(name)`; throws if one is missing (a snapshot without them is not this version's). */
export function unflattenSearchBlocks(read: (name: string) => BlockValue): SearchBlocks {
  return Object.fromEntries(
    Object.entries(PARTS).map(([key, parts]) => [
      key,
      Object.fromEntries(parts.map((part) => [part, read(`${key}.${part}`)])),
    ]),
  ) as unknown as SearchBlocks;
}

/** Whether `values` rise from 0 to `last`, never falling. */
function rising(values: Int32Array, last: number): boolean {
  if (values[0] !== 0 || values[values.length - 1] !== last) return false;
  for (let k = 1; k < values.length; k++) if (values[k] < values[k - 1]) return false;
  return true;
}

/** Whether every value names one of `count` records. */
const records = (values: Int32Array, count: number) => values.every((v) => v >= 0 && v < count);

/**
 * What is wrong with blocks read back for `count` customers, if anything: the block and the problem. Read as they
 * are, a damaged block would answer wrong customers rather than fail; this reads each once (milliseconds).
 */
export function searchBlocksProblem(
  blocks: SearchBlocks,
  lineOf: Int32Array,
  count: number,
): { block: string; problem: string } | null {
  const seen = new Uint8Array(count);
  for (const line of lineOf) {
    if (!(line >= 0 && line < count) || seen[line])
      return { block: 'lineOf', problem: 'it is not one line per customer' };
    seen[line] = 1;
  }
  const words = blocks.words.starts.length - 1;
  for (const [key, size, listed] of [
    ['names', count, false],
    ['ids', count, true],
    ['domains', count, true],
    ['emails', count, true],
    ['words', words, false],
  ] as const) {
    const { text, starts, records: which } = blocks[key];
    if (starts.length !== size + 1 || !rising(starts, text.length))
      return { block: `${key}.starts`, problem: `it does not cut its text into ${size} strings` };
    if (which.length !== (listed ? size : 0) || !records(which, count))
      return { block: `${key}.records`, problem: 'it names customers the database does not hold' };
  }
  for (const key of ['nameWords', 'contactWords'] as const) {
    const { starts, records: which } = blocks[key];
    if (starts.length !== words + 1 || !rising(starts, which.length))
      return { block: `${key}.starts`, problem: `it does not cut its records into one list per word (${words})` };
    if (!records(which, count))
      return { block: `${key}.records`, problem: 'it names customers the database does not hold' };
  }
  return null;
}
