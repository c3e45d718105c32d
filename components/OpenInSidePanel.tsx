import { t } from '@/utils/i18n';

/** Opens the side panel for this window; the current customer travels through storage. */
export function OpenInSidePanel() {
  async function open() {
    const window = await browser.windows.getCurrent();
    if (window.id !== undefined) await browser.sidePanel.open({ windowId: window.id });
    // The popup would cover the panel it just opened.
    globalThis.close();
  }
  return (
    <button type="button" onClick={() => void open()}>
      {t('openInSidePanel')}
    </button>
  );
}
