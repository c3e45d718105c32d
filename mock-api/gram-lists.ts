/**
 * Posting lists of n-character windows (n-grams) for the search index: every n-gram of every text is hashed
 * into one of up to 2^21 buckets (fewer for little data), and each bucket lists, in record order, the records
 * that have one of its n-grams.
 * A bucket may hold several n-grams (hash collisions): then its list is a superset to check. A bucket that holds
 * exactly one n-gram is exact: its list IS the set of records containing that n-gram.
 * The lists are three flat typed arrays, so the database can store them and load them back as they are.
 */
const MAX_BUCKET_BITS = 21;
const MIX = [0x9e3779b1, 0x85ebca6b, 0xc2b2ae35];
const NONE = -1;
const MIXED = -2;

/**
 * Bucket b's records are records[starts[b] .. starts[b + 1]); owner[b] is its one n-gram's key, NONE or MIXED.
 * The number of buckets is a power of two: starts.length - 1.
 */
export interface GramBlocks {
  starts: Int32Array;
  records: Int32Array;
  owner: Float64Array;
}

export class GramLists {
  private blocks: GramBlocks | null = null;
  private bits = 0;

  constructor(readonly n: 2 | 3) {}

  /** The n-gram at `at` as one exact number (n ≤ 3 UTF-16 units fit a double). */
  private key(text: string, at: number): number {
    let key = 0;
    for (let k = 0; k < this.n; k++) key = key * 65536 + text.charCodeAt(at + k);
    return key;
  }

  private bucket(text: string, at: number): number {
    let h = 0;
    for (let k = 0; k < this.n; k++) h ^= Math.imul(text.charCodeAt(at + k), MIX[k]);
    return h >>> (32 - this.bits);
  }

  get built(): GramBlocks | null {
    return this.blocks;
  }

  load(blocks: GramBlocks): void {
    this.bits = Math.log2(blocks.starts.length - 1);
    this.blocks = blocks;
  }

  /**
   * Builds the lists from `texts` (which must not change meanwhile), yielding every `step` records so a server
   * keeps answering. Two passes, count then fill, into one flat array: nothing to grow.
   */
  *build(texts: readonly string[], step = 5000): Generator<void, void> {
    // About 32 buckets per record keeps collisions rare without wasting memory on small data.
    const bits = Math.min(MAX_BUCKET_BITS, Math.max(8, Math.ceil(Math.log2(texts.length * 32 + 1))));
    const buckets = 1 << bits;
    this.blocks = null;
    this.bits = bits;
    const last = new Int32Array(buckets);
    const each = function* (
      this: GramLists,
      visit: (bucket: number, record: number, at: number) => void,
    ): Generator<void, void> {
      last.fill(-1);
      for (let i = 0; i < texts.length; i++) {
        const text = texts[i];
        for (let at = 0; at + this.n <= text.length; at++) {
          const b = this.bucket(text, at);
          if (last[b] !== i) {
            last[b] = i;
            visit(b, i, at);
          }
        }
        if (i % step === step - 1) yield;
      }
    }.bind(this);
    const counts = new Int32Array(buckets);
    const owner = new Float64Array(buckets).fill(NONE);
    yield* each((b, record, at) => {
      counts[b]++;
      const key = this.key(texts[record], at);
      if (owner[b] === NONE) owner[b] = key;
      else if (owner[b] !== key) owner[b] = MIXED;
    });
    const starts = new Int32Array(buckets + 1);
    for (let b = 0; b < buckets; b++) starts[b + 1] = starts[b] + counts[b];
    const records = new Int32Array(starts[buckets]);
    const fill = starts.slice(0, buckets);
    yield* each((b, record) => (records[fill[b]++] = record));
    this.blocks = { starts, records, owner };
  }

  /** The shortest list among the query's n-grams: every record containing `q` is in it. Null until built or for a short query. */
  candidates(q: string): Int32Array | null {
    if (!this.blocks || q.length < this.n) return null;
    const { starts, records } = this.blocks;
    let best = -1;
    for (let at = 0; at + this.n <= q.length; at++) {
      const b = this.bucket(q, at);
      if (best === -1 || starts[b + 1] - starts[b] < starts[best + 1] - starts[best]) best = b;
    }
    return records.subarray(starts[best], starts[best + 1]);
  }

  /** The records containing `q` exactly, when `q` is one n-gram alone in its bucket; otherwise null. */
  exact(q: string): Int32Array | null {
    if (!this.blocks || q.length !== this.n) return null;
    const { starts, records, owner } = this.blocks;
    const b = this.bucket(q, 0);
    if (owner[b] === MIXED) return null;
    // A bucket that belongs to another n-gram (or none) means no text contains `q`.
    return owner[b] === this.key(q, 0) ? records.subarray(starts[b], starts[b + 1]) : new Int32Array(0);
  }
}
