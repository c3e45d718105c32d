/**
 * Sets of customers by rank (their place in tie order), each with its tier, and pages of them in (tier, rank)
 * order. Built in typed arrays sized for every customer and reused by every query: no allocation per match.
 */
import { TIERS, type Tier } from '@/domain/search';

/** A query's matches: ranks and tiers side by side (in no order), and how many there are of each tier. */
export interface Matches {
  ranks: Int32Array;
  tiers: Uint8Array;
  counts: number[];
}

/** Collects a set: offer (rank, tier) pairs and the best tier of each rank stays. */
export class Marker {
  /** tier + 1 per rank; 0: not in the set. */
  readonly marks: Uint8Array;
  readonly members: Int32Array;
  size = 0;

  constructor(count: number) {
    this.marks = new Uint8Array(count);
    this.members = new Int32Array(count);
  }

  offer(rank: number, tier: Tier): void {
    const mark = this.marks[rank];
    if (mark === 0) {
      this.marks[rank] = tier + 1;
      this.members[this.size++] = rank;
    } else if (tier + 1 < mark) this.marks[rank] = tier + 1;
  }

  /** Offers the records `records[from .. to)` but the stale ones, each at its rank: the loop every query runs. */
  offerRecords(records: Int32Array, from: number, to: number, tier: Tier, rankOf: Int32Array, stale?: Uint8Array) {
    const { marks, members } = this;
    const mark = tier + 1;
    let size = this.size;
    for (let k = from; k < to; k++) {
      const record = records[k];
      if (stale !== undefined && stale[record] !== 0) continue;
      const rank = rankOf[record];
      const was = marks[rank];
      if (was === 0) {
        marks[rank] = mark;
        members[size++] = rank;
      } else if (mark < was) marks[rank] = mark;
    }
    this.size = size;
  }

  /** Makes `tier` the tier of each rank in [from, to) that is in the set. */
  promote(from: number, to: number, tier: Tier): void {
    for (let rank = from; rank < to; rank++) if (this.marks[rank] !== 0) this.marks[rank] = tier + 1;
  }

  /** Keeps only the members also in `other`, each with the weaker of its two tiers; empties `other`. */
  retain(other: Marker): void {
    const { marks, members } = this;
    let size = 0;
    for (let k = 0; k < this.size; k++) {
      const rank = members[k];
      const theirs = other.marks[rank];
      if (theirs === 0) marks[rank] = 0;
      else {
        if (theirs > marks[rank]) marks[rank] = theirs;
        members[size++] = rank;
      }
    }
    this.size = size;
    other.clear();
  }

  clear(): void {
    for (let k = 0; k < this.size; k++) this.marks[this.members[k]] = 0;
    this.size = 0;
  }

  /** The set as matches, leaving the marker empty. */
  take(): Matches {
    const { marks, members } = this;
    const ranks = members.slice(0, this.size);
    const tiers = new Uint8Array(this.size);
    const counts = new Array<number>(TIERS).fill(0);
    for (let k = 0; k < ranks.length; k++) {
      const tier = marks[ranks[k]] - 1;
      marks[ranks[k]] = 0;
      tiers[k] = tier;
      counts[tier]++;
    }
    this.size = 0;
    return { ranks, tiers, counts };
  }
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Below this many, a tier's ranks are sorted; above, they are read off a bitmap in order. */
const SORT_BELOW = 2048;

/** Pages of matches: ranks in (tier, rank) order, from `offset`, at most `limit`. */
export class Pager {
  private readonly bits: Uint32Array;

  constructor(count: number) {
    this.bits = new Uint32Array(Math.ceil(count / 32));
  }

  page(m: Matches, offset: number, limit: number): Int32Array {
    const out: number[] = [];
    let skip = offset;
    for (let tier = 0; tier < TIERS && out.length < limit; tier++) {
      if (skip >= m.counts[tier]) {
        skip -= m.counts[tier];
        continue;
      }
      const want = Math.min(limit - out.length, m.counts[tier] - skip);
      if (m.counts[tier] < SORT_BELOW) this.sorted(m, tier, skip, want, out);
      else this.fromBitmap(m, tier, skip, want, out);
      skip = 0;
    }
    return Int32Array.from(out);
  }

  private sorted(m: Matches, tier: number, skip: number, want: number, out: number[]): void {
    const ranks = new Int32Array(m.counts[tier]);
    let n = 0;
    for (let k = 0; k < m.ranks.length; k++) if (m.tiers[k] === tier) ranks[n++] = m.ranks[k];
    ranks.sort();
    for (let k = skip; k < skip + want; k++) out.push(ranks[k]);
  }

  private fromBitmap(m: Matches, tier: number, skip: number, want: number, out: number[]): void {
    const { bits } = this;
    const { ranks, tiers } = m;
    for (let k = 0; k < ranks.length; k++) if (tiers[k] === tier) bits[ranks[k] >>> 5] |= 1 << (ranks[k] & 31);
    let taken = 0;
    for (let w = 0; w < bits.length && taken < want; w++) {
      let word = bits[w];
      if (word === 0) continue;
      const n = popcount(word);
      if (skip >= n) {
        skip -= n;
        continue;
      }
      for (; word !== 0 && taken < want; word &= word - 1) {
        if (skip > 0) skip--;
        else {
          out.push(w * 32 + 31 - Math.clz32(word & -word));
          taken++;
        }
      }
    }
    bits.fill(0);
  }
}
