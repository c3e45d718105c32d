import { t } from '@/services/i18n';
import { openSidePanel } from '@/services/side-panel';

/** Opens the side panel (Firefox: the sidebar) for this window; the current customer travels through storage. */
export function OpenInSidePanel() {
  async function open() {
    // Firefox opens its sidebar only straight from the click, so the window is looked up for Chrome alone.
    await openSidePanel(browser.sidePanel ? (await browser.windows.getCurrent()).id : undefined);
    // The popup would cover the panel it just opened.
    globalThis.close();
  }
  return (
    // An icon button, as in Fluent's toolbars: the popup's header has no room for the words, which name it instead.
    <button
      type="button"
      class="subtle icon"
      aria-label={t('openInSidePanel')}
      title={t('openInSidePanel')}
      onClick={() => void open()}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20" fill="none" stroke="currentColor">
        <rect x="2.5" y="4.5" width="15" height="11" rx="2" />
        <path d="M12.5 4.5v11" />
      </svg>
    </button>
  );
}
