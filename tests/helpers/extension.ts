/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension from `.output/chrome-mv3`.
 * Builds nothing itself: the test command runs `wxt build` first.
 */
import './node-browser';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { apiBaseItem } from '@/utils/storage';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../..', process.env.CD_OUT_DIR ?? '.output', 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The little of Chrome's page-side extension API the helpers call. */
type StorageArea = {
  get: (key: string) => Promise<Record<string, unknown>>;
  set: (values: Record<string, unknown>) => Promise<void>;
};
type ChromeGlobal = { chrome: { storage: Record<string, StorageArea> } };

/** What the helpers need of a storage item: where it is kept, and what it reads as when unset. */
type Item<T> = Pick<WxtStorageItem<T, Record<string, never>>, 'key' | 'fallback'>;
/** A storage item (from utils/storage.ts or utils/drafts.ts) and the value to give it. */
export type ItemValues<T extends unknown[]> = { [I in keyof T]: readonly [item: Item<T[I]>, value: NoInfer<T[I]>] };

/** `local:role` → the area `local` and the key `role`, as the extension's storage API names them. */
function areaAndKey(item: Item<unknown>): [area: string, key: string] {
  const colon = item.key.indexOf(':');
  return [item.key.slice(0, colon), item.key.slice(colon + 1)];
}

export interface ExtensionBrowser {
  browser: Browser;
  id: string;
  open: (page: 'popup' | 'sidepanel' | 'options' | string) => Promise<Page>;
  /** Writes storage items as the extension itself would, e.g. `setItems([roleItem, 'sales-agent'])`. */
  setItems: <T extends unknown[]>(...items: ItemValues<T>) => Promise<void>;
  /** An item's value as the extension sees it now (its fallback when unset), read in `page` or a page of its own. */
  readItem: <T>(item: Item<T>, page?: Page) => Promise<T>;
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
  /** Runs `task` in `page`, or in an extension page of its own opened for it. */
  async function inPage<T>(page: Page | undefined, task: (page: Page) => Promise<T>): Promise<T> {
    const own = page ?? (await open('popup'));
    try {
      return await task(own);
    } finally {
      if (!page) await own.close();
    }
  }
  const setItems = <T extends unknown[]>(...items: ItemValues<T>) =>
    inPage(undefined, async (page) => {
      for (const [item, value] of items) {
        const [area, key] = areaAndKey(item);
        // In the page, Chrome's extension API is the `chrome` global.
        await page.evaluate(
          (a, k, v) => (globalThis as unknown as ChromeGlobal).chrome.storage[a].set({ [k]: v }),
          area,
          key,
          value,
        );
      }
    });
  const readItem = <T>(item: Item<T>, page?: Page) =>
    inPage(page, async (own) => {
      const [area, key] = areaAndKey(item);
      const stored = await own.evaluate(
        (a, k) => (globalThis as unknown as ChromeGlobal).chrome.storage[a].get(k).then((values) => values[k]),
        area,
        key,
      );
      return (stored ?? item.fallback) as T;
    });
  if (options.apiUrl) await setItems([apiBaseItem, options.apiUrl]);

  return {
    browser,
    id,
    open,
    setItems,
    readItem,
    close: async () => {
      await browser.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Puppeteer's ARIA selector: by role and accessible name, never by CSS. */
export const aria = (role: string, name?: string) =>
  `::-p-aria([role="${role}"]${name === undefined ? '' : `[name="${name}"]`})`;
