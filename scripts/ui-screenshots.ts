/**
 * Takes the README's screenshots from the real built extension against the real mock API:
 * `CD_OUT_DIR=<build> npx tsx scripts/ui-screenshots.ts` after `wxt build`. Writes docs/search.png, docs/account.png, docs/conflict.png.
 */
import { resolve } from 'node:path';
import { callApi, colleaguePatch } from '../tests/helpers/customer-desk';
import { aria, launchExtension } from '../tests/helpers/extension';
import { startMockApi } from '../tests/helpers/mock-api';

const DOCS = resolve(import.meta.dirname, '../docs');
const VIEWPORT = { width: 440, height: 680 };

const api = await startMockApi(['--seed', '200', '--seed-value', '1']);
const ext = await launchExtension({ apiUrl: api.url });
try {
  const query = 'an';
  const [customer] = (await callApi(api.url, `/customers?q=${query}&_limit=1`)).body;
  const name: string = customer.companyProfile.companyName;

  const popup = await ext.open('popup');
  await popup.setViewport(VIEWPORT);
  await popup.locator(aria('searchbox', 'Search customers')).fill(query);
  await popup.waitForSelector(aria('option', name));
  await popup.keyboard.press('ArrowDown');
  await popup.screenshot({ path: `${DOCS}/search.png` });

  // A colleague's earlier change, so the account page has some history to show.
  await colleaguePatch(api.url, `/customers/${customer.id}/purchasePermission`, { azureSavingsPlans: true });
  await popup.keyboard.press('ArrowUp');
  await popup.keyboard.press('Enter');
  await popup.waitForSelector(aria('heading', name));
  await popup.waitForSelector(aria('heading', 'Recent changes'));
  await popup.waitForSelector(aria('listitem'));
  await popup.screenshot({ path: `${DOCS}/account.png`, fullPage: true });

  await popup.locator(aria('button', 'Edit billing profile')).click();
  await popup.locator(aria('textbox', 'City')).fill('Springfield');
  await colleaguePatch(api.url, `/customers/${customer.id}/profiles/billing`, { defaultAddress: { city: 'Shelbyville' } });
  await popup.locator(aria('button', 'Submit')).click();
  await popup.waitForSelector(aria('dialog', 'This customer was changed'));
  await popup.screenshot({ path: `${DOCS}/conflict.png` });
} finally {
  await ext.close();
  await api.stop();
}
