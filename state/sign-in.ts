/**
 * The Partner Center sign-in as a pure model: its state and the named transitions it goes through. No browser,
 * storage or requests here: the background's sign-in service (service.ts) performs the sign-in window, the token
 * calls and the storage, and dispatches what they found; every view renders the state it keeps in
 * `session:signIn`.
 */
import type { RoleId } from '@/domain/roles';

export interface Tokens {
  accessToken: string;
  /** Rotated: every refresh answers a new one, which replaces this. */
  refreshToken: string | null;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** When to refresh before using it again: a fifth of its life (at most five minutes) before it expires. */
  refreshAt: number;
}

/** Who signed in, from the access token's claims. */
export interface Account {
  name: string;
  upn: string;
  /** Our role id when the token carries one (the local Partner Center's do); null when it does not (real ones). */
  role: RoleId | null;
  /** The partner's tenant: the grantor of every self-serve policy. */
  tenantId: string;
}

export type Problem =
  /** The agent closed the sign-in window. */
  | 'cancelled'
  /** The authority said no (consent missing, unknown application, …): its description is the detail. */
  | 'refused'
  /** Anything else while signing in: the authority unreachable, an answer that is not a token. */
  | 'failed'
  /** The refresh token no longer works, or the API kept refusing a fresh token: sign in again. */
  | 'expired'
  /** Partner Center asks for multi-factor authentication (its error 900421): sign in again, with MFA. */
  | 'mfaRequired';

export interface SignIn {
  status: 'signedOut' | 'signingIn' | 'signedIn';
  /** Kept after the tokens go (expired, MFA), so the views can say whose sign-in ended. */
  account: Account | null;
  tokens: Tokens | null;
  problem: { kind: Problem; detail?: string } | null;
}

export type SignInEvent =
  | { type: 'started' }
  | { type: 'succeeded'; tokens: Tokens; account: Account }
  /** The sign-in window ended without tokens; a sign-in already in place stays. */
  | { type: 'failed'; problem: 'cancelled' | 'refused' | 'failed'; detail?: string }
  | { type: 'refreshed'; tokens: Tokens; account: Account }
  /** The tokens are no good any more: the refresh was refused, or Partner Center asks for MFA. */
  | { type: 'ended'; problem: 'expired' | 'mfaRequired'; detail?: string }
  | { type: 'signedOut' };

export const signedOut = (): SignIn => ({ status: 'signedOut', account: null, tokens: null, problem: null });

export function signIn(state: SignIn, event: SignInEvent): SignIn {
  switch (event.type) {
    case 'started':
      return { ...state, status: 'signingIn', problem: null };
    case 'succeeded':
      return { status: 'signedIn', account: event.account, tokens: event.tokens, problem: null };
    case 'refreshed':
      // A sign-out (or an end) while the refresh was under way wins: its tokens are not brought back.
      return state.tokens ? { ...state, account: event.account, tokens: event.tokens } : state;
    case 'failed':
      return {
        ...state,
        status: state.tokens ? 'signedIn' : 'signedOut',
        problem: { kind: event.problem, detail: event.detail },
      };
    case 'ended':
      return { ...state, status: 'signedOut', tokens: null, problem: { kind: event.problem, detail: event.detail } };
    case 'signedOut':
      return signedOut();
  }
}

/** A token endpoint's answer as the tokens kept; a refresh that names no new refresh token keeps the old one. */
export function tokensFrom(
  answer: { access_token: string; refresh_token?: string; expires_in?: number },
  now: number,
  previousRefreshToken: string | null = null,
): Tokens {
  // Entra ID always says; an authority that does not gets the shortest life Entra gives (an hour).
  const lifetime = (answer.expires_in ?? 3600) * 1000;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? previousRefreshToken,
    expiresAt: now + lifetime,
    refreshAt: now + lifetime - Math.min(lifetime / 5, 5 * 60_000),
  };
}

/** The access token to send now, or null when there is none or it is due for a refresh. */
export function usableToken(state: SignIn, now: number): string | null {
  return state.status !== 'signedOut' && state.tokens && now < state.tokens.refreshAt ? state.tokens.accessToken : null;
}
