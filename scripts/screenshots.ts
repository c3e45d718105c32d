/**
 * `npm run screenshots`: README pictures from the real extension — built here, loaded in Chromium, talking to the
 * mock API with deterministic seed data — in light and dark themes: search, account page, side panel, options and the
 * conflict dialog. Writes docs/screenshots/<view>-<theme>.png.
 */
import '../tests/helpers/node-browser';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { currentCustomerItem } from '@/utils/storage';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/screenshots');
// Its own build folder, so it never races a developer's or the tests' build.
process.env.CD_OUT_DIR ??= '.output-screenshots';
execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });

// Imported after CD_OUT_DIR is set: the helper reads it when loaded.
const { aria, launchExtension } = await import('../tests/helpers/extension');
const { startMockApi } = await import('../tests/helpers/mock-api');
const { callApi, colleaguePatch, waitForLiveText } = await import('../tests/helpers/customer-desk');

const api = await startMockApi(['--seed', '300', '--seed-value', '2026']);
const ext = await launchExtension({ apiUrl: api.url });
mkdirSync(OUT, { recursive: true });
const QUERY = 'co';
const [customer] = (await callApi(api.url, `/customers?q=${QUERY}&_limit=1`)).body;
const company: string = customer.companyProfile.companyName;

async function view(name: string, size: { width: number; height: number }, theme: 'light' | 'dark'): Promise<Page> {
  const page = await ext.open(name);
  await page.setViewport(size);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
  return page;
}

async function shoot(page: Page, file: string) {
  // Nothing focused or hovered: the pictures show the page, not the test's last click.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: resolve(OUT, file) });
  console.log(`docs/screenshots/${file}`);
}

try {
  for (const theme of ['light', 'dark'] as const) {
    await ext.setItems([currentCustomerItem, null]);
    const popup = await view('popup', { width: 420, height: 560 }, theme);
    await popup.locator(aria('searchbox', 'Search customers')).fill(QUERY);
    await popup.waitForSelector(aria('option', company));
    await shoot(popup, `popup-search-${theme}.png`);

    await popup.locator(aria('option', company)).click();
    await popup.waitForSelector(aria('heading', 'Recent changes'));
    await shoot(popup, `account-${theme}.png`);
    await popup.close();

    const panel = await view('sidepanel', { width: 400, height: 900 }, theme);
    await panel.waitForSelector(aria('heading', 'Recent changes'));
    await shoot(panel, `sidepanel-${theme}.png`);
    await panel.close();

    const options = await view('options', { width: 720, height: 480 }, theme);
    await options.locator(aria('button', 'Test connection')).click();
    await waitForLiveText(options, 'Connected');
    await shoot(options, `options-${theme}.png`);
    await options.close();

    // A colleague saves the city while the agent edits it: the conflict dialog.
    const editing = await view('popup', { width: 420, height: 680 }, theme);
    await editing.locator(aria('button', 'Edit billing profile')).click();
    await editing.locator(aria('textbox', 'City')).fill('Springfield');
    await colleaguePatch(api.url, `/customers/${customer.id}/profiles/billing`, {
      defaultAddress: { city: `Shelbyville ${theme}` },
    });
    await editing.locator(aria('button', 'Submit')).click();
    await editing.waitForSelector(aria('dialog', 'This customer was changed'));
    await shoot(editing, `conflict-${theme}.png`);
    // Leave no draft behind for the next theme's pictures.
    await editing.keyboard.press('Escape');
    await editing.locator(aria('button', 'Cancel')).click();
    await editing.close();
  }
} finally {
  await ext.close();
  await api.stop();
}
