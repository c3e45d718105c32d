/**
 * The first frame speaks the agent's language (issue 25): the build holds the popup and the side panel prerendered
 * in each language, the background names the agent's as the pages the browser opens, and such a page hydrates in
 * its language without a frame of English.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { aria, type ExtensionBrowser, launchExtension } from '@/harness/extension';
import { languageItem } from '@/services/storage';

let ext: ExtensionBrowser;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(() => ext?.close());

type Chrome = {
  chrome: {
    action: { getPopup: (details: object) => Promise<string> };
    sidePanel: { getOptions: (details: object) => Promise<{ path?: string }> };
  };
};

/** The pages the browser opens for the toolbar button and the side panel, as the background last named them. */
async function pagesNamed() {
  const page = await ext.open('options');
  try {
    return await page.evaluate(async () => {
      const { chrome } = globalThis as unknown as Chrome;
      return [new URL(await chrome.action.getPopup({})).pathname, (await chrome.sidePanel.getOptions({})).path];
    });
  } finally {
    await page.close();
  }
}

test('Russian chosen: the background names the Russian pages; English again, the English ones', async () => {
  await ext.setItems([languageItem, 'ru']);
  await expect.poll(pagesNamed).toEqual(['/popup-ru.html', 'sidepanel-ru.html']);
  await ext.setItems([languageItem, 'en']);
  await expect.poll(pagesNamed).toEqual(['/popup.html', 'sidepanel.html']);
});

test('the Russian popup is Russian before any script runs, and hydrating never shows English', async () => {
  await ext.setItems([languageItem, 'ru']);
  const still = await ext.browser.newPage();
  await still.setJavaScriptEnabled(false);
  await still.goto(`chrome-extension://${ext.id}/popup-ru.html`);
  await still.bringToFront();
  expect(await still.$eval('html', (html) => html.lang)).toBe('ru');
  await still.waitForSelector(aria('searchbox', 'Поиск клиентов'));
  await still.close();

  const page = await ext.browser.newPage();
  // Every name the search box is given, from the first parse on.
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { __names: string[] }).__names = seen;
    new MutationObserver(() => {
      const name = document.querySelector('input[type="search"]')?.getAttribute('aria-label');
      if (name && seen.at(-1) !== name) seen.push(name);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(`chrome-extension://${ext.id}/popup-ru.html`);
  await page.bringToFront();
  await page.waitForSelector(aria('searchbox', 'Поиск клиентов'));
  // Hydrated: the app's effects ran (the role select is the running app's).
  await page.waitForSelector(aria('combobox', 'Роль'));
  expect(await page.evaluate(() => (window as unknown as { __names: string[] }).__names)).toEqual(['Поиск клиентов']);
  await page.close();
});
