import { beforeEach, expect, test } from 'vitest';
import { someCustomers, waitForLiveText } from '@/harness/customer-desk';
import { aria } from '@/harness/extension';
import { spawnMockApi } from '@/harness/mock-api';
import { en } from '@/locales/en';
import { apiBaseItem, currentCustomerItem, searchQueryItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

const desk = withExtensionAndApi(['--seed', '10']);

beforeEach(() => desk.ext.setItems([apiBaseItem, desk.api.url], [currentCustomerItem, null], [searchQueryItem, '']));

test('API down: a clear message with Retry; once it is back, Retry finds the customer', async () => {
  const [first] = await someCustomers(desk.api.url, 1);
  const name = first.companyProfile.companyName;
  const port = new URL(desk.api.url).port;
  // A crash (SIGKILL) keeps the database file for the restart below.
  await desk.api.stop('SIGKILL');

  const popup = await desk.ext.open('popup');
  await popup.locator(aria('searchbox', 'Search customers')).fill(name);
  // Reads retry on their own a few times before saying so.
  expect(await waitForLiveText(popup, 'not answering')).toContain(en['error.network']);
  await popup.waitForSelector(aria('button', 'Retry'));

  // The same database on the same port: the API is back.
  desk.api = await spawnMockApi(['--port', port], { dbPath: desk.api.dbPath });
  await popup.bringToFront();
  await popup.locator(aria('button', 'Retry')).click();
  await popup.waitForSelector(aria('option', name));
  expect(await popup.$(aria('button', 'Retry'))).toBeNull();
  await popup.close();
});

test('an API answering 503 to everything: reads retry, then say so with Retry', async () => {
  const failing = await spawnMockApi(['--seed', '5', '--fail-rate', '1']);
  try {
    await desk.ext.setItems([apiBaseItem, failing.url]);
    const popup = await desk.ext.open('popup');
    await popup.locator(aria('searchbox', 'Search customers')).fill('a');
    expect(await waitForLiveText(popup, 'unavailable right now')).toContain(en['error.unavailable']);
    await popup.waitForSelector(aria('button', 'Retry'));
    await popup.close();
  } finally {
    await failing.stop();
  }
});
