import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '@/locales/en';
import { t } from '@/services/i18n';
import { ModalDialog } from './ModalDialog';
import './shortcuts.css';

const IN_VIEW: [keys: string[], what: MessageKey][] = [
  [['/'], 'shortcut.search'],
  [['↑', '↓'], 'shortcut.move'],
  [['Enter'], 'shortcut.open'],
  [['Esc'], 'shortcut.cancel'],
  [['Esc'], 'shortcut.leaveSearch'],
  [['?'], 'shortcut.help'],
];

/** The browser-wide command's key as the agent set it (chrome://extensions/shortcuts), if any. */
function useSidePanelKey(): string | null {
  const [key, setKey] = useState<string | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then((commands) => {
      const command = commands.find((c) => c.name === 'open-side-panel' || c.name === '_execute_sidebar_action');
      setKey(command?.shortcut || null);
    });
  }, []);
  return key;
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const sidePanelKey = useSidePanelKey();
  const rows: [string[], MessageKey][] = sidePanelKey ? [...IN_VIEW, [[sidePanelKey], 'shortcut.sidePanel']] : IN_VIEW;
  return (
    <ModalDialog title={t('shortcuts')} onCancel={onClose}>
      <dl class="shortcuts">
        {rows.map(([keys, what]) => (
          <div key={what}>
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
      <div class="actions">
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  );
}
