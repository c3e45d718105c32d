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
import { type GramBlocks, GramLists } from './gram-lists';

const FIELD = '\u0001';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed here.
const CONTROL = /[\u0000-\u001f]/g;
const CACHE_SIZE = 64;

function clean(text: string): string {
  return normalizeText(text.replace(CONTROL, ' '));
}

/** What search matches: company name (first, for prefix ranking), domain, contact name, email and id. */
export function searchText(c: Customer): string {
  const b = c.billingProfile;
  return [c.companyProfile.companyName, c.companyProfile.domain, `${b.firstName} ${b.lastName}`, b.email, c.id]
    .map(clean)
    .join(FIELD);
}

/** The first three UTF-16 units of `text` as one exact number (missing ones count as 0). */
function head(text: string): number {
  return ((text.charCodeAt(0) || 0) * 65536 + (text.charCodeAt(1) || 0)) * 65536 + (text.charCodeAt(2) || 0);
}

export class SearchIndex {
  private readonly cache = new Map<string, Int32Array>();
  private readonly changed = new Set<number>();
  /** 1 for the records in `changed`: a flag per record is faster to test than the set. */
  private readonly isChanged: Uint8Array;
  private readonly grams = [new GramLists(3), new GramLists(2)];
  /** Each text's first three characters as one number, so a short prefix test is arithmetic, not a string call. */
  private readonly heads: Float64Array;

  constructor(private readonly texts: string[]) {
    this.heads = new Float64Array(texts.length);
    this.isChanged = new Uint8Array(texts.length);
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
    for (const [k, b] of blocks.entries()) this.grams[k].load(b);
  }

  textOf(i: number): string {
    return this.texts[i];
  }

  update(i: number, text: string): void {
    this.texts[i] = text;
    this.heads[i] = head(text);
    this.changed.add(i);
    this.isChanged[i] = 1;
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
    const result = q ? this.answer(q) : Int32Array.from(this.texts.keys());
    this.cache.set(q, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  /**
   * Picks the fewest records to check: an exact n-gram list (nothing to verify), or the smaller of a cached
   * shorter query's answer (as when an agent types) and the rarest n-gram's list, or, failing all, every record.
   */
  private answer(q: string): Int32Array {
    const exact = q.length <= 3 ? this.grams.map((g) => g.exact(q)).find(Boolean) : undefined;
    if (exact) return this.rank(q, exact, true);
    const listed = this.grams.map((g) => g.candidates(q)).find(Boolean) ?? null;
    let narrower: Int32Array | undefined;
    for (let n = q.length - 1; n > 0 && !narrower; n--) narrower = this.cache.get(q.slice(0, n));
    // A cached answer already covers changed records, and is ranked, not in record order: its matches are sorted again.
    if (narrower && (!listed || narrower.length < listed.length)) return this.rank(q, narrower, false, false);
    return this.rank(q, listed, false);
  }

  /**
   * Ranks the records of `candidates` (null: all) that contain `q` (`verified`: all do): prefix matches first,
   * then the rest, each in record order. With `lists` (candidates from n-gram lists built before some writes),
   * changed records are skipped there and checked on their own.
   */
  private rank(q: string, candidates: Int32Array | null, verified: boolean, lists = true): Int32Array {
    const { texts, heads, isChanged } = this;
    const skipChanged = lists && this.changed.size > 0;
    const total = candidates ? candidates.length : texts.length;
    const prefix = new Int32Array(total + (skipChanged ? this.changed.size : 0));
    const other = new Int32Array(prefix.length);
    let p = 0;
    let o = 0;
    // The prefix test for short queries compares numbers instead of calling startsWith.
    const scale = 65536 ** (3 - Math.min(3, q.length));
    const want = q.length <= 3 ? head(q) / scale : -1;
    const add = (i: number) => {
      if (q.length <= 3 ? Math.floor(heads[i] / scale) === want : texts[i].startsWith(q)) prefix[p++] = i;
      else other[o++] = i;
    };
    for (let k = 0; k < total; k++) {
      const i = candidates ? candidates[k] : k;
      if (skipChanged && isChanged[i]) continue;
      if (verified || texts[i].includes(q)) add(i);
    }
    let sort = !lists;
    if (skipChanged) {
      for (const i of this.changed) if (texts[i].includes(q)) add(i);
      sort = true;
    }
    const result = new Int32Array(p + o);
    result.set(sort ? prefix.subarray(0, p).sort() : prefix.subarray(0, p));
    result.set(sort ? other.subarray(0, o).sort() : other.subarray(0, o), p);
    return result;
  }
}
