import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { currentCustomerItem, languageItem, searchQueryItem } from '@/services/storage';

type Listener = (...args: unknown[]) => unknown;
/** The parts of the browser the fake does not implement, recorded so the test can check and trigger them. */
const stubs = {
  menus: [] as { id: string; title: string; contexts: string[] }[],
  clicked: [] as Listener[],
  commands: [] as Listener[],
  opened: [] as unknown[],
  pages: { popup: '', panel: '' },
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('navigator', { language: 'en-US' }); // a service worker's; Node 20 has none
  Object.assign(stubs, { menus: [], clicked: [], commands: [], opened: [], pages: { popup: '', panel: '' } });
  Object.assign(fakeBrowser, {
    contextMenus: {
      removeAll: async () => {
        stubs.menus = [];
      },
      create: (menu: (typeof stubs.menus)[number]) => void stubs.menus.push(menu),
      update: async (id: string, change: { title: string }) =>
        Object.assign(stubs.menus.find((m) => m.id === id)!, change),
      onClicked: { addListener: (l: Listener) => stubs.clicked.push(l) },
    },
    commands: { onCommand: { addListener: (l: Listener) => stubs.commands.push(l) } },
    action: {
      setPopup: async ({ popup }: { popup: string }) => {
        stubs.pages.popup = popup;
      },
    },
    sidePanel: {
      setPanelBehavior: async () => {},
      setOptions: async ({ path }: { path: string }) => {
        stubs.pages.panel = path;
      },
      open: async (where: unknown) => void stubs.opened.push(where),
    },
    // Firefox's sidebar, which Chrome lacks: the fake has it but does not implement it.
    sidebarAction: { ...fakeBrowser.sidebarAction, setPanel: async () => {} },

    i18n: { ...fakeBrowser.i18n, getUILanguage: () => 'en-US' },
  });
  background.main();
});

test('on install, a context menu item for selected text, titled in the chosen language', async () => {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
  expect(stubs.menus).toEqual([
    { id: 'search-customers', title: "Search customers for '%s'", contexts: ['selection'] },
  ]);

  await languageItem.setValue('ru');
  await vi.waitFor(() => expect(stubs.menus[0].title).toBe('Искать клиентов: «%s»'));
});

test('choosing it opens the side panel on the search for the selected text, over the open account', async () => {
  await currentCustomerItem.setValue('some-customer');
  for (const listener of stubs.clicked) {
    listener({ menuItemId: 'search-customers', selectionText: '  Contoso Ltd ' }, { windowId: 7 });
  }
  expect(stubs.opened).toEqual([{ windowId: 7 }]);
  await vi.waitFor(async () => expect(await searchQueryItem.getValue()).toBe('Contoso Ltd'));
  // The account stays open under the results: Escape in the search box goes back to it.
  expect(await currentCustomerItem.getValue()).toBe('some-customer');
});

test('the keyboard command opens the side panel in the current window', () => {
  for (const listener of stubs.commands) listener('open-side-panel', { windowId: 3 });
  expect(stubs.opened).toEqual([{ windowId: 3 }]);
});

test('the popup and the side panel the browser opens are the ones prerendered in the chosen language', async () => {
  await expect.poll(() => stubs.pages).toEqual({ popup: 'popup.html', panel: 'sidepanel.html' });
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never); // the menu a language change retitles
  await languageItem.setValue('ru');
  await expect.poll(() => stubs.pages).toEqual({ popup: 'popup-ru.html', panel: 'sidepanel-ru.html' });
});
