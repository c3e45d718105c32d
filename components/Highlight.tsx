import { highlightRanges } from '@/domain/search';

/**
 * Text with what the query matched in <mark>: the starts of words, or with `whole` (a domain, e-mail or id) the
 * start of the whole text — the domain's own rules (domain/search.ts). Customer text stays text (never HTML).
 */
export function Highlight({ text, query, whole = false }: { text: string; query: string; whole?: boolean }) {
  const parts = [];
  let from = 0;
  for (const [start, end] of highlightRanges(text, query, whole)) {
    if (start > from) parts.push(text.slice(from, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    from = end;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}
