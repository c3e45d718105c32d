/**
 * The Partner Center connection in end-to-end tests: the options set to the local Partner Center (the mock API), and
 * signing in through the real sign-in window `identity.launchWebAuthFlow` opens — the mock authority's page, its
 * "Sign in as …" button found by role and name.
 */
import type { Page } from 'puppeteer-core';
import { aria, type ExtensionBrowser } from '@/harness/extension';
import { CLIENT_ID } from '@/harness/partner-center';
import { signInItem } from '@/services/sign-in/session-item';
import { connectionItem, partnerCenterItem } from '@/services/storage';
import type { SignIn } from '@/state/sign-in';

type ChromeSession = {
  chrome: {
    storage: {
      session: {
        get: (key: string) => Promise<Record<string, unknown>>;
        set: (values: Record<string, unknown>) => Promise<void>;
      };
    };
  };
};
const SIGN_IN_KEY = signInItem.key.replace(/^session:/, '');

/**
 * Replaces the sign-in kept in session storage, from `page` itself: the helpers' own page (setItems) would be a popup
 * whose start-up requests could refresh the tokens between this test's read and its write.
 */
export function putSignIn(page: Page, state: SignIn) {
  return page.evaluate(
    (key, value) => (globalThis as unknown as ChromeSession).chrome.storage.session.set({ [key]: value }),
    SIGN_IN_KEY,
    state,
  );
}

/** The connection as the options page keeps it after a Sign in against the mock at `apiUrl`. */
export const localPartnerCenter = (apiUrl: string) => ({
  apiBase: apiUrl,
  signInAddress: `${apiUrl}/organizations`,
  clientId: CLIENT_ID,
});

/** Chooses Partner Center's connection, at the local Partner Center (no sign-in yet). */
export function connectToLocalPartnerCenter(ext: ExtensionBrowser, apiUrl: string) {
  return ext.setItems([connectionItem, 'partnerCenter'], [partnerCenterItem, localPartnerCenter(apiUrl)]);
}

/** The sign-in window, once `launchWebAuthFlow` has opened it. */
export async function signInWindow(ext: ExtensionBrowser): Promise<Page> {
  const target = await ext.browser.waitForTarget(
    (t) => t.type() === 'page' && t.url().includes('/oauth2/v2.0/authorize'),
  );
  const page = (await target.page())!;
  await page.bringToFront();
  await page.waitForSelector(aria('heading', 'Sign in to the mock Partner Center'));
  return page;
}

/**
 * Clicks `button` on `page` (the options page's "Sign in", the header's "Sign in again"), then "Sign in as `role`" in
 * the window that opens; waits until the extension is signed in as that role.
 */
export async function signInThroughWindow(ext: ExtensionBrowser, page: Page, button: string, role: string) {
  await page.bringToFront();
  const opened = signInWindow(ext);
  await page.locator(aria('button', button)).click();
  const window = await opened;
  // The window closes as soon as the authority redirects to the extension.
  await window.locator(aria('button', `Sign in as ${role}`)).click();
  await page.bringToFront();
  // The test users are named after their role: "Admin agent (test user)".
  await page.waitForFunction(
    async (key, name) => {
      const session = (globalThis as unknown as ChromeSession).chrome.storage.session;
      const state = (await session.get(key))[key] as SignIn | undefined;
      return state?.status === 'signedIn' && state.account?.name.startsWith(name);
    },
    { timeout: 20_000 },
    SIGN_IN_KEY,
    role,
  );
}

/** Partner Center's connection at the local Partner Center, signed in as `role` from the options page. */
export async function signInToLocalPartnerCenter(ext: ExtensionBrowser, apiUrl: string, role = 'Admin agent') {
  await connectToLocalPartnerCenter(ext, apiUrl);
  const options = await ext.open('options');
  await signInThroughWindow(ext, options, 'Sign in', role);
  await options.close();
}
