import { t } from '@/services/i18n';

interface Props {
  /** A line as wide as the page's title first (the Account page), or none (a form inside it). */
  title?: boolean;
  cards?: number;
  lines?: number;
}

/** The shape of what is loading: shimmering lines, hidden from screen readers, which hear "Loading…" instead. */
export function Skeleton({ title = false, cards = 1, lines = 4 }: Props) {
  return (
    <div class="skeleton">
      <p role="status" class="visually-hidden">
        {t('loading')}
      </p>
      {title && <div class="skeleton-line title" aria-hidden="true" />}
      {Array.from({ length: cards }, (_, card) => (
        <div key={card} class="card" aria-hidden="true">
          <SkeletonLines lines={lines} />
        </div>
      ))}
    </div>
  );
}

/** Lines of skeleton, long and short in turn, hidden from screen readers (the page says "Loading…" once). */
export function SkeletonLines({ lines }: { lines: number }) {
  return (
    <>
      {Array.from({ length: lines }, (_, line) => (
        <div key={line} class={line % 2 ? 'skeleton-line short' : 'skeleton-line'} aria-hidden="true" />
      ))}
    </>
  );
}
