/**
 * The sign-in's side effects, run by the background alone (why: docs/architecture.md, "The Partner Center
 * sign-in"): the sign-in window, refreshing, signing out. Each change of `session:signIn` is read, reduced by the
 * model and written back in turn, so nothing written meanwhile (by a test, another event) is lost.
 */

import { type SignIn, type SignInEvent, signIn, type Tokens } from '@/state/sign-in';
import type { PartnerCenterSettings } from '../storage';
import type { SignedIn, SignInError } from './oauth';

export interface SignInDeps {
  settings: () => Promise<PartnerCenterSettings>;
  load: () => Promise<SignIn>;
  save: (state: SignIn) => Promise<void>;
  interactive: (settings: PartnerCenterSettings, prompt?: 'login') => Promise<SignedIn>;
  /** A sign-in without a window (`prompt=none`): the authority's own session signs the agent in, or it refuses. */
  silent: (settings: PartnerCenterSettings, loginHint?: string) => Promise<SignedIn>;
  refresh: (settings: PartnerCenterSettings, refreshToken: string) => Promise<SignedIn>;
  now: () => number;
}

/**
 * What a view gets when it asks for a token: none when signed out (with why, when a sign-in ended: expired, MFA
 * required), or when the authority could not be reached.
 */
export interface TokenAnswer {
  token: string | null;
  unreachable?: boolean;
  ended?: 'expired' | 'mfaRequired';
}

/** No token, and why the sign-in ended if it did. */
const none = ({ problem }: SignIn): TokenAnswer =>
  problem?.kind === 'expired' || problem?.kind === 'mfaRequired'
    ? { token: null, ended: problem.kind }
    : { token: null };

export function signInService(deps: SignInDeps) {
  let queue: Promise<unknown> = Promise.resolve();
  /** One change at a time: `event`, or the event the state calls for (none: no change). */
  function dispatch(event: SignInEvent | ((state: SignIn) => SignInEvent | null)): Promise<SignIn> {
    const next = queue.then(async () => {
      const state = await deps.load();
      const happened = typeof event === 'function' ? event(state) : event;
      if (!happened) return state;
      const changed = signIn(state, happened);
      await deps.save(changed);
      return changed;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  let signingIn: Promise<SignIn> | null = null;
  let refreshing: Promise<TokenAnswer> | null = null;

  /** The kept access token, unless it is due for a refresh or is the one the API refused. */
  const keptToken = (tokens: Tokens, rejected?: string) =>
    tokens.accessToken !== rejected && deps.now() < tokens.refreshAt ? tokens.accessToken : null;

  /** New tokens after the old ones are no good: the refresh token, else a silent sign-in; the window never opens. */
  async function renewed({ tokens, account }: SignIn): Promise<SignedIn> {
    const refreshToken = tokens?.refreshToken;
    const settings = await deps.settings();
    if (refreshToken)
      try {
        return await deps.refresh(settings, refreshToken);
      } catch (error) {
        // No network: a silent sign-in would not get through either.
        if ((error as SignInError).problem === 'unreachable') throw error;
      }
    return deps.silent(settings, account?.upn || undefined);
  }

  async function refresh(rejected?: string): Promise<TokenAnswer> {
    // Read again: the refresh this one waited behind may have brought fresh tokens already.
    const state = await deps.load();
    const { tokens } = state;
    if (!tokens) return none(state);
    const kept = keptToken(tokens, rejected);
    if (kept) return { token: kept };
    try {
      const now = await dispatch({ type: 'refreshed', ...(await renewed(state)) });
      return now.tokens ? { token: now.tokens.accessToken } : none(now);
    } catch (error) {
      const { problem, detail } = error as SignInError;
      // No network is not the end of a sign-in: the request says so, and the next one tries again.
      if (problem === 'unreachable') return { token: null, unreachable: true };
      return none(await dispatch({ type: 'ended', problem: 'expired', detail }));
    }
  }

  const service = {
    /** The sign-in window, once at a time; the state as it ends (signed in, or why not). */
    signIn(prompt?: 'login'): Promise<SignIn> {
      signingIn ??= (async () => {
        await dispatch({ type: 'started' });
        try {
          return await dispatch({ type: 'succeeded', ...(await deps.interactive(await deps.settings(), prompt)) });
        } catch (error) {
          const { problem, detail } = error as SignInError;
          const known = problem === 'cancelled' || problem === 'refused';
          return dispatch({ type: 'failed', problem: known ? problem : 'failed', detail: detail ?? String(error) });
        }
      })().finally(() => {
        signingIn = null;
      });
      return signingIn;
    },
    signOut: () => dispatch({ type: 'signedOut' }),
    /**
     * At the background's start: a sign-in window it had open went with the previous background (stopped by the
     * browser), so a stored "signing in" will never end on its own.
     */
    started: () =>
      dispatch((state) =>
        state.status === 'signingIn'
          ? { type: 'failed', problem: 'failed', detail: 'the sign-in window was interrupted' }
          : null,
      ),
    /** Due tokens renewed ahead of any request (the refresh alarm, the background waking up); nothing else. */
    renewIfDue: async () => {
      const { tokens } = await deps.load();
      if (tokens && deps.now() >= tokens.refreshAt) await service.token();
    },
    /**
     * A token to call the API with: the one kept while it is fresh, else a refreshed one. `rejected` is a token the
     * API refused (expired early, revoked): it is refreshed even when it looks fresh.
     */
    async token(rejected?: string): Promise<TokenAnswer> {
      const state = await deps.load();
      const { tokens } = state;
      if (!tokens) return none(state);
      const kept = keptToken(tokens, rejected);
      if (kept) return { token: kept };
      refreshing ??= refresh(rejected).finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    /** The API refused even a fresh token, or asks for MFA: the agent has to sign in again. */
    end: (problem: 'expired' | 'mfaRequired', detail?: string) => dispatch({ type: 'ended', problem, detail }),
  };
  return service;
}
