/**
 * The look as built: Fluent 2's tokens reach the pages as CSS custom properties (never as the token package's code),
 * and high contrast (forced-colors) draws what matters in the system's colours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webDarkTheme, webLightTheme } from '@fluentui/tokens';
import type { Page } from 'puppeteer-core';
import { expect, test } from 'vitest';
import { colleaguePatch, someCustomers } from '@/harness/customer-desk';
import { aria, EXTENSION_DIR } from '@/harness/extension';
import { currentCustomerItem, roleItem } from '@/services/storage';
import { withExtensionAndApi } from '../helpers/fixtures';

const built = (extension: string) =>
  readdirSync(EXTENSION_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .map((file) => readFileSync(join(EXTENSION_DIR, file), 'utf8'))
    .join('\n');

test("the tokens are the pages' CSS, light and dark, and no script carries them", () => {
  const css = built('.css');
  expect(css).toMatch(new RegExp(`--colorBrandBackground:\\s*${webLightTheme.colorBrandBackground};`));
  expect(css).toMatch(
    new RegExp(
      `prefers-color-scheme:\\s*dark\\)\\s*\\{\\s*:root\\s*\\{[^}]*--colorNeutralBackground1:\\s*${webDarkTheme.colorNeutralBackground1};`,
    ),
  );
  const js = built('.js');
  expect(Object.keys(webLightTheme).filter((token) => js.includes(token))).toEqual([]);
});

const desk = withExtensionAndApi({ seed: 5, seedValue: 8 });

/** Waits until the element's (or its pseudo-element's) `property` is the system colour `system`. */
async function waitForSystemColour(page: Page, selector: string, property: string, system: string, pseudo?: string) {
  const element = await page.waitForSelector(selector);
  await page.waitForFunction(
    (element, property, system, pseudo) => {
      const probe = document.createElement('i');
      probe.style.cssText = `forced-color-adjust: none; color: ${system}`;
      document.body.append(probe);
      const wanted = getComputedStyle(probe).color;
      probe.remove();
      return getComputedStyle(element, pseudo).getPropertyValue(property) === wanted;
    },
    {},
    element!,
    property,
    system,
    pseudo ?? null,
  );
}

test('high contrast: a switch that is on and the primary action are drawn in the system highlight colour', async () => {
  const [customer] = await someCustomers(desk.api.url, 1);
  await colleaguePatch(desk.api.url, `/customers/${customer.id}/purchasePermission`, { azureReservations: true });
  await desk.ext.setItems([currentCustomerItem, customer.id], [roleItem, 'admin-agent']);
  const popup = await desk.ext.open('popup');
  const cdp = await popup.createCDPSession();
  await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });

  // The switch's track and thumb are drawn (::before, ::after), so forced colours would otherwise erase them.
  const on = aria('switch', 'Allow purchase of Azure reservations');
  await waitForSystemColour(popup, on, 'background-color', 'Highlight', '::before');
  await waitForSystemColour(popup, on, 'background-color', 'HighlightText', '::after');
  await popup.locator(on).click();
  const dialog = aria('dialog', 'Stop this customer buying Azure reservations themselves?');
  await waitForSystemColour(popup, `${dialog} >>> ${aria('button', 'Turn off')}`, 'background-color', 'Highlight');
  await popup.close();
});
