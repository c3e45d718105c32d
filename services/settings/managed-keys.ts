/**
 * The settings an organisation may set and lock by policy (storage.managed: docs/deploying.md). What each means, for
 * IT, is in managed-schema.ts, which the build alone reads: the views ship only the names.
 */
export const MANAGED_KEYS = [
  'connection',
  'apiAddress',
  'signInAddress',
  'applicationId',
  'defaultRole',
  'language',
] as const;

export type ManagedKey = (typeof MANAGED_KEYS)[number];

export const isManagedKey = (key: string): key is ManagedKey => (MANAGED_KEYS as readonly string[]).includes(key);
