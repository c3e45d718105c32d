/**
 * Keystroke → results in the real popup: type a query into the search box and time, inside the page, from the
 * last `input` event to the moment the listbox shows that query's first page (as the API answers it) and the
 * answer to exactly that query has arrived — so a list left over from a shorter prefix never counts.
 */
import type { ExtensionBrowser } from '@/harness/extension';
import { aria } from '@/harness/extension';
import { KEEP_NAMES_SHIM } from './keep-names';

/** Milliseconds from the last keystroke: to rendered results, and where they went. */
export interface Timing {
  total: number;
  /** Keystroke → the request for this query starts (debounce, storage reads, …). */
  toRequest: number;
  /** Request start → last byte of the answer (loopback + server). */
  request: number;
  /** Answer → the list shows it (JSON parse, state, render). */
  toRender: number;
}

type Bench = { arm: (query: string, expected: string[], timeoutMs: number) => void; result: Promise<Timing | null> };
type Window = { __bench: Bench };

/** Runs in the popup: the observer that ends each measure. */
function install() {
  let lastInput = 0;
  document.addEventListener('input', (event) => (lastInput = event.timeStamp), true);
  // An option's accessible name, near enough: its aria-label, else its text outside aria-hidden parts.
  const visibleText = (node: Node): string =>
    node instanceof Element
      ? node.getAttribute('aria-hidden') === 'true'
        ? ''
        : [...node.childNodes].map(visibleText).join('')
      : (node.textContent ?? '');
  const names = () =>
    [...document.querySelectorAll('[role="listbox"] [role="option"]')].map(
      (o) => o.getAttribute('aria-label') ?? visibleText(o).trim(),
    );
  const answer = (query: string) =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => {
        const url = new URL(e.name);
        return url.pathname.endsWith('/customers') && url.searchParams.get('q') === query;
      })
      .pop();
  const bench: Bench = {
    result: Promise.resolve(null),
    arm(query, expected, timeoutMs) {
      performance.clearResourceTimings(); // the buffer holds only 250 entries
      bench.result = new Promise((resolve) => {
        const check = () => {
          const box = document.activeElement;
          const entry = answer(query);
          if (!(box instanceof HTMLInputElement) || box.value !== query || !entry) return;
          const shown = names();
          // Named by the company name; extra text may follow it.
          if (shown.length !== expected.length || shown.some((name, i) => !name.startsWith(expected[i]))) return;
          const now = performance.now();
          done({
            total: now - lastInput,
            toRequest: entry.startTime - lastInput,
            request: entry.responseEnd - entry.startTime,
            toRender: now - entry.responseEnd,
          });
        };
        const mutations = new MutationObserver(check);
        const resources = new PerformanceObserver(check);
        const timer = setTimeout(() => done(null), timeoutMs);
        function done(timing: Timing | null) {
          mutations.disconnect();
          resources.disconnect();
          clearTimeout(timer);
          resolve(timing);
        }
        mutations.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        resources.observe({ type: 'resource' });
      });
    },
  };
  (window as unknown as Window).__bench = bench;
}

export interface TypingRun {
  timings: Timing[];
  failures: number;
  /** The browser's own floor: fetch() of the API's /health from the popup page, to the last byte. */
  fetchFloorMs: number[];
}

export async function measurePopupSearch(
  ext: ExtensionBrowser,
  apiUrl: string,
  queries: readonly string[],
  firstPages: ReadonlyMap<string, string[]>,
): Promise<TypingRun> {
  const page = await ext.open('popup');
  const run: TypingRun = { timings: [], failures: 0, fetchFloorMs: [] };
  try {
    await page.bringToFront();
    const box = await page.waitForSelector(aria('searchbox', 'Search customers'));
    await page.evaluate(KEEP_NAMES_SHIM);
    await page.evaluate(install);
    run.fetchFloorMs = await page.evaluate(async (url) => {
      const ms: number[] = [];
      for (let i = 0; i < 50; i++) {
        const started = performance.now();
        await (await fetch(url)).text();
        ms.push(performance.now() - started);
      }
      return ms;
    }, `${apiUrl}/health`);
    for (const query of queries) {
      const expected = firstPages.get(query);
      if (!expected?.length) continue;
      // Start each query from an empty box (Escape clears it) and an empty list.
      await box!.focus();
      await page.keyboard.press('Escape');
      await page
        .waitForFunction(() => !document.querySelector('[role="listbox"] [role="option"]'), { timeout: 5_000 })
        .catch(() => undefined);
      await page.evaluate((q, names) => (window as unknown as Window).__bench.arm(q, names, 5_000), query, expected);
      await page.keyboard.type(query);
      const timing = await page.evaluate(() => (window as unknown as Window).__bench.result);
      if (timing) run.timings.push(timing);
      else run.failures++;
    }
  } finally {
    await page.close();
  }
  return run;
}
