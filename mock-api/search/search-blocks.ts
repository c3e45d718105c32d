/**
 * What the search index is made of, built once from every customer and stored with the snapshot, so start-up
 * only reads it back:
 * - `names`: folded company names in tie order (name, then id): a record's position there is its rank, and a
 *   company-name prefix is a range of ranks;
 * - `ids`, `domains`, `emails`: folded, sorted, for whole-field prefixes (and `ids` to find a customer);
 * - `words`: every distinct word, sorted, so a word prefix is a range of words; for each word, the records with
 *   it among their company-name words (`nameWords`) and among their contact words (`contactWords`), in record
 *   order, as flat postings (word w's are records[starts[w] .. starts[w + 1])).
 */
import type { SearchableCustomer } from '@/domain/search';
import type { BlockValue } from '../snapshot-blocks';
import { SortedStrings, type SortedStringsBlocks } from './sorted-strings';

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

/** A growing list of int32s in one typed array. */
class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }
}

/** (word, record) pairs of one kind of word, each pair once. */
class Pairs {
  readonly words = new IntList();
  readonly records = new IntList();
  /** The last record listed under each word: a record's repeated word is listed once. */
  private last = new IntList();

  add(word: number, record: number): void {
    while (this.last.length <= word) this.last.push(-1);
    if (this.last.get(word) === record) return;
    this.words.push(word);
    this.records.push(record);
    this.last.set(word, record);
  }

  /** The postings, in the order of `rankOfWord` (a word's records stay in record order, as they were added). */
  postings(rankOfWord: Int32Array): Postings {
    const starts = new Int32Array(rankOfWord.length + 1);
    for (let k = 0; k < this.words.length; k++) starts[rankOfWord[this.words.get(k)] + 1]++;
    for (let w = 0; w < rankOfWord.length; w++) starts[w + 1] += starts[w];
    const fill = starts.slice(0, rankOfWord.length);
    const records = new Int32Array(this.words.length);
    for (let k = 0; k < this.words.length; k++) records[fill[rankOfWord[this.words.get(k)]]++] = this.records.get(k);
    return { starts, records };
  }
}

export class SearchBlocksBuilder {
  private readonly names: string[] = [];
  private readonly ids: string[] = [];
  private readonly domains: string[] = [];
  private readonly emails: string[] = [];
  private readonly words: string[] = [];
  private readonly wordNumbers = new Map<string, number>();
  private readonly nameWords = new Pairs();
  private readonly contactWords = new Pairs();

  /** Adds the next record (records are numbered in the order they are added). */
  add(c: SearchableCustomer): void {
    const record = this.names.length;
    this.names.push(c.name);
    this.ids.push(c.id);
    this.domains.push(c.domain);
    this.emails.push(c.email);
    for (const word of c.nameWords) this.nameWords.add(this.numberOf(word), record);
    for (const word of c.contactWords) this.contactWords.add(this.numberOf(word), record);
  }

  private numberOf(word: string): number {
    let n = this.wordNumbers.get(word);
    if (n === undefined) {
      n = this.words.length;
      this.words.push(word);
      this.wordNumbers.set(word, n);
    }
    return n;
  }

  build(): SearchBlocks {
    const words = SortedStrings.build(this.words);
    const rankOfWord = new Int32Array(this.words.length);
    for (let pos = 0; pos < words.records.length; pos++) rankOfWord[words.records[pos]] = pos;
    const { ids } = this;
    return {
      names: SortedStrings.build(this.names, (a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b)),
      ids: SortedStrings.build(ids),
      domains: SortedStrings.build(this.domains),
      emails: SortedStrings.build(this.emails),
      // A word's position is all a lookup needs: its number from the build is dropped.
      words: { ...words, records: new Int32Array(0) },
      nameWords: this.nameWords.postings(rankOfWord),
      contactWords: this.contactWords.postings(rankOfWord),
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
