export default defineBackground(() => {
  // The side panel shows the same app as the popup; the toolbar button keeps opening the popup.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false });
});
