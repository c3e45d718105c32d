/** What the views ask of the background's sign-in service (service.ts), and how the background answers. */
import type { signInService } from './service';

export type SignInRequest =
  | { signIn: 'start'; prompt?: 'login' }
  | { signIn: 'signOut' }
  /** A token to call the API with; `rejected` is one the API just refused. */
  | { signIn: 'token'; rejected?: string }
  /** The API refused even a fresh token, or asks for MFA. */
  | { signIn: 'end'; problem: 'expired' | 'mfaRequired'; detail?: string };

export function isSignInRequest(message: unknown): message is SignInRequest {
  return typeof message === 'object' && message !== null && 'signIn' in message;
}

/** The background's answer to one request. */
export function answer(service: ReturnType<typeof signInService>, request: SignInRequest): Promise<unknown> {
  switch (request.signIn) {
    case 'start':
      return service.signIn(request.prompt);
    case 'signOut':
      return service.signOut();
    case 'token':
      return service.token(request.rejected);
    case 'end':
      return service.end(request.problem, request.detail);
  }
}
