/**
 * Real Firefox (Debian's /usr/bin/firefox-esr) driven over WebDriver BiDi, with the built add-on from
 * `.output/firefox-mv2` (the store build, unchanged) installed temporarily. Builds nothing itself: the test command
 * runs `wxt build -b firefox` first.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import puppeteer, { type Page } from 'puppeteer-core';
import { type ExtensionBrowser, extensionBrowser, type LaunchOptions, profileFor, requireBuild } from './extension';

export const FIREFOX_ADDON_DIR = resolve(import.meta.dirname, '..', process.env.CD_OUT_DIR ?? '.output', 'firefox-mv2');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on's internal UUID (Firefox picks a random one per profile), fixed so its pages have a known address. */
const ADDON_UUID = '6f1c2b7e-4d0a-4e8b-9c35-1a2b3c4d5e6f';

/** English only: Debian's firefox-esr carries the en-US UI; the others are its firefox-esr-l10n-* packages. */
export async function launchFirefoxExtension(options: Omit<LaunchOptions, 'lang'> = {}): Promise<ExtensionBrowser> {
  requireBuild(FIREFOX_ADDON_DIR, 'npm run build:firefox');
  const geckoId: string = JSON.parse(readFileSync(join(FIREFOX_ADDON_DIR, 'manifest.json'), 'utf8'))
    .browser_specific_settings.gecko.id;
  const profile = profileFor(options, 'firefox');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile.dir,
    // WebDriver BiDi navigates a tab to an add-on's page (moz-extension:) only with system access allowed; without
    // it the pages would have to be web-accessible, i.e. a manifest that differs from the store build's.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: ADDON_UUID }) },
  });
  const id = await browser.installExtension(FIREFOX_ADDON_DIR);
  return extensionBrowser({
    browser,
    id,
    origin: `moz-extension://${ADDON_UUID}`,
    apiUrl: options.apiUrl,
    load: showAddonPage,
    close: async () => {
      await browser.close();
      profile.remove();
    },
  });
}

/**
 * Firefox commits the navigation to an add-on's page but reports no `load` for it over BiDi, so `goto` would wait
 * until its timeout: start it without waiting (it settles when the tab closes) and poll for the loaded document.
 * A poll can land in the blank page as it goes away, which Firefox answers with an error (not one puppeteer's own
 * waits retry on): that too means "not yet".
 */
async function showAddonPage(page: Page, url: string, timeoutMs = 30_000) {
  page.goto(url).catch(() => {});
  const loaded = (u: string) => location.href === u && document.readyState === 'complete';
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await setTimeout(50)) {
    if (await page.evaluate(loaded, url).catch(() => false)) return;
  }
  throw new Error(`${url} did not load in ${timeoutMs} ms`);
}

/** The little of Firefox's page-side API the sidebar helpers call (not in Chrome's typings). */
type FirefoxGlobals = {
  browser: {
    sidebarAction: { isOpen: (details: object) => Promise<boolean>; close: () => Promise<void> };
    extension: { getViews: (filter: { type: 'sidebar' }) => Window[] };
  };
};

/** Whether this window's sidebar shows the add-on, asked from one of its pages. */
export const sidebarIsOpen = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as FirefoxGlobals).browser.sidebarAction.isOpen({}));

/** What the sidebar shows, read from another of the add-on's pages: the sidebar is browser UI, not a tab BiDi drives. */
export const sidebarText = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as FirefoxGlobals).browser.extension
      .getViews({ type: 'sidebar' })
      .map((view) => view.document.body.textContent)
      .join('\n'),
  );

/**
 * Closes the sidebar (Firefox opens it when the add-on is installed). Firefox allows that only during a user's
 * gesture, so the next click on `target` (a selector by role and name) closes it, and goes no further.
 */
export async function closeSidebar(page: Page, target: string) {
  await page.evaluate(() =>
    addEventListener(
      'click',
      (event) => {
        event.stopPropagation();
        void (globalThis as unknown as FirefoxGlobals).browser.sidebarAction.close();
      },
      { capture: true, once: true },
    ),
  );
  await page.locator(target).click();
  await page.waitForFunction(() =>
    (globalThis as unknown as FirefoxGlobals).browser.sidebarAction.isOpen({}).then((open) => !open),
  );
}
