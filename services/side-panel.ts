/** Firefox's sidebar, where Chrome has `sidePanel` (not in Chrome's typings). */
type FirefoxSidebar = { sidebarAction?: { open: () => Promise<void> } };

/**
 * Opens the side panel (Chrome) or the sidebar (Firefox). Call it straight from the click or command, before any
 * other await: both browsers allow it only while the user's gesture lasts. Chrome needs the window; Firefox does not.
 */
export function openSidePanel(windowId: number | undefined): Promise<void> {
  if (browser.sidePanel) return windowId === undefined ? Promise.resolve() : browser.sidePanel.open({ windowId });
  return (browser as unknown as FirefoxSidebar).sidebarAction?.open() ?? Promise.resolve();
}
