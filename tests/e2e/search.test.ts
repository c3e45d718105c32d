import { beforeEach, expect, test } from 'vitest';
import { callApi, colleaguePatch, openCustomer, someCustomers } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { currentCustomerItem, recentCustomersItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

const desk = withExtensionAndApi({ seed: 60, seedValue: 11 });

beforeEach(() => desk.ext.setItems([currentCustomerItem, null], [searchQueryItem, '']));

test('by keyboard alone: / focuses search, ↓ and Enter open a customer, Esc clears', async () => {
  const [first] = await someCustomers(desk.api.url, 1);
  const name = first.companyProfile.companyName;
  const popup = await desk.ext.open('popup');
  await popup.waitForSelector(aria('searchbox', 'Search customers'));
  // Move focus away first (the search box has it on open), so `/` has something to do.
  await popup.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Search customers');
  await popup.keyboard.down('Shift');
  await popup.keyboard.press('Tab');
  await popup.keyboard.up('Shift');
  expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).not.toBe('Search customers');
  await popup.keyboard.press('/');
  expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search customers');

  await popup.keyboard.type(name);
  const option = await popup.waitForSelector(aria('option', name));
  // What matched is highlighted inside the option: each word of the name (which comes first), from its start.
  const marked = await option!.evaluate((o) => [...o.querySelectorAll('mark')].map((m) => m.textContent));
  const words = name.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
  expect(marked.slice(0, words.length)).toEqual(words);
  await popup.keyboard.press('Escape');
  await popup.waitForFunction(() => (document.activeElement as HTMLInputElement).value === '');

  await popup.keyboard.type(name);
  await popup.waitForSelector(aria('option', name));
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('ArrowUp');
  await popup.keyboard.press('Enter');
  await popup.waitForSelector(aria('heading', name));
  // The option under the arrow keys is the one that opened, by id (names can repeat).
  expect(await desk.ext.readItem(currentCustomerItem, popup)).toBe(first.id);
  await popup.close();
});

test('the search text survives closing the popup; recent customers show while the box is empty', async () => {
  const [, second] = await someCustomers(desk.api.url, 2);
  const name = second.companyProfile.companyName;
  let popup = await desk.ext.open('popup');
  await openCustomer(popup, name);
  // Choosing a customer ends the search: the box is empty again, over the account.
  const search = await popup.waitForSelector(aria('searchbox', 'Search customers'));
  expect(await search!.evaluate((s) => (s as HTMLInputElement).value)).toBe('');
  await search!.type('zzz-no-such');
  await popup.waitForFunction(() => document.body.textContent?.includes('No customers match'));
  await popup.close();

  popup = await desk.ext.open('popup');
  const again = await popup.waitForSelector(aria('searchbox', 'Search customers'));
  await popup.waitForFunction((s) => (s as HTMLInputElement).value === 'zzz-no-such', {}, again!);
  await popup.waitForSelector(aria('listbox', 'Customers'));
  // Escape leaves the search: the text goes and the account it covered is back.
  await popup.locator(aria('searchbox', 'Search customers')).click();
  await popup.keyboard.press('Escape');
  await popup.waitForSelector(aria('heading', name));
  expect(await again!.evaluate((s) => (s as HTMLInputElement).value)).toBe('');
  // ↓ in the empty box lists the recent customers over the account, the one just opened first.
  await popup.keyboard.press('ArrowDown');
  const recent = await popup.waitForSelector(aria('listbox', 'Recent customers'));
  const names = await recent!.evaluate((l) => [...l.children].map((o) => o.firstElementChild?.textContent));
  expect(names[0]).toBe(name);
  await popup.close();
});

test('searching from an account without leaving it: results in its place, Escape back, Enter opens another', async () => {
  const [first, second] = await someCustomers(desk.api.url, 2);
  const [firstName, secondName] = [first.companyProfile.companyName, second.companyProfile.companyName];
  await desk.ext.setItems([currentCustomerItem, first.id], [recentCustomersItem, []]);
  const popup = await desk.ext.open('popup');
  await popup.waitForSelector(aria('heading', firstName));
  // The search box is in the header (the banner), focused, on the account page too.
  const banner = await popup.waitForSelector(aria('banner'));
  const search = (await banner!.waitForSelector(aria('searchbox', 'Search customers')))!;
  await popup.waitForFunction((s) => s === document.activeElement, {}, search);

  await popup.keyboard.type(secondName);
  await popup.waitForSelector(aria('option', secondName));
  // The results take the account's place while the agent searches.
  await popup.waitForSelector(aria('heading', firstName), { hidden: true });
  await popup.keyboard.press('Escape');
  await popup.waitForSelector(aria('heading', firstName));
  expect(await search.evaluate((s) => (s as HTMLInputElement).value)).toBe('');
  expect(await popup.$(aria('listbox', 'Customers'))).toBeNull();

  // From anywhere on the account page, `/` goes back to the box.
  await popup.locator(aria('button', 'Edit billing profile')).click();
  await popup.waitForSelector(aria('textbox', 'First name'));
  await popup.locator(aria('button', 'Cancel')).click();
  await popup.waitForFunction(() => document.activeElement?.textContent === 'Edit billing profile');
  await popup.keyboard.press('/');
  await popup.waitForFunction((s) => s === document.activeElement, {}, search);
  await popup.keyboard.type(secondName);
  const option = (await popup.waitForSelector(aria('option', secondName)))!;
  await popup.waitForFunction((o) => o.getAttribute('aria-selected') === 'true', {}, option);
  await popup.keyboard.press('Enter');
  await popup.waitForSelector(aria('heading', secondName));
  expect(await desk.ext.readItem(currentCustomerItem, popup)).toBe(second.id);
  // Still in the box, empty, ready for the next search.
  expect(await search.evaluate((s) => [s === document.activeElement, (s as HTMLInputElement).value])).toEqual([
    true,
    '',
  ]);
  await popup.close();
});

test('more results on demand, with the total shown', async () => {
  const popup = await desk.ext.open('popup');
  // Punctuation alone is no query: every customer matches.
  await popup.locator(aria('searchbox', 'Search customers')).fill('.');
  const more = await popup.waitForSelector(aria('button', 'Show more results (20 of 60)'));
  await more!.click();
  const list = await popup.waitForSelector(aria('listbox', 'Customers'));
  await popup.waitForFunction((l) => l.children.length === 40, {}, list!);
  await popup.waitForSelector(aria('button', 'Show more results (40 of 60)'));
  await popup.close();
});

test('a company name with markup is shown as text, never run', async () => {
  const [, , third] = await someCustomers(desk.api.url, 3);
  const evil = 'Evil <img src=x onerror=alert(1)> Ltd';
  await colleaguePatch(desk.api.url, `/customers/${third.id}/profiles/company`, { companyName: evil });
  const stored = await callApi(desk.api.url, `/customers/${third.id}/profiles/company`);
  expect(stored.body.companyName).toBe(evil);

  const popup = await desk.ext.open('popup');
  const dialogs: string[] = [];
  popup.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Found by its name as text: as markup the heading would be named "Evil  Ltd".
  await openCustomer(popup, evil, 'Evil <img');
  expect(await popup.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
  expect(dialogs).toEqual([]);
  await popup.close();
});
