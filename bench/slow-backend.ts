/**
 * What the agent sees on a slow backend (the API started with `--latency 300-900`, as Partner Center answers), in the
 * real popup: Enter → the account's first content (its name, from the search result) and → the whole account (its
 * address, which only the whole read carries); Submit of a billing edit → "Billing profile saved.". Each is timed
 * inside the page, from the key or click to the text appearing. Keystroke → results is popup-search.ts's measure.
 */
import type { CustomerSummary } from '@/domain/schemas';
import { aria, type ExtensionBrowser } from '@/harness/extension';
import { KEEP_NAMES_SHIM } from './keep-names';

export interface SlowOpen {
  firstMs: number[];
  wholeMs: number[];
  failures: number;
}

/** How long an agent looks at the list before Enter: shorter than a slow read, so Enter often meets it in flight. */
const READING_MS = 150;
const TIMEOUT_MS = 10_000;

type Window = { __slow: Promise<{ first: number; whole: number } | null> };

/** Runs in the popup: Enter (or a click on `clickText`'s button) → a level-2 heading `first`, then `whole` shown. */
function arm(first: string, whole: string, timeoutMs: number) {
  (window as unknown as Window).__slow = new Promise((resolve) => {
    let start = 0;
    let firstAt = 0;
    const began = () => {
      start ||= performance.now();
    };
    document.addEventListener('keydown', (e) => e.key === 'Enter' && began(), { capture: true, once: true });
    const check = () => {
      if (!start) return;
      const heading = [...document.querySelectorAll('h2')].some((h) => h.textContent === first);
      if (heading && !firstAt) firstAt = performance.now();
      if (!firstAt || !document.body.textContent?.includes(whole)) return;
      observer.disconnect();
      resolve({ first: firstAt - start, whole: performance.now() - start });
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, timeoutMs);
  });
}

/** Opens `opens` customers by their company name and Enter, each from a fresh search. */
export async function measureSlowOpen(
  ext: ExtensionBrowser,
  customers: readonly CustomerSummary[],
  whole: (id: string) => Promise<{ addressLine1: string }>,
  opens: number,
): Promise<SlowOpen> {
  const page = await ext.open('popup');
  const run: SlowOpen = { firstMs: [], wholeMs: [], failures: 0 };
  try {
    await page.bringToFront();
    await page.evaluate(KEEP_NAMES_SHIM);
    for (const customer of customers.slice(0, opens)) {
      const { companyName } = customer.companyProfile;
      const { addressLine1 } = await whole(customer.id);
      const box = await page.waitForSelector(aria('searchbox', 'Search customers'));
      await box!.click({ count: 3 });
      await page.keyboard.type(companyName);
      const active = await page
        .waitForFunction(
          (name) =>
            document
              .querySelector('[role="listbox"] [role="option"][aria-selected="true"]')
              ?.textContent?.startsWith(name),
          { timeout: TIMEOUT_MS, polling: 20 },
          companyName,
        )
        .catch(() => null);
      if (!active) {
        run.failures++;
        continue;
      }
      await new Promise((done) => setTimeout(done, READING_MS));
      await page.evaluate(arm, companyName, addressLine1, TIMEOUT_MS);
      await page.keyboard.press('Enter');
      const timing = await page.evaluate(() => (window as unknown as Window).__slow);
      if (!timing) run.failures++;
      else {
        run.firstMs.push(timing.first);
        run.wholeMs.push(timing.whole);
      }
    }
  } finally {
    await page.close();
  }
  return run;
}

type SaveWindow = { __saved: Promise<number | null> };

/** Runs in the popup: the next click on Submit → the status says the profile was saved. */
function armSave(saved: string, timeoutMs: number) {
  (window as unknown as SaveWindow).__saved = new Promise((resolve) => {
    let start = 0;
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as HTMLElement).closest('button')?.textContent === 'Submit') start = performance.now();
      },
      { capture: true },
    );
    const observer = new MutationObserver(() => {
      const said = [...document.querySelectorAll('[role="status"]')].some((s) => s.textContent?.includes(saved));
      if (!start || !said) return;
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, timeoutMs);
  });
}

/** Submit → "Billing profile saved." for a new city on `saves` customers (the address check, then the write). */
export async function measureSlowSave(
  ext: ExtensionBrowser,
  customers: readonly CustomerSummary[],
  saves: number,
): Promise<{ ms: number[]; failures: number }> {
  const run = { ms: [] as number[], failures: 0 };
  for (const [i, customer] of customers.slice(0, saves).entries()) {
    const page = await ext.open('popup');
    try {
      await page.evaluate(KEEP_NAMES_SHIM);
      const name = customer.companyProfile.companyName;
      await page.locator(aria('searchbox', 'Search customers')).fill(name);
      await page.locator(aria('option', name)).setTimeout(TIMEOUT_MS).click();
      await page.locator(aria('button', 'Edit billing profile')).setTimeout(TIMEOUT_MS).click();
      await page.locator(aria('textbox', 'City')).setTimeout(TIMEOUT_MS).fill(`Slowtown ${i}`);
      await page.evaluate(armSave, 'Billing profile saved.', TIMEOUT_MS);
      await page.locator(aria('button', 'Submit')).click();
      const ms = await page.evaluate(() => (window as unknown as SaveWindow).__saved);
      if (ms === null) run.failures++;
      else run.ms.push(ms);
    } catch {
      run.failures++;
    } finally {
      await page.close();
    }
  }
  return run;
}
