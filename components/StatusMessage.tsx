import { useEffect, useRef, useState } from 'preact/hooks';
import { noticeText, t } from '@/services/i18n';
import type { Status } from '@/state/edit-session/account';

/** How long Undo stays offered after a save. */
const UNDO_MS = 10_000;

/** The view's live regions: always in the page, so screen readers announce what lands in them. */
export function StatusMessage({ status, onUndo }: { status: Status | null; onUndo: () => void }) {
  const [undoable, setUndoable] = useState(false);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setUndoable(Boolean(status?.undoable));
    if (status?.focus) region.current?.focus();
    if (!status?.undoable) return;
    const timer = setTimeout(() => setUndoable(false), UNDO_MS);
    return () => clearTimeout(timer);
  }, [status]);
  const said = status && !status.alert ? noticeText(status.notice) : null;
  return (
    <>
      <div ref={region} role="status" class="status toast" tabIndex={-1}>
        {said}
        {said && undoable && (
          <>
            {' '}
            <button
              type="button"
              class="subtle"
              onClick={() => {
                setUndoable(false);
                onUndo();
              }}
            >
              {t('undo')}
            </button>
          </>
        )}
      </div>
      <div role="alert" class="error">
        {status?.alert && noticeText(status.notice)}
      </div>
    </>
  );
}
