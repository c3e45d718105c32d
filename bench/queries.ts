/**
 * Search queries the way agents type them: prefixes (2–6 letters) of words found in the data — company names,
 * contact names, domains — half in Latin script, half in Cyrillic, some lower-cased. Deterministic: same data,
 * same queries.
 */
import type { CustomerSummary } from '@/domain/schemas';

const LATIN = /^\p{Script=Latin}{2,}$/u;
const CYRILLIC = /^\p{Script=Cyrillic}{2,}$/u;

/** mulberry32: a tiny seeded PRNG, so the query list is reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function words(c: CustomerSummary): string[] {
  const b = c.billingProfile;
  return [
    ...c.companyProfile.companyName.split(/[\s,.()«»"'&-]+/),
    b.firstName,
    b.lastName,
    c.companyProfile.domain.split('.')[0],
  ];
}

/** `count` distinct prefixes, alternating Latin and Cyrillic, none of them in `avoid`. */
export function pickQueries(
  customers: readonly CustomerSummary[],
  count: number,
  seed: number,
  avoid: ReadonlySet<string> = new Set(),
): string[] {
  const next = random(seed);
  const picked = new Set<string>();
  const scripts = [LATIN, CYRILLIC];
  // Bounded: a data set without one of the scripts yields fewer queries rather than spinning.
  for (let attempt = 0; picked.size < count && attempt < count * 200; attempt++) {
    const script = scripts[picked.size % 2];
    const candidates = words(customers[Math.floor(next() * customers.length)]).filter((w) => script.test(w));
    if (!candidates.length) continue;
    const word = candidates[Math.floor(next() * candidates.length)];
    const prefix = word.slice(0, 2 + Math.floor(next() * Math.min(5, word.length - 1)));
    const query = next() < 0.5 ? prefix.toLowerCase() : prefix;
    if (!avoid.has(query.toLowerCase()) && ![...picked].some((p) => p.toLowerCase() === query.toLowerCase()))
      picked.add(query);
  }
  return [...picked];
}
