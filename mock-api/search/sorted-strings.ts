/**
 * A sorted list of strings kept as one string plus where each starts, so a million of them load as three blocks
 * (no million small strings to allocate) and any prefix is a contiguous range found by binary search.
 * `records[pos]` says whose string is at `pos`.
 */
export interface SortedStringsBlocks {
  text: string;
  /** The string at `pos` is text[starts[pos] .. starts[pos + 1]). */
  starts: Int32Array;
  records: Int32Array;
}

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

  /** Sorts `strings` (record i's is strings[i]) by code units, ties by `tie` (default: record number). */
  static build(
    strings: readonly string[],
    tie: (a: number, b: number) => number = (a, b) => a - b,
  ): SortedStringsBlocks {
    const order = Array.from(strings.keys()).sort((a, b) =>
      strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : tie(a, b),
    );
    const starts = new Int32Array(order.length + 1);
    for (let pos = 0; pos < order.length; pos++) starts[pos + 1] = starts[pos] + strings[order[pos]].length;
    return { text: order.map((i) => strings[i]).join(''), starts, records: Int32Array.from(order) };
  }
}
