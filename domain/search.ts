/**
 * What a search means, written once for the mock API's index, the UI's highlighting and the tests.
 *
 * Text is folded (case, `ё`→`е`, full/half width and compatibility forms by NFKC, accents on Latin letters) and
 * split into words at anything that is not a letter, digit or mark. The query is split on white space into pieces;
 * a customer matches when every piece matches, either as the prefix of the whole domain, e-mail or id, or with
 * each of its words as the prefix of one of the customer's words (company name, contact's first and last name,
 * the e-mail's local part). Nothing matches in the middle of a word, so the `.onmicrosoft.com` every domain ends
 * in never matches on its own. A piece of punctuation alone has no words and is ignored.
 *
 * Ranking, best first (`Tier`): company name equal to the query, company name starting with it, a company-name
 * word starting with it, domain, contact name or e-mail, id. With several pieces the weakest sets the tier; ties
 * go by folded company name, then id.
 */
import type { CustomerSummary } from './schemas';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const Tier = { exact: 0, namePrefix: 1, nameWord: 2, domain: 3, contact: 4, id: 5 } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];
export const TIERS = 6;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included.
const ASCII = /^[\u0000-\u007f]*$/;
const LATIN = /^\p{Script=Latin}/u;
const COMBINING_ACCENTS = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
const folds = new Map<number, string>();

/** One character folded: usually one character, sometimes none (a lone accent) or several (a ligature). */
function foldCodePoint(code: number): string {
  let folded = folds.get(code);
  if (folded === undefined) {
    folded = String.fromCodePoint(code).normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
    const parts = folded.normalize('NFD');
    // Accents go from Latin letters only: Cyrillic й stays й (it is not и), Japanese voicing marks stay.
    if (code >= 0x300 && code <= 0x36f) folded = '';
    else if (LATIN.test(parts)) folded = parts.replace(COMBINING_ACCENTS, '').normalize('NFC');
    folds.set(code, folded);
  }
  return folded;
}

/** Folded text: what comparisons see. Folds each character alone, so positions map back (see `highlightRanges`). */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const char of text) out += char.charCodeAt(0) < 0x80 ? char.toLowerCase() : foldCodePoint(char.codePointAt(0)!);
  return out;
}

/** Folded, with runs of white space as one space and none at the ends: how a company name or a query compares. */
export function foldText(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/** The words of folded text. */
export function wordsOf(folded: string): string[] {
  return folded.split(NOT_WORD).filter(Boolean);
}

export interface QueryPiece {
  /** The piece, folded: matched as the prefix of a whole domain, e-mail or id. */
  text: string;
  /** Its words: each must be the prefix of one of the customer's words. */
  words: string[];
}

export interface Query {
  /** The whole query, folded: compared with the whole company name. */
  text: string;
  /** No pieces: no query (punctuation alone is ignored), every customer matches. */
  pieces: QueryPiece[];
}

let last: { query: string; parsed: Query } | undefined;

/** The query folded and split; the last one is remembered (a list highlights every row with the same query). */
export function parseQuery(query: string): Query {
  if (last?.query !== query) {
    const text = foldText(query);
    const pieces = text
      .split(' ')
      .map((piece) => ({ text: piece, words: wordsOf(piece) }))
      .filter((piece) => piece.words.length > 0);
    last = { query, parsed: { text, pieces } };
  }
  return last.parsed;
}

/** A customer as search sees it: every field folded, the word fields split into words. */
export interface SearchableCustomer {
  name: string;
  nameWords: string[];
  /** The contact's first and last name and the e-mail's local part. */
  contactWords: string[];
  domain: string;
  email: string;
  id: string;
}

export function searchable(c: CustomerSummary): SearchableCustomer {
  const name = foldText(c.companyProfile.companyName);
  const b = c.billingProfile;
  const email = fold(b.email);
  const at = email.lastIndexOf('@');
  return {
    name,
    nameWords: wordsOf(name),
    contactWords: [
      ...wordsOf(fold(b.firstName)),
      ...wordsOf(fold(b.lastName)),
      ...wordsOf(at < 0 ? email : email.slice(0, at)),
    ],
    domain: fold(c.companyProfile.domain),
    email,
    id: fold(c.id),
  };
}

const anyStartsWith = (words: readonly string[], prefix: string) => words.some((w) => w.startsWith(prefix));

/** How a piece matches: by its words (company-name words beat contact words), or by a whole field, the better. */
function pieceTier(piece: QueryPiece, c: SearchableCustomer): Tier | null {
  let byWords: Tier | null = Tier.nameWord;
  for (const word of piece.words) {
    if (anyStartsWith(c.nameWords, word)) continue;
    if (anyStartsWith(c.contactWords, word)) byWords = Tier.contact;
    else {
      byWords = null;
      break;
    }
  }
  if (byWords === Tier.nameWord) return byWords;
  if (c.domain.startsWith(piece.text)) return Tier.domain;
  if (byWords !== null || c.email.startsWith(piece.text)) return Tier.contact;
  return c.id.startsWith(piece.text) ? Tier.id : null;
}

/** The customer's tier for `query`, or null when it does not match. No query: every customer, all alike. */
export function matchTier(query: Query, c: SearchableCustomer): Tier | null {
  let tier: Tier = Tier.nameWord;
  for (const piece of query.pieces) {
    const t = pieceTier(piece, c);
    if (t === null) return null;
    if (t > tier) tier = t;
  }
  if (!query.pieces.length || c.name === query.text) return Tier.exact;
  return c.name.startsWith(query.text) ? Tier.namePrefix : tier;
}

/** The order of ties (and of the whole list without a query): folded company name, then id. */
export function compareTies(a: { name: string; id: string }, b: { name: string; id: string }): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type Range = [start: number, end: number];

/**
 * Where `query` matched in `text`, as ranges of `text` to mark. `whole` for a domain, e-mail or id: the start of
 * the whole text a piece is the prefix of; otherwise (a company or contact name) each word's start that a query
 * word is the prefix of. Folding character by character keeps the way back to positions in `text`.
 */
export function highlightRanges(text: string, query: string, whole = false): Range[] {
  const { pieces } = parseQuery(query);
  if (!pieces.length) return [];
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const next = i + (code > 0xffff ? 2 : 1);
    for (const char of foldCodePoint(code)) {
      folded += char;
      for (let k = 0; k < char.length; k++) {
        from.push(i);
        to.push(next);
      }
    }
    i = next;
  }
  const longest = (candidates: string[], word: string) =>
    candidates.reduce((best, c) => (word.startsWith(c) && c.length > best ? c.length : best), 0);
  if (whole) {
    const n = longest(
      pieces.map((p) => p.text),
      folded,
    );
    return n ? [[0, to[n - 1]]] : [];
  }
  const words = pieces.flatMap((p) => p.words);
  const ranges: Range[] = [];
  for (const match of folded.matchAll(WORD)) {
    const n = longest(words, match[0]);
    if (n) ranges.push([from[match.index], to[match.index + n - 1]]);
  }
  return ranges;
}
