import type { RoleId } from '@/domain/roles';
import { signInItem } from '@/services/sign-in/session-item';
import { useSettings } from './use-settings';
import { useStorageItem } from './use-storage-item';

/**
 * The role the views decide by: the one chosen in the header (mock API; or the organisation's), or the signed-in
 * account's (Partner Center). null when Partner Center's token names none of ours: then nothing is disabled here
 * and Partner Center's own 403s say what the agent may not do. undefined until storage has answered.
 */
export function useRole(): RoleId | null | undefined {
  const settings = useSettings();
  const signIn = useStorageItem(signInItem);
  if (settings?.connection === 'mock') return settings.role;
  if (settings === undefined || signIn === undefined) return undefined;
  return signIn.account?.role ?? null;
}
