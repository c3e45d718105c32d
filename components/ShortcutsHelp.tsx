import { useEffect, useState } from 'preact/hooks';
import { useModule } from '@/hooks/use-module';
import { t } from '@/services/i18n';
import { isTyping } from '@/utils/is-typing';

const loadDialog = () => import('./ShortcutsDialog');

/** The "?" button, and the "?" key anywhere outside a text field: both open the keyboard-shortcuts help. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const Dialog = useModule(loadDialog, open)?.ShortcutsDialog;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setOpen(true);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <button
        type="button"
        class="shortcuts-button subtle icon"
        title={t('shortcuts')}
        aria-label={t('shortcuts')}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        ?
      </button>
      {open && Dialog && <Dialog onClose={() => setOpen(false)} />}
    </>
  );
}
