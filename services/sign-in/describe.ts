/** The sign-in in words, for the header and the options page. */
import type { RoleId } from '@/domain/roles';
import type { SignIn } from '@/state/sign-in';
import { t } from '../i18n';

/** Our name for the role, or that Partner Center keeps it (a token without our role ids). */
export const roleName = (role: RoleId | null) => (role ? t(`role.${role}`) : t('role.unknown'));

/** Why the agent is not signed in (or what the last attempt found), or who is signed in. */
export function signInStatus(state: SignIn): string {
  if (state.status === 'signingIn') return t('signIn.signingIn');
  const detail = state.problem?.detail ?? '';
  switch (state.problem?.kind) {
    case 'cancelled':
      return t('signIn.cancelled');
    case 'refused':
      return t('signIn.refused', { detail });
    case 'failed':
      return t('signIn.failed', { detail });
    case 'expired':
      return t('signIn.expired');
    case 'mfaRequired':
      return t('signIn.mfaRequired');
  }
  if (state.status === 'signedIn' && state.account)
    return t('signIn.signedIn', { name: state.account.name, role: roleName(state.account.role) });
  return t('signIn.signedOut');
}
