import { afterAll, beforeAll, expect, test } from 'vitest';
import { someCustomers, waitForLiveText } from '../helpers/customer-desk';
import { aria, launchExtension, type ExtensionBrowser } from '../helpers/extension';
import { startMockApi, type MockApi } from '../helpers/mock-api';

let api: MockApi;
let ext: ExtensionBrowser;

beforeAll(async () => {
  api = await startMockApi(['--seed', '10']);
  ext = await launchExtension({ apiUrl: api.url });
});

afterAll(async () => {
  await ext?.close();
  await api?.stop();
});

test('API down: a clear message with Retry; once it is back, Retry finds the customer', async () => {
  const [first] = await someCustomers(api.url, 1);
  const name = first.companyProfile.companyName;
  const port = new URL(api.url).port;
  // A crash (SIGKILL) keeps the database file for the restart below.
  await api.stop('SIGKILL');

  const popup = await ext.open('popup');
  await popup.locator(aria('searchbox', 'Search customers')).fill(name);
  // Reads retry on their own a few times before saying so.
  expect(await waitForLiveText(popup, 'not answering')).toContain('Check that it is running');
  await popup.waitForSelector(aria('button', 'Retry'));

  // The same database on the same port: the API is back.
  api = await startMockApi(['--port', port], { dbPath: api.dbPath });
  await popup.bringToFront();
  await popup.locator(aria('button', 'Retry')).click();
  await popup.waitForSelector(aria('option', name));
  expect(await popup.$(aria('button', 'Retry'))).toBeNull();
  await popup.close();
});
