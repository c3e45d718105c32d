/**
 * The views' side of the sign-in: the access token for a request (the kept one while it is fresh, read straight
 * from `session:signIn`; otherwise the background refreshes it), and the requests to sign in and out.
 */

import { type SignIn, usableToken } from '@/state/sign-in';
import type { SignInRequest } from './messages';
import type { TokenAnswer } from './service';
import { signInItem } from './session-item';

async function ask<T>(request: SignInRequest): Promise<T> {
  const answer = await browser.runtime.sendMessage(request);
  if (answer && typeof answer === 'object' && 'error' in answer) throw new Error(String(answer.error));
  return answer as T;
}

/** A token for the next request; `rejected` is one the API just refused, to be replaced even if it looks fresh. */
export async function accessToken(rejected?: string): Promise<TokenAnswer> {
  const kept = rejected ? null : usableToken(await signInItem.getValue(), Date.now());
  return kept ? { token: kept } : ask<TokenAnswer>({ signIn: 'token', rejected });
}

/** Opens the sign-in window (from the background: the popup closes when it opens). Ends with the new state. */
export const startSignIn = (prompt?: 'login') => ask<SignIn>({ signIn: 'start', prompt });

export const signOut = () => ask<SignIn>({ signIn: 'signOut' });

export const endSignIn = (problem: 'expired' | 'mfaRequired', detail?: string) =>
  ask<SignIn>({ signIn: 'end', problem, detail });
