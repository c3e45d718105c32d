import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** How long Undo stays offered after a save. */
const UNDO_MS = 10_000;

export interface Status {
  text: string;
  alert?: boolean;
  undo?: () => void;
  /** Move focus here (after Submit), so keyboard and screen-reader users land on the outcome. */
  focus?: boolean;
}

/** The view's live regions: always in the page, so screen readers announce what lands in them. */
export function StatusMessage({ status }: { status: Status | null }) {
  const [undoable, setUndoable] = useState(false);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setUndoable(Boolean(status?.undo));
    if (status?.focus) region.current?.focus();
    if (!status?.undo) return;
    const timer = setTimeout(() => setUndoable(false), UNDO_MS);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <>
      <div ref={region} role="status" class="status" tabIndex={-1}>
        {status && !status.alert && status.text}
        {status && !status.alert && undoable && (
          <>
            {' '}
            <button
              type="button"
              onClick={() => {
                setUndoable(false);
                status.undo?.();
              }}
            >
              {t('undo')}
            </button>
          </>
        )}
      </div>
      <div role="alert" class="error">
        {status?.alert && status.text}
      </div>
    </>
  );
}
