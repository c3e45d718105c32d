import { t } from '@/services/i18n';

interface Detail {
  label: string;
  /** null: not read yet (a line of skeleton, the same height as the text it waits for). */
  value: string | undefined | null;
  readOnly?: boolean;
}

/** Label/value pairs of a resource; values are customer text, rendered as text. */
export function DetailList({ details }: { details: Detail[] }) {
  return (
    <dl class="details">
      {details.map((d) => (
        <div key={d.label} class={d.readOnly ? 'read-only' : undefined}>
          <dt>
            {d.label}
            {d.readOnly && <span class="detail"> ({t('readOnly')})</span>}
          </dt>
          <dd>{d.value === null ? <div class="skeleton-line short" aria-hidden="true" /> : d.value || '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
