/**
 * Keystroke → results in the real popup: type a query into the search box and time, inside the page, from the
 * last `input` event to the moment the listbox shows that query's first page (as the API answers it) and the
 * answer to exactly that query has arrived — so a list left over from a shorter prefix never counts.
 */
import type { ExtensionBrowser } from '../tests/helpers/extension';
import { aria } from '../tests/helpers/extension';
import { KEEP_NAMES_SHIM } from './keep-names';

type Bench = { arm: (query: string, expected: string[], timeoutMs: number) => void; result: Promise<number | null> };
type Window = { __bench: Bench };

/** Runs in the popup: the observer that ends each measure. */
function install() {
  let lastInput = 0;
  document.addEventListener('input', (event) => (lastInput = event.timeStamp), true);
  const names = () => [...document.querySelectorAll('[role="listbox"] [role="option"]')].map((o) => o.getAttribute('aria-label') ?? o.textContent?.trim() ?? '');
  const answered = (query: string) =>
    performance.getEntriesByType('resource').some((e) => {
      const url = new URL(e.name);
      return url.pathname.endsWith('/customers') && url.searchParams.get('q') === query;
    });
  const bench: Bench = {
    result: Promise.resolve(null),
    arm(query, expected, timeoutMs) {
      performance.clearResourceTimings(); // the buffer holds only 250 entries
      bench.result = new Promise((resolve) => {
        const check = () => {
          const box = document.activeElement;
          if (!(box instanceof HTMLInputElement) || box.value !== query || !answered(query)) return;
          const shown = names();
          if (shown.length === expected.length && shown.every((name, i) => name === expected[i])) done(performance.now() - lastInput);
        };
        const mutations = new MutationObserver(check);
        const resources = new PerformanceObserver(check);
        const timer = setTimeout(() => done(null), timeoutMs);
        function done(ms: number | null) {
          mutations.disconnect();
          resources.disconnect();
          clearTimeout(timer);
          resolve(ms);
        }
        mutations.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        resources.observe({ type: 'resource' });
      });
    },
  };
  (window as unknown as Window).__bench = bench;
}

export interface TypingRun {
  ms: number[];
  failures: number;
}

export async function measurePopupSearch(ext: ExtensionBrowser, queries: readonly string[], firstPages: ReadonlyMap<string, string[]>): Promise<TypingRun> {
  const page = await ext.open('popup');
  const run: TypingRun = { ms: [], failures: 0 };
  try {
    await page.bringToFront();
    const box = await page.waitForSelector(aria('searchbox', 'Search customers'));
    await page.evaluate(KEEP_NAMES_SHIM);
    await page.evaluate(install);
    for (const query of queries) {
      const expected = firstPages.get(query);
      if (!expected?.length) continue;
      // Start each query from an empty box (Escape clears it) and an empty list.
      await box!.focus();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('[role="listbox"] [role="option"]'), { timeout: 5_000 }).catch(() => undefined);
      await page.evaluate((q, names) => (window as unknown as Window).__bench.arm(q, names, 5_000), query, expected);
      await page.keyboard.type(query);
      const ms = await page.evaluate(() => (window as unknown as Window).__bench.result);
      if (ms === null) run.failures++;
      else run.ms.push(ms);
    }
  } finally {
    await page.close();
  }
  return run;
}
