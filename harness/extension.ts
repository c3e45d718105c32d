/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension from `.output/chrome-mv3`, and what every
 * browser's launcher shares once the extension runs (Firefox's is firefox.ts).
 * Builds nothing itself: the test command runs `wxt build` first (the bench and the screenshots build their own).
 */
import './node-browser';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { apiBaseItem } from '@/services/storage';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', process.env.CD_OUT_DIR ?? '.output', 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The little of the page-side extension API the helpers call. */
type StorageArea = {
  get: (key: string) => Promise<Record<string, unknown>>;
  set: (values: Record<string, unknown>) => Promise<void>;
};
type StorageApi = { storage: Record<string, StorageArea> };
/** Firefox's promise-based API is `browser` (its `chrome` wants callbacks); Chrome's is `chrome`. */
type ExtensionGlobals = { browser?: StorageApi; chrome: StorageApi };

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
  /** Another built Chrome extension than EXTENSION_DIR (the bench's copy with its blank page, a copy granting more). */
  extensionDir?: string;
  lang?: string;
  /** A profile to reuse (and keep) across launches, to test what survives a browser restart. */
  userDataDir?: string;
  /**
   * Load the extension by `--load-extension` rather than puppeteer's CDP call: a machine policy reaches only such an
   * extension's storage.managed (managed-policy.ts).
   */
  fromCommandLine?: boolean;
}

/** The profile to launch with: the caller's, or a fresh one that `remove` deletes. */
export function profileFor(options: LaunchOptions, browserName: string) {
  const dir = options.userDataDir ?? mkdtempSync(join(tmpdir(), `customer-desk-${browserName}-`));
  const remove = () => {
    if (!options.userDataDir) rmSync(dir, { recursive: true, force: true });
  };
  return { dir, remove };
}

/**
 * A copy of the Chromium build whose manifest grants `origins` at install: what the agent would have granted when
 * asked (headless Chromium cannot answer the browser's own permission prompt). Removed with the folder it is in.
 */
export function buildGranting(origins: string[]): string {
  requireBuild(EXTENSION_DIR, 'npm run build');
  const dir = join(mkdtempSync(join(tmpdir(), 'customer-desk-granted-')), 'chrome-mv3');
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...origins];
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return dir;
}

/** Fails with the command to run when the build a launcher installs is missing. */
export function requireBuild(dir: string, command: string) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No built extension at ${dir}: run ${command} first.`);
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  requireBuild(dir, 'npm run build');
  const profile = profileFor(options, 'chromium');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    ...(options.fromCommandLine ? { ignoreDefaultArgs: ['--disable-extensions'] } : { enableExtensions: [dir] }),
    userDataDir: profile.dir,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.lang ? [`--lang=${options.lang}`, `--accept-lang=${options.lang}`] : []),
      ...(options.fromCommandLine ? [`--load-extension=${dir}`, `--disable-extensions-except=${dir}`] : []),
    ],
    env: options.lang
      ? { ...process.env, LANGUAGE: options.lang, LANG: `${options.lang}_${options.lang.toUpperCase()}.UTF-8` }
      : process.env,
  });
  const worker = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
  );
  const id = new URL(worker.url()).host;
  return extensionBrowser({
    browser,
    id,
    origin: `chrome-extension://${id}`,
    apiUrl: options.apiUrl,
    close: async () => {
      await browser.close();
      profile.remove();
    },
  });
}

/** What a launcher hands over: the browser with the extension running, and where the extension's pages are. */
export interface LaunchedExtension {
  browser: Browser;
  id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  origin: string;
  apiUrl?: string;
  /** Shows `url` in a new tab; by default `page.goto`. */
  load?: (page: Page, url: string) => Promise<unknown>;
  close: () => Promise<void>;
}

/** The steps every browser shares once the extension runs: opening its pages, reading and writing its storage. */
export async function extensionBrowser({
  browser,
  id,
  origin,
  apiUrl,
  load = (page, url) => page.goto(url),
  close,
}: LaunchedExtension): Promise<ExtensionBrowser> {
  const open = async (name: string) => {
    const page = await browser.newPage();
    await load(page, `${origin}/${name.includes('.') ? name : `${name}.html`}`);
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
        await page.evaluate(
          (a, k, v) => {
            const { browser, chrome } = globalThis as unknown as ExtensionGlobals;
            return (browser ?? chrome).storage[a].set({ [k]: v });
          },
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
        (a, k) => {
          const { browser, chrome } = globalThis as unknown as ExtensionGlobals;
          return (browser ?? chrome).storage[a].get(k).then((values) => values[k]);
        },
        area,
        key,
      );
      return (stored ?? item.fallback) as T;
    });
  if (apiUrl) await setItems([apiBaseItem, apiUrl]);
  return { browser, id, open, setItems, readItem, close };
}

/** Puppeteer's ARIA selector: by role and accessible name, never by CSS. */
export const aria = (role: string, name?: string) =>
  `::-p-aria([role="${role}"]${name === undefined ? '' : `[name="${name}"]`})`;
