/** Firefox's toolbar button (MV2) and sidebar, where Chrome has `action` and `sidePanel` (not in Chrome's typings). */
type FirefoxUi = {
  browserAction?: { setPopup: (details: { popup: string }) => Promise<void> };
  sidebarAction?: { open: () => Promise<void>; setPanel: (details: { panel: string }) => Promise<void> };
};

/** The Firefox-only parts of the extension API, absent (undefined) in Chrome. */
export const firefoxUi = () => browser as unknown as FirefoxUi;

/**
 * Opens the side panel (Chrome) or the sidebar (Firefox). Call it straight from the click or command, before any
 * other await: both browsers allow it only while the user's gesture lasts. Chrome needs the window; Firefox does not.
 */
export function openSidePanel(windowId: number | undefined): Promise<void> {
  if (browser.sidePanel) return windowId === undefined ? Promise.resolve() : browser.sidePanel.open({ windowId });
  return firefoxUi().sidebarAction?.open() ?? Promise.resolve();
}
