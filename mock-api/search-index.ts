/**
 * The in-memory search index: each customer's normalised search text (company name first, then domain, contact
 * name, email, id, separated by \1). A query is a plain `includes` per record (no RegExp from user text), and its
 * ranked answer is cached: a longer query only matches within a shorter one's hits, so as the agent types each
 * keystroke narrows the last answer instead of scanning everything. Any write clears the cache.
 */
import type { Customer } from '@/domain/schemas';
import { normalizeText } from '@/domain/search';

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

export class SearchIndex {
  private readonly cache = new Map<string, Int32Array>();

  constructor(private readonly texts: string[]) {}

  textOf(i: number): string {
    return this.texts[i];
  }

  update(i: number, text: string): void {
    this.texts[i] = text;
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
    const result = q ? this.rank(q, narrower) : Int32Array.from(this.texts.keys());
    this.cache.set(q, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  private rank(q: string, candidates: Int32Array | undefined): Int32Array {
    const { texts } = this;
    const prefix: number[] = [];
    const other: number[] = [];
    const consider = (i: number) => {
      const text = texts[i];
      if (text.includes(q)) (text.startsWith(q) ? prefix : other).push(i);
    };
    if (candidates) for (const i of candidates) consider(i);
    else for (let i = 0; i < texts.length; i++) consider(i);
    const result = new Int32Array(prefix.length + other.length);
    result.set(prefix);
    const rest = Int32Array.from(other);
    // Narrowed from a ranked answer, the rest may be out of record order.
    if (candidates) rest.sort();
    result.set(rest, prefix.length);
    return result;
  }
}
