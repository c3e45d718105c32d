import { matchRanges } from '@/domain/search';

/** Text with the query's matches in <mark>; customer text stays text (never HTML). */
export function Highlight({ text, query }: { text: string; query: string }) {
  const parts = [];
  let from = 0;
  for (const [start, end] of matchRanges(text, query)) {
    if (start > from) parts.push(text.slice(from, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    from = end;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}
