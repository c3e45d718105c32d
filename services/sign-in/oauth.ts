/**
 * Signing in to Partner Center the way a public client does, through oauth4webapi: the authorization code flow with
 * PKCE (S256) in the browser's sign-in window, the code redeemed at the token endpoint, refresh tokens rotated.
 * Throws `SignInError` naming what went wrong in the sign-in model's terms.
 */
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { PC_AUDIENCE, PC_SCOPE } from '@/domain/partner-center';
import { isRoleId } from '@/domain/roles';
import { type Account, type Problem, type Tokens, tokensFrom } from '@/state/sign-in';
import type { PartnerCenterSettings } from '../storage';

/** Partner Center's delegated permission, and a refresh token to stay signed in without the window. */
export const SIGN_IN_SCOPE = `${PC_AUDIENCE}/${PC_SCOPE} offline_access`;

export class SignInError extends Error {
  constructor(
    readonly problem: Problem | 'unreachable',
    readonly detail?: string,
  ) {
    super(detail ?? problem);
  }
}

/**
 * The authority, described from the sign-in address rather than discovered: Entra ID's multi-tenant addresses
 * (`…/organizations`, `…/common`) publish their issuer as `…/{tenantid}/v2.0`, a placeholder oauth4webapi's
 * discovery check rightly refuses, so multi-tenant apps take the endpoints as Entra ID lays them out. The local
 * Partner Center does the same. No ID token is asked for (no `openid` scope), so no issuer is ever compared.
 */
function authorizationServer(signInAddress: string): oauth.AuthorizationServer {
  const base = signInAddress.replace(/\/+$/, '');
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http only for an authority on this machine (the local Partner Center); anything else must be https. */
function requestOptions(as: oauth.AuthorizationServer) {
  return { [oauth.allowInsecureRequests]: LOOPBACK.has(new URL(as.token_endpoint!).hostname) };
}

/** Who the access token says signed in. The token is the API's to check; the extension only reads it. */
export function accountOf(accessToken: string): Account {
  const claims = decodeJwt(accessToken);
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const upn = text('upn') || text('preferred_username') || text('unique_name');
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  return {
    name: text('name') || upn,
    upn,
    role: isRoleId(roles[0]) ? roles[0] : null,
    tenantId: text('tid'),
  };
}

/** A token endpoint's refusal (invalid_grant, …) with its description, or the endpoint unreachable. */
function tokenFailure(error: unknown, refused: Problem): SignInError {
  if (error instanceof oauth.ResponseBodyError)
    return new SignInError(
      refused,
      error.error_description ? `${error.error}: ${error.error_description}` : error.error,
    );
  if (error instanceof TypeError) return new SignInError('unreachable', error.message);
  return new SignInError('failed', error instanceof Error ? error.message : String(error));
}

export interface SignedIn {
  tokens: Tokens;
  account: Account;
}

async function signedIn(answer: Promise<oauth.TokenEndpointResponse>, now: number, previousRefresh?: string) {
  const tokens = tokensFrom(await answer, now, previousRefresh);
  return { tokens, account: accountOf(tokens.accessToken) };
}

/** What the browser's sign-in window gives back: the address the authority redirected to. */
type LaunchWindow = (url: string) => Promise<string>;

/** Browsers word "the agent closed the window" their own way; anything else is a failure to show. */
const CLOSED = /did not approve|cancel|closed/i;

/**
 * The whole sign-in: the window (through `launch`), the authority's answer checked (state, error), the code redeemed
 * with the PKCE verifier. `prompt: 'login'` makes the authority ask again (after MFA was required); `prompt: 'none'`
 * is the silent sign-in — `launch` shows nothing, the authority answers from its own session (for `loginHint`, the
 * account signed in before) or refuses (`login_required`, `interaction_required`).
 */
export async function signInInteractively(
  settings: PartnerCenterSettings,
  launch: LaunchWindow,
  redirectUri: string,
  now: () => number,
  prompt?: 'login' | 'none',
  loginHint?: string,
): Promise<SignedIn> {
  const as = authorizationServer(settings.signInAddress);
  const client: oauth.Client = { client_id: settings.clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: SIGN_IN_SCOPE,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...(prompt ? { prompt } : {}),
    ...(loginHint ? { login_hint: loginHint } : {}),
  }).toString();

  let redirected: string;
  try {
    redirected = await launch(url.href);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SignInError(CLOSED.test(message) ? 'cancelled' : 'failed', message);
  }
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, new URL(redirected), state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError)
      throw new SignInError('refused', error.error_description ?? error.error);
    throw new SignInError('failed', error instanceof Error ? error.message : String(error));
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      params,
      redirectUri,
      verifier,
      requestOptions(as),
    );
    return await signedIn(oauth.processAuthorizationCodeResponse(as, client, response), now());
  } catch (error) {
    throw tokenFailure(error, 'refused');
  }
}

/** A silent refresh: new tokens (the refresh token rotated), or `expired` when the authority refuses it. */
export async function refreshTokens(
  settings: PartnerCenterSettings,
  refreshToken: string,
  now: () => number,
): Promise<SignedIn> {
  const as = authorizationServer(settings.signInAddress);
  const client: oauth.Client = { client_id: settings.clientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), refreshToken, requestOptions(as));
    return await signedIn(oauth.processRefreshTokenResponse(as, client, response), now(), refreshToken);
  } catch (error) {
    throw tokenFailure(error, 'expired');
  }
}
