/**
 * The live search index: the blocks stored with the snapshot (search-blocks.ts), plus what writes changed since
 * (docs/architecture.md, "Search"; what matches and in which order: domain/search.ts). A page is read off in
 * (tier, rank) order with no sort of the matches; a record a write made stale is checked field by field until the
 * next snapshot. Nothing here builds a RegExp from the query.
 */
import type { CustomerSummary } from '@/domain/schemas';
import {
  fold,
  foldText,
  matchTier,
  parseQuery,
  type Query,
  type QueryPiece,
  type SearchableCustomer,
  searchable,
  Tier,
} from '@/domain/search';
import { Marker } from './ranked-set';
import type { Postings, SearchBlocks } from './search-blocks';
import { SortedStrings } from './sorted-strings';

export interface Page {
  offset: number;
  limit: number;
}

export interface Found {
  /** How many customers match in all. */
  total: number;
  /** The page's record numbers, in order. */
  records: Int32Array;
}

export class SearchIndex {
  readonly count: number;
  private readonly names: SortedStrings;
  private readonly ids: SortedStrings;
  private readonly domains: SortedStrings;
  private readonly emails: SortedStrings;
  private readonly words: SortedStrings;
  private readonly nameWords: Postings;
  private readonly contactWords: Postings;
  /**
   * Live tie order: byRank[rank] is a record, rankOf[record] its rank. Records are numbered in tie order when the
   * blocks are built, so both start as the identity; only a renamed company moves records.
   */
  private readonly byRank: Int32Array;
  private readonly rankOf: Int32Array;
  /** Whether any record moved: until then a record number is its rank, and the hot loops skip `rankOf`. */
  private moved = false;
  /** Where each record's id is in `ids`. */
  private readonly idPos: Int32Array;
  /** 1 for records written since the blocks were built: their entries there are stale. */
  private readonly stale: Uint8Array;
  private readonly changed = new Map<number, SearchableCustomer>();
  /** Scratch sets: a query's matches, one piece's, one word's. */
  private readonly markers: [Marker, Marker, Marker];

