/**
 * Enter → account in the real popup: search a customer by its company name, let the list settle with it active (as
 * an agent reads the list), press Enter and time, inside the page, until the account shows the customer's whole data
 * (its address, which the list's summaries do not carry). The popup reads the active option's customer before Enter
 * (services/customer-prefetch.ts); this is what that buys.
 */
import type { CustomerSummary } from '@/domain/schemas';
import { aria, type ExtensionBrowser } from '@/harness/extension';
import type { HttpClient } from './http-client';
import { KEEP_NAMES_SHIM } from './keep-names';

export interface OpenRun {
  ms: number[];
  failures: number;
}

/** How long an agent looks at the list before Enter: long enough for a read of the active option to arrive. */
const READING_MS = 150;

type Window = { __opened: Promise<number | null> };

/** Runs in the popup: resolves with Enter → `text` shown, or null after `timeoutMs`. */
function arm(text: string, timeoutMs: number) {
  (window as unknown as Window).__opened = new Promise((resolve) => {
    let enter = 0;
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter') enter = performance.now();
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver(() => {
      if (!enter || !document.body.textContent?.includes(text)) return;
      observer.disconnect();
      resolve(performance.now() - enter);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, timeoutMs);
  });
}

export async function measureOpenAccount(
  ext: ExtensionBrowser,
  api: HttpClient,
  customers: readonly CustomerSummary[],
  opens: number,
): Promise<OpenRun> {
  const page = await ext.open('popup');
  const run: OpenRun = { ms: [], failures: 0 };
  const step = Math.max(1, Math.floor(customers.length / opens));
  try {
    await page.bringToFront();
    await page.evaluate(KEEP_NAMES_SHIM);
    for (let i = 0; i < opens && i * step < customers.length; i++) {
      const { companyName } = customers[i * step].companyProfile;
      const box = await page.waitForSelector(aria('searchbox', 'Search customers'));
      await box!.click({ count: 3 });
      await page.keyboard.type(companyName);
      const active = await page
        .waitForFunction(
          (name) => {
            const option = document.querySelector('[role="listbox"] [role="option"][aria-selected="true"]');
            return option?.textContent?.startsWith(name) ? option.id : null;
          },
          { timeout: 5_000 },
          companyName,
        )
        .then((handle) => handle.jsonValue())
        .catch(() => null);
      const id = active ? /^customer-(.+)$/.exec(active)?.[1] : undefined;
      const whole = id ? await api.request('GET', `/customers/${id}`) : null;
      if (whole?.status !== 200) {
        run.failures++;
        continue;
      }
      await new Promise((done) => setTimeout(done, READING_MS));
      // Armed and awaited apart from Enter: an evaluate still in flight may run after the key.
      await page.evaluate(arm, JSON.parse(whole.body).billingProfile.defaultAddress.addressLine1, 5_000);
      await page.keyboard.press('Enter');
      const ms = await page.evaluate(() => (window as unknown as Window).__opened);
      if (ms === null) run.failures++;
      else run.ms.push(ms);
    }
  } finally {
    await page.close();
  }
  return run;
}
