import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { textOf } from '@/harness/customer-desk';
import { aria, type ExtensionBrowser, launchExtension } from '@/harness/extension';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { currentCustomerItem, roleItem, searchQueryItem } from '@/services/storage';

let api: InProcessApi;
let ext: ExtensionBrowser;
let company: string;
let domain: string;

beforeAll(async () => {
  api = await startApi({ seed: 50, seedValue: 7 });
  ext = await launchExtension({ apiUrl: api.url });
  const [first] = (await api.call('/customers?_limit=1')).body;
  company = first.companyProfile.companyName;
  domain = first.companyProfile.domain;
});

beforeEach(() => ext.setItems([roleItem, 'admin-agent'], [currentCustomerItem, null], [searchQueryItem, '']));

afterAll(async () => {
  await ext?.close();
  await api?.stop();
});

test('typing part of a company name lists it; choosing it shows its account', async () => {
  const popup = await ext.open('popup');
  const search = await popup.waitForSelector(aria('searchbox', 'Search customers'));
  await search!.type(company.slice(0, 6));
  await popup.locator(aria('option', company)).click();
  await popup.waitForSelector(aria('heading', company));
  // The account page shows what only the API's copy of that customer holds.
  expect(await textOf(popup, 'main')).toContain(domain);
  await popup.close();
});

test('a role chosen in the popup shows at once in an open side panel', async () => {
  const panel = await ext.open('sidepanel');
  const panelRole = await panel.waitForSelector(aria('combobox', 'Role'));
  expect(await panelRole!.evaluate((s) => (s as HTMLSelectElement).value)).toBe('admin-agent');

  const popup = await ext.open('popup');
  await popup.locator(aria('combobox', 'Role')).fill('sales-agent');
  await panel.bringToFront();
  await panel.waitForFunction((el) => (el as HTMLSelectElement).value === 'sales-agent', {}, panelRole);
  const shown = await panelRole!.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].textContent);
  expect(shown).toBe('Sales agent');
  await popup.close();
  await panel.close();
});

test('the chosen role survives a browser restart', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'customer-desk-profile-'));
  try {
    const first = await launchExtension({ apiUrl: api.url, userDataDir: profile });
    const popup = await first.open('popup');
    await popup.locator(aria('combobox', 'Role')).fill('helpdesk-agent');
    // Wait until the choice is in extension storage before the browser goes away.
    await expect.poll(() => first.readItem(roleItem, popup)).toBe('helpdesk-agent');
    await first.close();

    const second = await launchExtension({ userDataDir: profile });
    const again = await second.open('popup');
    const role = await again.waitForSelector(aria('combobox', 'Role'));
    await again.waitForFunction((el) => (el as HTMLSelectElement).value === 'helpdesk-agent', {}, role);
    expect(await role!.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('Helpdesk agent');
    await second.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
