/**
 * Path globs, for fault rules and the request journal's `path` filter: `*` is any text within one path segment
 * (`/customers/*` matches `/customers/42`, not `/customers/42/auditLog`), `**` as a whole segment any number of
 * segments, none included (`/v1/**` matches `/v1` and `/v1/customers/42`). Matched segment by segment without a
 * regular expression, so no glob and no path can make matching slow (time is at most glob length × path length).
 */

export type Glob = string[];

/** The glob's segments, or what is wrong with it. */
export function parseGlob(text: string): Glob | string {
  if (!text.startsWith('/')) return 'A path starts with /, like /customers/*.';
  if (text.length > 1000) return 'A path glob is at most 1,000 characters.';
  if (/[?#\s]/.test(text)) return 'A path glob has no query, fragment or white space.';
  const segments = text.slice(1).split('/');
  if (segments.some((s) => s.includes('**') && s !== '**'))
    return '** stands for whole segments only, like /v1/**; use * within a segment.';
  // Two ** in a row mean the same as one; keeping one keeps matching linear.
  return segments.filter((s, i) => !(s === '**' && segments[i - 1] === '**'));
}

/**
 * Whether `text` matches `pattern`, where items of the pattern that are `star` match any run of items and the others
 * match one item by `same`. The classic wildcard walk: on a mismatch, the last star takes one item more.
 */
function wildcard<P, T>(pattern: readonly P[], text: readonly T[], star: P, same: (p: P, t: T) => boolean): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== star && same(pattern[p], text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === star) {
      starAt = p++;
      resumeAt = t;
    } else if (starAt !== -1) {
      p = starAt + 1;
      t = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === star) p++;
  return p === pattern.length;
}

const segmentMatches = (pattern: string, segment: string) =>
  pattern === segment || wildcard([...pattern], [...segment], '*', (a, b) => a === b);

/** Whether a request path (as sent, without its query) matches the glob. */
export function globMatches(glob: Glob, path: string): boolean {
  return wildcard(glob, path.slice(1).split('/'), '**', segmentMatches);
}
