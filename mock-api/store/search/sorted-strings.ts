/**
 * A sorted list of strings kept as one string plus where each starts, so a million of them load as three blocks
 * (no million small strings to allocate) and any prefix is a contiguous range found by binary search.
 * `records[pos]` says whose string is at `pos`.
 */
import { type Packed, unpack } from './lists';

export interface SortedStringsBlocks {
  text: string;
  /** The string at `pos` is text[starts[pos] .. starts[pos + 1]). */
  starts: Int32Array;
  records: Int32Array;
}

/** Something that sorts as `SortedStrings.build` does (strings packed): in this thread, or in a worker thread. */
export type Sorter = (strings: Packed, ties?: Packed) => Promise<SortedStringsBlocks>;

export const sortHere: Sorter = async (strings, ties) => SortedStrings.build(unpack(strings), ties && unpack(ties));

export class SortedStrings {
  readonly size: number;

  constructor(readonly blocks: SortedStringsBlocks) {
    this.size = blocks.starts.length - 1;
  }

  at(pos: number): string {
    return this.blocks.text.slice(this.blocks.starts[pos], this.blocks.starts[pos + 1]);
  }

  /** The first position in [from, to) for which `before(pos)` is false (`before` must be true, then false). */
  static search(from: number, to: number, before: (pos: number) => boolean): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(mid)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The positions [lo, hi) of the strings that start with `prefix`. */
  prefixRange(prefix: string): [lo: number, hi: number] {
    const lo = SortedStrings.search(0, this.size, (pos) => this.at(pos) < prefix);
    const hi = SortedStrings.search(lo, this.size, (pos) => this.at(pos).startsWith(prefix));
    return [lo, hi];
  }

  /** The record whose string is exactly `value`, if any. */
  find(value: string): number | undefined {
    const [lo, hi] = this.prefixRange(value);
    for (let pos = lo; pos < hi; pos++) if (this.at(pos) === value) return this.blocks.records[pos];
    return undefined;
  }

  /** record → its position: the inverse of `records`. */
  positions(): Int32Array {
    const { records } = this.blocks;
    const pos = new Int32Array(records.length);
    for (let p = 0; p < records.length; p++) pos[records[p]] = p;
    return pos;
  }

  /** Sorts `strings` (record i's is strings[i]) by code units; equal ones by `ties` (if given), then record. */
  static build(strings: readonly string[], ties?: readonly string[]): SortedStringsBlocks {
    const order = sortOrder(strings, (a, b) => (ties && ties[a] !== ties[b] ? (ties[a] < ties[b] ? -1 : 1) : a - b));
    const starts = new Int32Array(order.length + 1);
    const sorted = new Array<string>(order.length);
    for (let pos = 0; pos < order.length; pos++) {
      sorted[pos] = strings[order[pos]];
      starts[pos + 1] = starts[pos] + sorted[pos].length;
    }
    return { text: sorted.join(''), starts, records: order };
  }
}

const INDEX = 2 ** 21;
const HEAD = 4;

/**
 * The characters' ranks among those the strings start with (1…255 in code-unit order; 0 is "past the end"), when
 * there are few enough to rank in a byte — as there are for names, domains, e-mails and ids; else null.
 */
function charRanks(strings: readonly string[]): Uint8Array | null {
  const seen = new Uint8Array(65536);
  for (const text of strings) for (let k = 0; k < HEAD && k < text.length; k++) seen[text.charCodeAt(k)] = 1;
  let rank = 0;
  for (let code = 0; code < seen.length; code++) {
    if (!seen[code]) continue;
    if (++rank > 255) return null;
    seen[code] = rank;
  }
  return seen;
}

/**
 * The order that sorts `strings`. Each string's head (its first four characters as ranks, or else its first two
 * UTF-16 units) and its index share one exact double, so a native numeric sort orders the heads; only runs of equal
 * heads are compared as strings. Two to three times faster than comparing throughout, for a million strings.
 */
function sortOrder(strings: readonly string[], tie: (a: number, b: number) => number): Int32Array {
  const n = strings.length;
  const compare = (a: number, b: number) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : tie(a, b));
  if (n > INDEX) return Int32Array.from(Array.from(strings.keys()).sort(compare));
  const ranks = charRanks(strings);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // (No closure here: a million of them cost more than the sort.)
    const text = strings[i];
    let head = 0;
    if (ranks) for (let k = 0; k < HEAD; k++) head = head * 256 + (k < text.length ? ranks[text.charCodeAt(k)] : 0);
    else head = (text.charCodeAt(0) || 0) * 65536 + (text.charCodeAt(1) || 0);
    keys[i] = head * INDEX + i;
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let pos = 0; pos < n; pos++) order[pos] = keys[pos] % INDEX;
  for (let from = 0; from < n; ) {
    const head = Math.floor(keys[from] / INDEX);
    let to = from + 1;
    while (to < n && Math.floor(keys[to] / INDEX) === head) to++;
    if (to - from > 1) order.set(Array.from(order.subarray(from, to)).sort(compare), from);
    from = to;
  }
  return order;
}
