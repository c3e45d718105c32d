/**
 * Path globs, for fault rules and the request journal's `path` filter: `*` is any text within one path segment
 * (`/customers/*` matches `/customers/42`, not `/customers/42/auditLog`), `**` as a whole segment any number of
 * segments, none included (`/v1/**` matches `/v1` and `/v1/customers/42`). Letter case is ignored, as the router
 * ignores it. Matched without a regular expression and without backtracking: each run of literal text or of
 * segments between stars is found at its leftmost place, which is enough for stars that match anything, so time
 * grows with the path's length times the glob's (bounded: MAX_GLOB_LENGTH, MAX_GLOB_SEGMENTS).
 */

/** Segments in lower case; `**` items stand for any number of segments. */
export type Glob = string[];

export const MAX_GLOB_LENGTH = 256;
export const MAX_GLOB_SEGMENTS = 20;

/** The glob's segments, or what is wrong with it. */
export function parseGlob(text: string): Glob | string {
  if (!text.startsWith('/')) return 'A path starts with /, like /customers/*.';
  if (text.length > MAX_GLOB_LENGTH) return `A path glob is at most ${MAX_GLOB_LENGTH} characters.`;
  if (/[?#\s]/.test(text)) return 'A path glob has no query, fragment or white space.';
  const segments = text.slice(1).toLowerCase().split('/');
  if (segments.length > MAX_GLOB_SEGMENTS) return `A path glob has at most ${MAX_GLOB_SEGMENTS} segments.`;
  if (segments.some((s) => s.includes('**') && s !== '**'))
    return '** stands for whole segments only, like /v1/**; use * within a segment.';
  // Two ** in a row mean the same as one.
  return segments.filter((s, i) => !(s === '**' && segments[i - 1] === '**'));
}

/**
 * Whether `text` (of `length` items) matches `parts` joined by stars: the first part at the start, the last at the
 * end, each one between at the leftmost place after the one before (`find(part, from)`: where it occurs, or -1).
 */
function starMatch(
  parts: readonly (readonly unknown[] | string)[],
  length: number,
  at: (part: number, from: number) => boolean,
  find: (part: number, from: number) => number,
): boolean {
  const last = parts.length - 1;
  if (last === 0) return parts[0].length === length && at(0, 0);
  const end = length - parts[last].length;
  if (end < parts[0].length || !at(0, 0) || !at(last, end)) return false;
  let from = parts[0].length;
  for (let k = 1; k < last; k++) {
    const found = find(k, from);
    if (found === -1 || found + parts[k].length > end) return false;
    from = found + parts[k].length;
  }
  return true;
}

/** One segment: `*` any text within it. */
function segmentMatches(pattern: string, segment: string): boolean {
  if (!pattern.includes('*')) return pattern === segment;
  const parts = pattern.split('*');
  return starMatch(
    parts,
    segment.length,
    (k, from) => segment.startsWith(parts[k], from),
    (k, from) => segment.indexOf(parts[k], from),
  );
}

/** Whether a request path (as sent, without its query) matches the glob, case ignored. */
export function globMatches(glob: Glob, path: string): boolean {
  const segments = path.slice(1).toLowerCase().split('/');
  const runs: string[][] = [[]];
  for (const s of glob) {
    if (s === '**') runs.push([]);
    else runs[runs.length - 1].push(s);
  }
  const runAt = (k: number, from: number) => runs[k].every((p, j) => segmentMatches(p, segments[from + j]));
  return starMatch(runs, segments.length, runAt, (k, from) => {
    for (let s = from; s + runs[k].length <= segments.length; s++) if (runAt(k, s)) return s;
    return -1;
  });
}
