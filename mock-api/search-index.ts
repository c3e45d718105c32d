/**
 * The in-memory search index over each customer's normalised search text (company name first, then domain,
 * contact name, email, id, separated by \1). Matching is a plain `includes`, never a RegExp from user text.
 *
 * Candidates come from trigram and bigram lists (gram-lists.ts): a query of 2+ characters only checks the
 * records listed under its rarest n-gram (hash collisions are weeded out by the `includes` check); a single
 * character scans.
 * Ranked answers are cached, and a longer query narrows a cached shorter one's hits, as when an agent types.
 * A write does not touch the n-gram lists: the record joins a small "changed" set that every query checks
 * directly, and the cache is cleared.
 */
import type { Customer } from '@/domain/schemas';
import { normalizeText } from '@/domain/search';
import { GramLists, type GramBlocks } from './gram-lists';

const FIELD = '\u0001';
const CONTROL = /[\u0000-\u001f]/g;
const CACHE_SIZE = 64;

function clean(text: string): string {
  return normalizeText(text.replace(CONTROL, ' '));
}

/** What search matches: company name (first, for prefix ranking), domain, contact name, email and id. */
export function searchText(c: Customer): string {
  const b = c.billingProfile;
  return [c.companyProfile.companyName, c.companyProfile.domain, `${b.firstName} ${b.lastName}`, b.email, c.id].map(clean).join(FIELD);
}

/** The first three UTF-16 units of `text` as one exact number (missing ones count as 0). */
function head(text: string): number {
  return ((text.charCodeAt(0) || 0) * 65536 + (text.charCodeAt(1) || 0)) * 65536 + (text.charCodeAt(2) || 0);
}

export class SearchIndex {
  private readonly cache = new Map<string, Int32Array>();
  private readonly changed = new Set<number>();
  private readonly grams = [new GramLists(3), new GramLists(2)];
  /** Each text's first three characters as one number, so a short prefix test is arithmetic, not a string call. */
  private readonly heads: Float64Array;

  constructor(private readonly texts: string[]) {
    this.heads = new Float64Array(texts.length);
    for (let i = 0; i < texts.length; i++) this.heads[i] = head(texts[i]);
  }

  /** Builds the trigram, then the bigram lists in slices (see GramLists.build); until then queries scan. */
  *buildGrams(): Generator<void, void> {
    const texts = this.texts.slice(); // every pass must see the same texts, whatever is written meanwhile
    for (const grams of this.grams) yield* grams.build(texts);
  }

  /** The built lists (trigrams, bigrams) to store, or null while they are not built. */
  gramBlocks(): GramBlocks[] | null {
    const blocks = this.grams.map((g) => g.built);
    return blocks.every(Boolean) ? (blocks as GramBlocks[]) : null;
  }

  /** Lists stored with the snapshot these texts came from: records written since are in `changed`, checked apart. */
  loadGrams(blocks: readonly GramBlocks[]): void {
    blocks.forEach((b, k) => this.grams[k].load(b));
  }

  textOf(i: number): string {
    return this.texts[i];
  }

  update(i: number, text: string): void {
    this.texts[i] = text;
    this.heads[i] = head(text);
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
    const exact = !narrower && q.length <= 3 ? this.grams.map((g) => g.exact(q)).find(Boolean) : null;
    const result = !q
      ? Int32Array.from(this.texts.keys())
      : narrower
        ? this.rank(q, narrower)
        : exact
          ? this.rankExact(q, exact)
          : this.rank(q, this.gramCandidates(q), this.changed);
    this.cache.set(q, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  /** Records that may match (the rarest n-gram's list), or null to scan everything. */
  private gramCandidates(q: string): Int32Array | null {
    for (const grams of this.grams) {
      const listed = grams.candidates(q);
      if (listed) return listed;
    }
    return null;
  }

  /**
   * Ranks an exact list (every record in it contains `q`, unless it changed since): no `includes` per record, and
   * the prefix test compares numbers. The common short queries of typing ("ma", "ив") cover tens of thousands.
   */
  private rankExact(q: string, listed: Int32Array): Int32Array {
    const { heads, changed } = this;
    const scale = 65536 ** (3 - q.length);
    const want = head(q) / scale;
    const prefix = new Int32Array(listed.length + changed.size);
    const other = new Int32Array(listed.length + changed.size);
    let p = 0;
    let o = 0;
    for (let k = 0; k < listed.length; k++) {
      const i = listed[k];
      if (changed.size && changed.has(i)) continue;
      if (Math.floor(heads[i] / scale) === want) prefix[p++] = i;
      else other[o++] = i;
    }
    for (const i of changed) {
      const text = this.texts[i];
      if (text.includes(q)) {
        if (text.startsWith(q)) prefix[p++] = i;
        else other[o++] = i;
      }
    }
    const result = new Int32Array(p + o);
    result.set(changed.size ? prefix.subarray(0, p).sort() : prefix.subarray(0, p));
    result.set(changed.size ? other.subarray(0, o).sort() : other.subarray(0, o), p);
    return result;
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
    else if (!changed?.size) for (let k = 0; k < candidates.length; k++) consider(candidates[k]);
    else {
      for (let k = 0; k < candidates.length; k++) if (!changed.has(candidates[k])) consider(candidates[k]);
      for (const i of changed) consider(i);
    }
    const result = new Int32Array(prefix.length + other.length);
    result.set(Int32Array.from(prefix).sort());
    result.set(Int32Array.from(other).sort(), prefix.length);
    return result;
  }
}
