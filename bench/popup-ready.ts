/**
 * Popup start-up against its floor: each open is a fresh tab navigated to `popup.html` or to the bench-only
 * `blank.html`, interleaved (alternating which goes first), timed inside the page from navigation start
 * (performance.now() = 0) to the moment an input is focused — the search box in the popup.
 */
import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../tests/helpers/extension';
import { KEEP_NAMES_SHIM } from './keep-names';

type Window = { __benchReady: Promise<number> };

/** Runs in the page before any of its scripts: notes when an input first gets focus, by focus() or autofocus. */
function recordFocus() {
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

async function openUntilReady(ext: ExtensionBrowser, file: string, scripts: Set<string>): Promise<number> {
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
    const ready = page.evaluate(() => (window as unknown as Window).__benchReady);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${file}: no input was focused within 15 s`)), 15_000).unref(),
    );
    return await Promise.race([ready, timeout]);
  } finally {
    await page.close();
  }
}

export interface ReadyRun {
  popupMs: number[];
  blankMs: number[];
  /** Paths of the scripts the popup fetched before it was ready, as Chromium saw them. */
  popupScripts: string[];
}

export async function measurePopupReady(ext: ExtensionBrowser, opens: number, warmUp = 2): Promise<ReadyRun> {
  const run: ReadyRun = { popupMs: [], blankMs: [], popupScripts: [] };
  const scripts = { popup: new Set<string>(), blank: new Set<string>() };
  for (let i = 0; i < warmUp + opens; i++) {
    const order = i % 2 ? (['popup', 'blank'] as const) : (['blank', 'popup'] as const);
    for (const which of order) {
      const ms = await openUntilReady(ext, `${which}.html`, scripts[which]);
      if (i >= warmUp) run[`${which}Ms`].push(ms);
    }
  }
  run.popupScripts = [...scripts.popup];
  return run;
}
