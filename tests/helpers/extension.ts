/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension from `.output/chrome-mv3`.
 * Builds nothing itself: the test command runs `wxt build` first.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../..', process.env.CD_OUT_DIR ?? '.output', 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The little of Chrome's page-side extension API the helpers call. */
type ChromeGlobal = { chrome: { storage: { local: { set: (values: Record<string, unknown>) => Promise<void> } } } };

export interface ExtensionBrowser {
  browser: Browser;
  id: string;
  open: (page: 'popup' | 'sidepanel' | 'options' | string) => Promise<Page>;
  /** Writes extension storage (`local:` items) as the extension itself would. */
  setStorage: (values: Record<string, unknown>) => Promise<void>;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  apiUrl?: string;
  lang?: string;
  /** A profile to reuse (and keep) across launches, to test what survives a browser restart. */
  userDataDir?: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No built extension at ${EXTENSION_DIR}: run npm run build first.`);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'customer-desk-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [EXTENSION_DIR],
    userDataDir,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.lang ? [`--lang=${options.lang}`, `--accept-lang=${options.lang}`] : []),
    ],
    env: options.lang
      ? { ...process.env, LANGUAGE: options.lang, LANG: `${options.lang}_${options.lang.toUpperCase()}.UTF-8` }
      : process.env,
  });
  const worker = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
  );
  const id = new URL(worker.url()).host;

  const open = async (name: string) => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${id}/${name.includes('.') ? name : `${name}.html`}`);
    await page.bringToFront();
    return page;
  };
  const setStorage = async (values: Record<string, unknown>) => {
    const page = await open('popup');
    // In the page, Chrome's extension API is the `chrome` global.
    await page.evaluate((v) => (globalThis as unknown as ChromeGlobal).chrome.storage.local.set(v), values);
    await page.close();
  };
  if (options.apiUrl) await setStorage({ apiBase: options.apiUrl });

  return {
    browser,
    id,
    open,
    setStorage,
    close: async () => {
      await browser.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Puppeteer's ARIA selector: by role and accessible name, never by CSS. */
export const aria = (role: string, name?: string) =>
  `::-p-aria([role="${role}"]${name === undefined ? '' : `[name="${name}"]`})`;