  constructor(blocks: SearchBlocks) {
    this.names = new SortedStrings(blocks.names);
    this.ids = new SortedStrings(blocks.ids);
    this.domains = new SortedStrings(blocks.domains);
    this.emails = new SortedStrings(blocks.emails);
    this.words = new SortedStrings(blocks.words);
    this.nameWords = blocks.nameWords;
    this.contactWords = blocks.contactWords;
    this.count = this.names.size;
    this.byRank = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) this.byRank[i] = i;
    this.rankOf = this.byRank.slice();
    this.idPos = this.ids.positions();
    this.stale = new Uint8Array(this.count);
    this.markers = [new Marker(this.count), new Marker(this.count), new Marker(this.count)];
  }

  /** The record number of the customer with this id (ids compare folded, as uuids compare case-insensitively). */
  indexOf(id: string): number | undefined {
    return this.ids.find(fold(id));
  }

  private nameOf(record: number): string {
    return this.changed.get(record)?.name ?? this.names.at(record);
  }

  private idOf(record: number): string {
    return this.ids.at(this.idPos[record]);
  }

  /** Follows a write to record `record`. Only a change of what search sees costs anything. */
  update(record: number, before: CustomerSummary, after: CustomerSummary): void {
    const [b, a] = [before.billingProfile, after.billingProfile];
    if (
      before.companyProfile.companyName === after.companyProfile.companyName &&
      b.firstName === a.firstName &&
      b.lastName === a.lastName &&
      b.email === a.email
    )
      return;
    const name = this.nameOf(record);
    const now = searchable(after);
    this.changed.set(record, now);
    this.stale[record] = 1;
    if (now.name !== name) this.move(record);
  }

  /** Moves a renamed record to its new place in tie order: only the ranks between the two places shift. */
  private move(record: number): void {
    const { byRank, rankOf } = this;
    const from = rankOf[record];
    const key = { name: this.nameOf(record), id: this.idOf(record) };
    // The place among the others (the order without `record`), found by binary search.
    const other = (i: number) => byRank[i < from ? i : i + 1];
    const to = SortedStrings.search(0, this.count - 1, (i) => {
      const r = other(i);
      const name = this.nameOf(r);
      return name < key.name || (name === key.name && this.idOf(r) < key.id);
    });
    if (to > from) byRank.copyWithin(from, from + 1, to + 1);
    else byRank.copyWithin(to + 1, to, from);
    byRank[to] = record;
    for (let rank = Math.min(from, to); rank <= Math.max(from, to); rank++) rankOf[byRank[rank]] = rank;
    this.moved = true;
  }

  /** A page of the customers matching `query`, best first; no query: every customer in tie order. */
  search(query: string, page: Page): Found {
    const parsed = parseQuery(query);
    if (!parsed.pieces.length) return this.rankRange(0, this.count, page);
    return this.pageOf(this.collect(parsed), page);
  }

  /**
   * Customers whose company name or domain starts with `prefix` (folded: case-insensitive, and ё/е, width and
   * Latin accents alike), in tie order, a page at a time.
   */
  startingWith(field: 'companyName' | 'domain', prefix: string, page: Page): Found {
    if (field === 'companyName') {
      const [lo, hi] = this.nameRange(foldText(prefix));
      return this.rankRange(lo, hi, page);
    }
    const [lo, hi] = this.domains.prefixRange(fold(prefix).trim());
    const [marker] = this.markers;
    // Domains are read-only: the blocks' are current, stale or not.
    marker.offerRecords(this.domains.blocks.records, lo, hi, Tier.exact, this.ranks());
    return this.pageOf(marker, page);
  }

  /** The page of a collected set, then the set is emptied for the next query. */
  private pageOf(marker: Marker, { offset, limit }: Page): Found {
    const found = { total: marker.size, records: marker.page(offset, limit).map((rank) => this.byRank[rank]) };
    marker.clear();
    return found;
  }

  private rankRange(lo: number, hi: number, { offset, limit }: Page): Found {
    const from = Math.min(hi, lo + offset);
    return { total: hi - lo, records: this.byRank.slice(from, Math.min(hi, from + limit)) };
  }

  /** The ranks [lo, hi) of the customers whose folded company name starts with `prefix` (the live order). */
  private nameRange(prefix: string): [lo: number, hi: number] {
    const name = (rank: number) => this.nameOf(this.byRank[rank]);
    const lo = SortedStrings.search(0, this.count, (rank) => name(rank) < prefix);
    return [lo, SortedStrings.search(lo, this.count, (rank) => name(rank).startsWith(prefix))];
  }

  /** Collects the customers matching `query`, each with its tier, in the first marker. */
  private collect(query: Query): Marker {
    const [all, piece, word] = this.markers;
    for (const [n, p] of query.pieces.entries()) {
      this.offerPiece(p, n ? piece : all, word);
      if (n) all.retain(piece);
    }
    for (const [record, c] of this.changed) {
      const tier = matchTier(query, c);
      if (tier !== null) all.offer(this.rankOf[record], tier);
    }
    // A company name equal to the query, then one starting with it: a range of ranks each (the changed ones too).
    const [lo, hi] = this.nameRange(query.text);
    const equal = SortedStrings.search(lo, hi, (rank) => this.nameOf(this.byRank[rank]) === query.text);
    all.promote(lo, equal, Tier.exact);
    all.promote(equal, hi, Tier.namePrefix);
    return all;
  }

  /** Puts the customers matching one piece (the blocks' part) in `into`, each with its best tier. */
  private offerPiece(piece: QueryPiece, into: Marker, spare: Marker): void {
    const [first, ...rest] = piece.words;
    this.offerWord(first, into);
    for (const word of rest) {
      this.offerWord(word, spare);
      into.retain(spare);
    }
    // Whole fields, in tier order, after the words: a piece of several words may match a domain alone.
    const stale = this.staleIfAny();
    const rankOf = this.ranks();
    for (const [field, tier] of [
      [this.domains, Tier.domain],
      [this.emails, Tier.contact],
      [this.ids, Tier.id],
    ] as const) {
      const [lo, hi] = field.prefixRange(piece.text);
      into.offerRecords(field.blocks.records, lo, hi, tier, rankOf, stale);
    }
  }

  private offerWord(word: string, into: Marker): void {
    const [lo, hi] = this.words.prefixRange(word);
    for (const [{ starts, records }, tier] of [
      [this.nameWords, Tier.nameWord],
      [this.contactWords, Tier.contact],
    ] as const)
      into.offerRecords(records, starts[lo], starts[hi], tier, this.ranks(), this.staleIfAny());
  }

  private ranks(): Int32Array | undefined {
    return this.moved ? this.rankOf : undefined;
  }

  /** The stale flags, or none to check while no record is stale (a third of the hot loop's time). */
  private staleIfAny(): Uint8Array | undefined {
    return this.changed.size ? this.stale : undefined;
  }
}
