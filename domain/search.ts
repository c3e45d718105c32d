/** Search-text rules shared by the API's index and the UI's highlighting, so both agree on what matches. */

/** Lower-case, NFKC, `ё` folded to `е`, runs of white space collapsed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** Ranges in `text` where `query` occurs (case-insensitively), for highlighting; never a RegExp from user input. */
export function matchRanges(text: string, query: string): [start: number, end: number][] {
  const needle = normalizeText(query);
  if (!needle) return [];
  // normalizeText keeps lengths for the scripts we show, except collapsed white space: compare on a per-char fold instead.
  const hay = text.toLowerCase().replace(/ё/g, 'е');
  const ranges: [number, number][] = [];
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length))
    ranges.push([at, at + needle.length]);
  return ranges;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
