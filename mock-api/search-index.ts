/**
 * The in-memory search index over each customer's normalised search text (company name first, then domain,
 * contact name, email, id, separated by \1). Matching is a plain `includes`, never a RegExp from user text.
 *
 * Candidates come from a trigram index: every 3-character window of every text is hashed into one of 2^20
 * buckets, each bucket listing the records that have it. A query of 3+ characters only checks the records of
 * its rarest trigram's bucket (hash collisions are weeded out by the `includes` check). Shorter queries scan.
 * Ranked answers are cached, and a longer query narrows a cached shorter one's hits, as when an agent types.
 * A write does not touch the trigram lists: the record joins a small "changed" set that every query checks
 * directly, and the cache is cleared.
 */
import type { Customer } from '@/domain/schemas';
import { normalizeText } from '@/domain/search';

const FIELD = '\u0001';
const CONTROL = /[\u0000-\u001f]/g;
const CACHE_SIZE = 64;
const BUCKET_BITS = 20;

function clean(text: string): string {
  return normalizeText(text.replace(CONTROL, ' '));
}

/** What search matches: company name (first, for prefix ranking), domain, contact name, email and id. */
export function searchText(c: Customer): string {
  const b = c.billingProfile;
  return [c.companyProfile.companyName, c.companyProfile.domain, `${b.firstName} ${b.lastName}`, b.email, c.id].map(clean).join(FIELD);
}

function trigram(text: string, at: number): number {
  const h = Math.imul(text.charCodeAt(at), 0x9e3779b1) ^ Math.imul(text.charCodeAt(at + 1), 0x85ebca6b) ^ Math.imul(text.charCodeAt(at + 2), 0xc2b2ae35);
  return h >>> (32 - BUCKET_BITS);
}

export class SearchIndex {
  private readonly cache = new Map<string, Int32Array>();
  private readonly changed = new Set<number>();
  /** Bucket b's records are records[starts[b] .. starts[b + 1]); empty until `buildTrigrams` has run. */
  private readonly starts = new Int32Array((1 << BUCKET_BITS) + 1);
  private records: Int32Array | null = null;

  constructor(private readonly texts: string[]) {}

  /**
   * Builds the trigram lists, yielding every few thousand records so a server can keep answering meanwhile
   * (until they are ready, queries scan). Two passes (count, then fill) into one flat array: nothing to grow.
   */
  *buildTrigrams(step = 5000): Generator<void, void> {
    const texts = this.texts.slice(); // both passes must see the same texts, whatever is written meanwhile
    const last = new Int32Array(1 << BUCKET_BITS);
    const counts = new Int32Array(1 << BUCKET_BITS);
    const count = texts.length;
    function* eachTrigram(visit: (bucket: number, record: number) => void): Generator<void, void> {
      last.fill(-1);
      for (let i = 0; i < count; i++) {
        const text = texts[i];
        for (let at = 0; at + 3 <= text.length; at++) {
          const bucket = trigram(text, at);
          if (last[bucket] !== i) {
            last[bucket] = i;
            visit(bucket, i);
          }
        }
        if (i % step === step - 1) yield;
      }
    }
    yield* eachTrigram((bucket) => counts[bucket]++);
    const starts = new Int32Array(counts.length + 1);
    for (let b = 0; b < counts.length; b++) starts[b + 1] = starts[b] + counts[b];
    const records = new Int32Array(starts[counts.length]);
    const fill = starts.slice(0, counts.length);
    yield* eachTrigram((bucket, record) => (records[fill[bucket]++] = record));
    // Records written while building are in `changed`, which every query checks directly.
    this.starts.set(starts);
    this.records = records;
  }

  textOf(i: number): string {
    return this.texts[i];
  }

  update(i: number, text: string): void {
    this.texts[i] = text;
    this.changed.add(i);
    this.cache.clear();
  }

  /** Record numbers matching `query`: company-name prefix matches first, then the rest, each in record order. */
  search(query: string): Int32Array {
    const q = clean(query);
    const cached = this.cache.get(q);
    if (cached) {
      this.cache.delete(q); // least recently used goes first
      this.cache.set(q, cached);
      return cached;
    }
    let narrower: Int32Array | undefined;
    for (let n = q.length - 1; n > 0 && !narrower; n--) narrower = this.cache.get(q.slice(0, n));
    const result = !q ? Int32Array.from(this.texts.keys()) : narrower ? this.rank(q, narrower) : this.rank(q, this.trigramCandidates(q), this.changed);
    this.cache.set(q, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  /** The records listed under the query's rarest trigram, or null (scan everything) for short queries or before the lists exist. */
  private trigramCandidates(q: string): Int32Array | null {
    if (q.length < 3 || !this.records) return null;
    let best = -1;
    for (let at = 0; at + 3 <= q.length; at++) {
      const bucket = trigram(q, at);
      if (best === -1 || this.starts[bucket + 1] - this.starts[bucket] < this.starts[best + 1] - this.starts[best]) best = bucket;
    }
    return this.records.subarray(this.starts[best], this.starts[best + 1]);
  }

  /** Checks `candidates` (null: every record), and `changed` records, whose listing may be stale, on their own. */
  private rank(q: string, candidates: Int32Array | null, changed?: ReadonlySet<number>): Int32Array {
    const { texts } = this;
    const prefix: number[] = [];
    const other: number[] = [];
    const consider = (i: number) => {
      const text = texts[i];
      if (text.includes(q)) (text.startsWith(q) ? prefix : other).push(i);
    };
    if (!candidates) for (let i = 0; i < texts.length; i++) consider(i);
    else if (!changed?.size) for (const i of candidates) consider(i);
    else {
      for (const i of candidates) if (!changed.has(i)) consider(i);
      for (const i of changed) consider(i);
    }
    const result = new Int32Array(prefix.length + other.length);
    result.set(Int32Array.from(prefix).sort());
    result.set(Int32Array.from(other).sort(), prefix.length);
    return result;
  }
}
