import { resolveLanguage, setLanguage, t } from '@/services/i18n';
import { choosePages } from '@/services/language-pages';
import { readSettings, watchSettings } from '@/services/settings/settings';
import { openSidePanel } from '@/services/side-panel';
import { serveSignIn } from '@/services/sign-in/background';
import { searchQueryItem } from '@/services/storage';

const SEARCH_MENU = 'search-customers';

export default defineBackground(() => {
  // The side panel shows the same app as the popup; the toolbar button keeps opening the popup.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false });

  // Partner Center's sign-in window, refreshes and sign-out run here, for every view (services/sign-in/service.ts).
  serveSignIn();

  // The popup and side panel prerendered in the agent's language, named before either opens: at every start of the
  // background (onStartup wakes it with the browser) and when the language changes (modules/prerender/pages.ts).
  const pagesInLanguage = async () => choosePages(resolveLanguage((await readSettings()).language, navigator.language));
  void pagesInLanguage();
  browser.runtime.onStartup.addListener(() => void pagesInLanguage());
  watchSettings(() => void pagesInLanguage());

  // Menus outlive the service worker but not an update: create it on install, retitle it when the language changes.
  browser.runtime.onInstalled.addListener(async () => {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: SEARCH_MENU, title: await searchMenuTitle(), contexts: ['selection'] });
  });
  watchSettings(async () => browser.contextMenus.update(SEARCH_MENU, { title: await searchMenuTitle() }));

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== SEARCH_MENU || !info.selectionText) return;
    // Open first, before any await: the browser allows it only while the click's user gesture lasts.
    void openSidePanel(tab?.windowId);
    // The results show over the account the agent had open, which Escape in the search box brings back.
    void searchQueryItem.setValue(info.selectionText.trim());
  });

  // Chrome only: Firefox's manifest binds the same key to `_execute_sidebar_action` itself.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel') void openSidePanel(tab?.windowId);
  });
});

async function searchMenuTitle(): Promise<string> {
  await setLanguage(resolveLanguage((await readSettings()).language, browser.i18n.getUILanguage()));
  return t('searchFor');
}
