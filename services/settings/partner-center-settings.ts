/**
 * The Partner Center connection's fields as the agent types them: what counts as valid, and how they are kept
 * (the API as an origin, the sign-in address as its origin and tenant segment).
 */
import type { MessageKey } from '@/locales/en';
import type { PartnerCenterSettings } from '@/services/storage';
import { parseApiAddress } from './api-address';

export type SettingsErrors = Partial<Record<keyof PartnerCenterSettings, MessageKey>>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http for this computer only (a local Partner Center): tokens never travel in the clear elsewhere. */
export function secureAddress(text: string): URL | null {
  const url = parseApiAddress(text);
  return url && (url.protocol === 'https:' || LOOPBACK.has(url.hostname)) ? url : null;
}

/** A secure sign-in address with one tenant, as kept: its origin and tenant segment; null otherwise. */
export function parseSignInAddress(text: string): string | null {
  const url = secureAddress(text);
  // The tenant segment: `organizations`, `common`, the partner's tenant id or domain.
  const tenant = url?.pathname.replace(/\/+$/, '') ?? '';
  return url && /^\/[^/]+$/.test(tenant) ? `${url.origin}${tenant}` : null;
}

export function checkSettings(typed: PartnerCenterSettings): {
  settings: PartnerCenterSettings | null;
  errors: SettingsErrors;
} {
  const errors: SettingsErrors = {};
  const api = secureAddress(typed.apiBase);
  const signIn = parseSignInAddress(typed.signInAddress);
  if (!api) errors.apiBase = 'pc.addressInvalid';
  if (!signIn)
    errors.signInAddress = secureAddress(typed.signInAddress) ? 'pc.signInAddressInvalid' : 'pc.addressInvalid';
  const clientId = typed.clientId.trim();
  if (!clientId) errors.clientId = 'pc.applicationIdRequired';
  if (!api || !signIn || Object.keys(errors).length) return { settings: null, errors };
  return { settings: { apiBase: api.origin, signInAddress: signIn, clientId }, errors };
}
