/**
 * The host permissions the Partner Center connection needs, asked for when the agent signs in (optional host
 * permissions: nothing is asked at install): the API and the sign-in address to sign in at all, and Partner
 * Center's web app, asked apart so that refusing it only turns off following the agent's Partner Center tab.
 */
import { originPattern } from '@/services/settings/api-address';
import { PC_WEB_APP_ORIGINS } from '../partner-center-web';
import type { PartnerCenterSettings } from '../storage';

export const signInOrigins = (settings: PartnerCenterSettings) => [
  ...new Set([originPattern(new URL(settings.apiBase)), originPattern(new URL(settings.signInAddress))]),
];

/**
 * Asks, straight from the agent's click (browsers allow it only then, so call it before any other await): whether
 * the origins needed to sign in were granted. Origins already granted (loopback, by the manifest) ask nothing.
 */
export function askSignInPermissions(settings: PartnerCenterSettings, withWebApp: boolean): Promise<boolean> {
  if (withWebApp) void browser.permissions.request({ origins: PC_WEB_APP_ORIGINS }).catch(() => false);
  return browser.permissions.request({ origins: signInOrigins(settings) }).catch(() => false);
}
