/**
 * A set of customers by rank (their place in tie order), each with its tier, and pages of it in (tier, rank)
 * order. Typed arrays sized for every customer, reused by every query; how many there are of each tier is kept as
 * the set grows, so a query's total costs nothing more, and a page never sorts more than a few thousand ranks.
 */
import { TIERS, type Tier } from '@/domain/search';

/** A tier with fewer members than count / SPARSE is sorted for a page; a denser one is read off the marks in order. */
const SPARSE = 256;

export class Marker {
  /** tier + 1 per rank; 0: not in the set. */
  readonly marks: Uint8Array;
  /** The same bytes four at a time, to skip empty stretches when reading the set in rank order. */
  private readonly quads: Uint32Array;
  private readonly members: Int32Array;
  /** How many members of each tier. */
  readonly counts = new Int32Array(TIERS);
  /** The range each tier was promoted over, if any: when all of it is in the set, a page is read off it at once. */
  private readonly spans: ([from: number, to: number] | undefined)[] = new Array(TIERS);
  size = 0;

  constructor(readonly count: number) {
    this.marks = new Uint8Array(Math.ceil(count / 4) * 4);
    this.quads = new Uint32Array(this.marks.buffer);
    this.members = new Int32Array(count);
  }

  /** Puts `rank` in the set with `tier`, or gives it `tier` if that is better than the one it has. */
  offer(rank: number, tier: Tier): void {
    const was = this.marks[rank];
    if (was === 0) {
      this.members[this.size++] = rank;
      this.counts[tier]++;
    } else if (tier + 1 < was) {
      this.counts[was - 1]--;
      this.counts[tier]++;
    } else return;
    this.marks[rank] = tier + 1;
  }

  /**
   * Offers the records `records[from .. to)` but the stale ones, each at its rank (`rankOf`; none: the record
   * number is the rank), with `tier`: the loop every query runs.
   */
  offerRecords(records: Int32Array, from: number, to: number, tier: Tier, rankOf?: Int32Array, stale?: Uint8Array) {
    const { marks, members, counts } = this;
    const mark = tier + 1;
    let size = this.size;
    for (let k = from; k < to; k++) {
      const record = records[k];
      if (stale !== undefined && stale[record] !== 0) continue;
      const rank = rankOf === undefined ? record : rankOf[record];
      const was = marks[rank];
      if (was === 0) {
        marks[rank] = mark;
        members[size++] = rank;
        counts[tier]++;
      } else if (mark < was) {
        marks[rank] = mark;
        counts[was - 1]--;
        counts[tier]++;
      }
    }
    this.size = size;
  }

  /** Gives `tier` to each rank in [from, to) that is in the set. */
  promote(from: number, to: number, tier: Tier): void {
    this.spans[tier] = [from, to];
    for (let rank = from; rank < to; rank++) {
      const was = this.marks[rank];
      if (was === 0) continue;
      this.counts[was - 1]--;
      this.counts[tier]++;
      this.marks[rank] = tier + 1;
    }
  }

  /** Keeps only the members also in `other`, each with the weaker of its two tiers; empties `other`. */
  retain(other: Marker): void {
    const { marks, members, counts } = this;
    counts.fill(0);
    let size = 0;
    for (let k = 0; k < this.size; k++) {
      const rank = members[k];
      const theirs = other.marks[rank];
      if (theirs === 0) marks[rank] = 0;
      else {
        if (theirs > marks[rank]) marks[rank] = theirs;
        counts[marks[rank] - 1]++;
        members[size++] = rank;
      }
    }
    this.size = size;
    other.clear();
  }

  clear(): void {
    if (this.size * 16 > this.count) this.marks.fill(0);
    else for (let k = 0; k < this.size; k++) this.marks[this.members[k]] = 0;
    this.counts.fill(0);
    this.spans.fill(undefined);
    this.size = 0;
  }

  /** Ranks in (tier, rank) order, from `offset`, at most `limit`. */
  page(offset: number, limit: number): Int32Array {
    const page: number[] = [];
    let skip = offset;
    for (let tier = 0; tier < TIERS && page.length < limit; tier++) {
      const n = this.counts[tier];
      if (skip >= n) {
        skip -= n;
        continue;
      }
      const want = Math.min(limit - page.length, n - skip);
      const span = this.spans[tier];
      if (span && span[1] - span[0] === n) for (let k = 0; k < want; k++) page.push(span[0] + skip + k);
      else if (n * SPARSE < this.count) this.sorted(tier, skip, want, page);
      else this.inOrder(tier, skip, want, page);
      skip = 0;
    }
    return Int32Array.from(page);
  }

  private sorted(tier: number, skip: number, want: number, page: number[]): void {
    const ranks = new Int32Array(this.counts[tier]);
    let n = 0;
    for (let k = 0; k < this.size; k++) if (this.marks[this.members[k]] === tier + 1) ranks[n++] = this.members[k];
    ranks.sort();
    for (let k = skip; k < skip + want; k++) page.push(ranks[k]);
  }

  /** Walks the marks from the lowest rank, skipping empty stretches four at a time, until the page is full. */
  private inOrder(tier: number, skip: number, want: number, page: number[]): void {
    const { marks, quads } = this;
    const mark = tier + 1;
    let taken = 0;
    for (let q = 0; q < quads.length && taken < want; q++) {
      if (quads[q] === 0) continue;
      for (let rank = q * 4; rank < q * 4 + 4 && taken < want; rank++) {
        if (marks[rank] !== mark) continue;
        if (skip > 0) skip--;
        else {
          page.push(rank);
          taken++;
        }
      }
    }
  }
}
