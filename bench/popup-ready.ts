/**
 * Popup start-up against its floor: each open is a fresh tab navigated to `popup.html` or to the bench-only
 * `blank.html`, in pairs one right after the other (alternating which goes first), timed inside the page from
 * navigation start (performance.now() = 0) to the moment an input is focused — the search box in the popup. Each
 * pair gives a ratio, popup ÷ blank: on a busy machine both opens of a pair meet about the same load, so the median of
 * the ratios is steadier than a ratio of medians. The popup's content (the account or a list, rendered by the running
 * app after its prerendered first render) is timed too.
 */
import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '@/harness/extension';
import { KEEP_NAMES_SHIM } from './keep-names';

type Window = { __benchReady: Promise<number>; __benchContent: Promise<number> };

/**
 * Runs in the page before any of its scripts: notes when an input first gets focus, by focus() or autofocus, and
 * when the main area first holds an element (the popup's app has rendered its view; the blank page has none).
 */
function recordFocus() {
  (window as unknown as Window).__benchContent = new Promise((resolve) => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('main > *')) return;
      observer.disconnect();
      resolve(performance.now());
    }).observe(document, { childList: true, subtree: true });
  });
  (window as unknown as Window).__benchReady = new Promise((resolve) => {
    const check = () => {
      if (document.activeElement instanceof HTMLInputElement) resolve(performance.now());
    };
    document.addEventListener('focusin', check, true);
    const focus = HTMLElement.prototype.focus;
    HTMLElement.prototype.focus = function (this: HTMLElement, ...args: Parameters<HTMLElement['focus']>) {
      focus.apply(this, args);
      check();
    };
  });
}

interface Open {
  readyMs: number;
  contentMs: number | null;
}

async function openUntilReady(ext: ExtensionBrowser, file: string, scripts: Set<string>): Promise<Open> {
  const page: Page = await ext.browser.newPage();
  try {
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.host === ext.id && url.pathname.endsWith('.js')) scripts.add(url.pathname);
    });
    await page.bringToFront();
    await page.evaluateOnNewDocument(KEEP_NAMES_SHIM);
    await page.evaluateOnNewDocument(recordFocus);
    await page.goto(`chrome-extension://${ext.id}/${file}`);
    const within = <T>(what: string, promise: Promise<T>) =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`${file}: no ${what} within 15 s`)), 15_000).unref(),
        ),
      ]);
    const readyMs = await within(
      'input was focused',
      page.evaluate(() => (window as unknown as Window).__benchReady),
    );
    const contentMs =
      file !== 'blank.html'
        ? await within(
            'content in the main area',
            page.evaluate(() => (window as unknown as Window).__benchContent),
          )
        : null;
    return { readyMs, contentMs };
  } finally {
    await page.close();
  }
}

export interface ReadyRun {
  popupMs: number[];
  blankMs: number[];
  /** popup ÷ blank, one per pair of opens made one right after the other. */
  ratios: number[];
  /** When the popup's app had rendered its view (the account or a list) into the prerendered page. */
  contentMs: number[];
  /** Paths of the scripts the popup fetched before it was ready, as Chromium saw them. */
  popupScripts: string[];
}

/** `popupFile`: the popup page the browser opens (`popup-ru.html` for a Russian agent, modules/prerender/pages.ts). */
export async function measurePopupReady(
  ext: ExtensionBrowser,
  pairs: number,
  warmUp = 2,
  popupFile = 'popup.html',
): Promise<ReadyRun> {
  const run: ReadyRun = { popupMs: [], blankMs: [], ratios: [], contentMs: [], popupScripts: [] };
  const scripts = { popup: new Set<string>(), blank: new Set<string>() };
  for (let i = 0; i < warmUp + pairs; i++) {
    const order = i % 2 ? (['popup', 'blank'] as const) : (['blank', 'popup'] as const);
    const pair: Partial<Record<'popup' | 'blank', Open>> = {};
    for (const which of order)
      pair[which] = await openUntilReady(ext, which === 'popup' ? popupFile : 'blank.html', scripts[which]);
    if (i < warmUp) continue;
    const { popup, blank } = pair as Record<'popup' | 'blank', Open>;
    run.popupMs.push(popup.readyMs);
    run.blankMs.push(blank.readyMs);
    run.ratios.push(popup.readyMs / blank.readyMs);
    run.contentMs.push(popup.contentMs!);
  }
  run.popupScripts = [...scripts.popup];
  return run;
}
