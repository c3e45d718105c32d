import { t } from '@/utils/i18n';
import { openSidePanel } from '@/utils/side-panel';

/** Opens the side panel (Firefox: the sidebar) for this window; the current customer travels through storage. */
export function OpenInSidePanel() {
  async function open() {
    // Firefox opens its sidebar only straight from the click, so the window is looked up for Chrome alone.
    await openSidePanel(browser.sidePanel ? (await browser.windows.getCurrent()).id : undefined);
    // The popup would cover the panel it just opened.
    globalThis.close();
  }
  return (
    <button type="button" onClick={() => void open()}>
      {t('openInSidePanel')}
    </button>
  );
}
