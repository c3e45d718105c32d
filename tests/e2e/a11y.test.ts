/**
 * axe-core on every view — search, account, forms (also with errors), dialogs, side panel, options — in English
 * and Russian (Chromium launched in that language, the extension following it), each view judged in the light theme
 * and again, as it stands, in the dark one (the same page: only the colours change between them).
 */
import { webDarkTheme, webLightTheme } from '@fluentui/tokens';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { colleaguePatch, someCustomers, waitForLiveText } from '@/harness/customer-desk';
import { aria, type ExtensionBrowser, launchExtension } from '@/harness/extension';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { en, type MessageKey } from '@/locales/en';
import { ru } from '@/locales/ru';
import { currentCustomerItem, searchQueryItem } from '@/services/storage';
import { violations } from '../helpers/axe';

const THEMES = { light: webLightTheme, dark: webDarkTheme } as const;
type Theme = keyof typeof THEMES;

let api: InProcessApi;
let company: { id: string; name: string };

beforeAll(async () => {
  api = await startApi({ seed: 30, seedValue: 11 });
  const [customer] = await someCustomers(api.url, 1);
  company = { id: customer.id, name: customer.companyProfile.companyName };
});

afterAll(async () => {
  await api?.stop();
});

const wear = (page: Page, theme: Theme) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);

describe.each(['en', 'ru'] as const)('%s', (lang) => {
  const catalogue = lang === 'ru' ? ru : en;
  const name = (key: MessageKey) => catalogue[key] as string;
  let ext: ExtensionBrowser;
  let pages: Page[] = [];

  async function open(view: string): Promise<Page> {
    const page = await ext.open(view);
    pages.push(page);
    return page;
  }

  /** Each test starts from its own popup: on the search (no customer), or on the customer's Account page. */
  async function popupOn(customerId: string | null): Promise<Page> {
    await ext.setItems([currentCustomerItem, customerId], [searchQueryItem, '']);
    const popup = await open('popup');
    if (customerId) await popup.waitForSelector(aria('switch', name('permission.allow.azureReservations')));
    else await popup.waitForSelector(aria('searchbox', name('searchCustomers')));
    return popup;
  }

  async function expectClean(page: Page, view: string) {
    for (const theme of Object.keys(THEMES) as Theme[]) {
      await wear(page, theme);
      // Soft: one view's violations are reported without stopping the walk through the others.
      expect.soft(await violations(page), `${view} (${lang}, ${theme})`).toEqual([]);
    }
  }

  beforeAll(async () => {
    ext = await launchExtension({ apiUrl: api.url, lang: lang === 'ru' ? 'ru' : undefined });
  });
  afterEach(async () => {
    for (const page of pages) await page.close();
    pages = [];
  });
  afterAll(async () => {
    await ext?.close();
  });

  test('the page speaks the language and wears each theme', async () => {
    const popup = await popupOn(null);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe(lang);
    for (const [theme, tokens] of Object.entries(THEMES)) {
      await wear(popup, theme as Theme);
      const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      // Fluent's canvas colour of that theme, as @fluentui/tokens has it.
      const canvas = tokens.colorNeutralBackground3;
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(canvas.slice(i, i + 2), 16));
      expect(background, theme).toBe(`rgb(${r}, ${g}, ${b})`);
    }
  });

  test('search: empty, then with results', async () => {
    const popup = await popupOn(null);
    await expectClean(popup, 'empty search');
    await popup.locator(aria('searchbox', name('searchCustomers'))).fill(company.name.slice(0, 5));
    await popup.waitForSelector(aria('option', company.name));
    await expectClean(popup, 'search results');
  });

  test('keyboard shortcuts dialog', async () => {
    const popup = await popupOn(null);
    await popup.locator(aria('button', name('shortcuts'))).click();
    await popup.waitForSelector(aria('dialog', name('shortcuts')));
    await expectClean(popup, 'shortcuts dialog');
    await popup.keyboard.press('Escape');
    await popup.waitForSelector(aria('dialog', name('shortcuts')), { hidden: true });
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(name('shortcuts'));
  });

  test('account page, and a search over it', async () => {
    const popup = await popupOn(company.id);
    await popup.waitForSelector(aria('heading', company.name));
    await expectClean(popup, 'account page');
    await popup.locator(aria('searchbox', name('searchCustomers'))).fill(company.name.slice(0, 5));
    await popup.waitForSelector(aria('option', company.name));
    await expectClean(popup, 'results over the account');
  });

  /** On the account page, opens a view with `opener`, checks it once `shown` is there, then leaves it with Cancel. */
  async function checkAndCancel(view: string, opener: string, shown: string) {
    const popup = await popupOn(company.id);
    await popup.locator(opener).click();
    await popup.waitForSelector(shown);
    await expectClean(popup, view);
    await popup.locator(aria('button', name('cancel'))).click();
    await popup.waitForSelector(shown, { hidden: true });
  }

  test('purchase permission confirmation dialog', async () => {
    await checkAndCancel(
      'permission dialog',
      aria('switch', name('permission.allow.azureReservations')),
      aria('button', name('permission.turnOn')),
    );
  });

  test('company details form', async () => {
    await checkAndCancel(
      'company form',
      aria('button', name('company.edit')),
      aria('textbox', name('field.companyName')),
    );
  });

  test('billing profile form, clean and with field errors', async () => {
    const popup = await popupOn(company.id);
    await popup.locator(aria('button', name('billing.edit'))).click();
    const email = (await popup.waitForSelector(aria('textbox', name('field.email'))))!;
    await expectClean(popup, 'billing form');
    await email.click({ count: 3 });
    await email.type('not-an-email');
    await popup.locator(aria('button', name('submit'))).click();
    await popup.waitForFunction((input) => input.getAttribute('aria-invalid') === 'true', {}, email!);
    await expectClean(popup, 'billing form with errors');
    await popup.locator(aria('button', name('cancel'))).click();
    await popup.waitForSelector(aria('textbox', name('field.email')), { hidden: true });
  });

  test('"This customer was changed" dialog', async () => {
    const popup = await popupOn(company.id);
    await popup.locator(aria('button', name('billing.edit'))).click();
    const firstName = (await popup.waitForSelector(aria('textbox', name('field.firstName'))))!;
    await firstName.click({ count: 3 });
    await firstName.type(`Mine ${lang}`);
    await colleaguePatch(api.url, `/customers/${company.id}/profiles/billing`, {
      firstName: `Theirs ${lang}`,
    });
    await popup.locator(aria('button', name('submit'))).click();
    await popup.waitForSelector(aria('dialog', name('conflict.title')));
    await expectClean(popup, 'conflict dialog');
    await popup.locator(`${aria('dialog', name('conflict.title'))} >>> ${aria('button', name('cancel'))}`).click();
    await popup.waitForSelector(aria('dialog', name('conflict.title')), { hidden: true });
    await popup.locator(aria('button', name('cancel'))).click();
    await popup.waitForSelector(aria('textbox', name('field.firstName')), { hidden: true });
  });

  test('side panel', async () => {
    await ext.setItems([currentCustomerItem, company.id]);
    const panel = await open('sidepanel');
    await panel.waitForSelector(aria('combobox', name('role')));
    await panel.waitForSelector(aria('heading', company.name));
    await expectClean(panel, 'side panel');
  });

  test('options page', async () => {
    const options = await open('options');
    await options.waitForSelector(aria('textbox', name('apiAddress')));
    await expectClean(options, 'options');
    await options.locator(aria('button', name('testConnection'))).click();
    await waitForLiveText(options, new URL(api.url).origin);
    await expectClean(options, 'options after a connection test');
  });
});
