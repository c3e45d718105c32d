/**
 * `npm run screenshots`: README pictures from the real extension — built here, loaded in Chromium, talking to the
 * mock API with deterministic seed data — in light and dark themes: the popup (first open, search), the account page,
 * a form with an error, the purchase-permission and conflict dialogs, the side panel and the options page (also as an
 * organisation's policy sets it: for that, Chromium starts once more under a machine policy, written for that run
 * only); and the mock API's own reference at /docs. Writes docs/screenshots/<view>-<theme>.png and api-docs.png.
 */
import '@/harness/node-browser';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { currentCustomerItem, recentCustomersItem, searchQueryItem } from '@/services/storage';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/screenshots');
// Its own build folder, so it never races a developer's or the tests' build.
process.env.CD_OUT_DIR ??= '.output-screenshots';
execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });

// Imported after CD_OUT_DIR is set: the helper reads it when loaded.
const { aria, launchExtension } = await import('@/harness/extension');
const { startApi } = await import('@/harness/mock-api');
const { callApi, colleaguePatch, waitForLiveText } = await import('@/harness/customer-desk');
const { launchChromiumWithPolicy } = await import('@/harness/managed-policy');

const api = await startApi({ seed: 300, seedValue: 2026 });
const ext = await launchExtension({ apiUrl: api.url });
mkdirSync(OUT, { recursive: true });
const QUERY = 'co';
const [customer] = (await callApi(api.url, `/customers?q=${QUERY}&_limit=1`)).body;
const company: string = customer.companyProfile.companyName;
const billingPath = `/customers/${customer.id}/profiles/billing`;
const POPUP = { width: 420, height: 600 };

async function view(
  name: string,
  size: { width: number; height: number },
  theme: 'light' | 'dark',
  from: typeof ext = ext,
): Promise<Page> {
  const page = await from.open(name);
  await page.setViewport(size);
  await page.emulateMediaFeatures([
    { name: 'prefers-color-scheme', value: theme },
    // Still pictures: no dialog caught halfway through its entrance.
    { name: 'prefers-reduced-motion', value: 'reduce' },
  ]);
  return page;
}

async function shoot(page: Page, file: string) {
  // Nothing focused or hovered: the pictures show the page, not the script's last click.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await page.screenshot({ path: resolve(OUT, file) });
  console.log(`docs/screenshots/${file}`);
}

/** The account page's billing form: opened, an edit typed, the page left for the next picture without a draft. */
async function withBillingForm(page: Page, edit: () => Promise<void>) {
  await page.locator(aria('button', 'Edit billing profile')).click();
  await edit();
  await page.locator(aria('button', 'Cancel')).click();
  await page.waitForSelector(aria('button', 'Edit billing profile'));
}

/** The mock API's reference (Swagger UI at /docs), its filter narrowing it to the billing profile's operations. */
async function apiDocs() {
  const page = await ext.browser.newPage();
  await page.setViewport({ width: 1200, height: 860 });
  await page.goto(`${api.url}/docs`);
  await page.waitForFunction(() => document.querySelectorAll('.opblock').length > 20);
  await page.locator('.operation-filter-input').fill('billing');
  await page.waitForFunction(() => document.querySelectorAll('.opblock').length < 10);
  await shoot(page, 'api-docs.png');
  await page.close();
}

try {
  await apiDocs();
  for (const theme of ['light', 'dark'] as const) {
    await ext.setItems([currentCustomerItem, null], [searchQueryItem, ''], [recentCustomersItem, []]);
    const popup = await view('popup', POPUP, theme);
    await popup.waitForSelector(aria('searchbox', 'Search customers'));
    await popup.waitForSelector('.empty-state');
    await shoot(popup, `popup-empty-${theme}.png`);

    await popup.locator(aria('searchbox', 'Search customers')).fill(QUERY);
    await popup.waitForSelector(aria('option', company));
    await shoot(popup, `popup-search-${theme}.png`);

    await popup.locator(aria('option', company)).click();
    await popup.waitForSelector(aria('heading', 'Recent changes'));
    await shoot(popup, `account-${theme}.png`);

    await popup.locator(aria('switch', 'Allow purchase of Azure reservations')).click();
    await popup.waitForSelector(aria('button', 'Turn on'));
    await shoot(popup, `permission-${theme}.png`);
    await popup.keyboard.press('Escape');

    await withBillingForm(popup, async () => {
      await popup.locator(aria('textbox', 'Email')).fill('not-an-email');
      await popup.locator(aria('button', 'Submit')).click();
      await waitForLiveText(popup, 'Check the marked fields.');
      await shoot(popup, `form-error-${theme}.png`);
    });

    // A colleague saves the city and the suite while the agent edits both: the conflict dialog, one field chosen.
    await withBillingForm(popup, async () => {
      await popup.locator(aria('textbox', 'City')).fill('Springfield');
      await popup.locator(aria('textbox', 'Address line 2')).fill('Suite 1200');
      await colleaguePatch(api.url, billingPath, {
        defaultAddress: { city: `Springdale ${theme}`, addressLine2: 'Suite 1400' },
      });
      await popup.locator(aria('button', 'Submit')).click();
      const dialog = aria('dialog', 'This customer was changed');
      await popup.locator(`${dialog} >>> ${aria('group', 'City')} >>> ${aria('radio', 'Use theirs')}`).click();
      await shoot(popup, `conflict-${theme}.png`);
      await popup.keyboard.press('Escape');
    });
    await popup.close();

    const panel = await view('sidepanel', { width: 400, height: 900 }, theme);
    await panel.waitForSelector(aria('heading', 'Recent changes'));
    await shoot(panel, `sidepanel-${theme}.png`);
    await panel.close();

    const options = await view('options', { width: 720, height: 520 }, theme);
    await options.locator(aria('button', 'Test connection')).click();
    await waitForLiveText(options, 'Connected');
    await shoot(options, `options-${theme}.png`);
    await options.close();
  }
  await managedOptions();
} finally {
  await ext.close();
  await api.stop();
}

/** The options page as the organisation's IT set it: the Partner Center connection locked, one setting ignored. */
async function managedOptions() {
  const { ext: managed } = await launchChromiumWithPolicy({
    connection: 'partnerCenter',
    apiAddress: 'https://api.partnercenter.microsoft.com',
    signInAddress: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    applicationId: '1950a258-227b-4e31-a9cf-717495945fc2',
    language: 'tlh',
  });
  try {
    for (const theme of ['light', 'dark'] as const) {
      const options = await view('options', { width: 720, height: 640 }, theme, managed);
      await waitForLiveText(options, 'is ignored');
      await shoot(options, `options-managed-${theme}.png`);
      await options.close();
    }
  } finally {
    await managed.close();
  }
}
