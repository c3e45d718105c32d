/**
 * Who calls `/v1`: a bearer token from the sign-in authority (not `X-Partner-Role`). Missing, expired, badly signed
 * or for another audience → 401 with `WWW-Authenticate: Bearer`; then an application's own token is refused where the
 * operation needs a user (403), and the token's `roles` claim decides through the one role table (`domain/roles.ts`),
 * 403 with the same reason the desk API gives.
 */
import type { RequestHandler } from 'express';
import { can, denialReason } from '@/domain/roles';
import type { Authority } from '../authority/authority';
import type { Actor } from '../resource-writes';
import { PcError, sendPcError } from './errors';
import type { V1Route } from './handle';

/** RFC 6750 §3: the challenge; with `error` only when a token was presented. */
function challenge(authorizationUri: string, error?: string): Record<string, string> {
  const parts = [`Bearer realm="api.partnercenter.microsoft.com"`, `authorization_uri="${authorizationUri}"`];
  // A header value is visible ASCII (RFC 9110 §5.5); the reason may quote a library's message.
  if (error)
    parts.push(
      `error="invalid_token"`,
      `error_description="${error.replace(/"/g, "'").replace(/[^\x20-\x7e]/g, '?')}"`,
    );
  return { 'WWW-Authenticate': parts.join(', ') };
}

export function signedIn(authority: Authority): RequestHandler {
  return (req, res, next) => {
    const authorizationUri = `${req.protocol}://${req.get('host')}/${authority.tid}/oauth2/v2.0/authorize`;
    const match = /^Bearer +(\S+)$/i.exec(req.get('Authorization') ?? '');
    if (!match) {
      return sendPcError(
        res,
        new PcError(
          'tokenMissing',
          'Send "Authorization: Bearer <access token>" from the sign-in authority.',
          [],
          challenge(authorizationUri),
        ),
      );
    }
    authority.check(match[1]).then((verdict) => {
      if (!verdict.ok)
        return sendPcError(
          res,
          new PcError('accessDenied', verdict.reason, [], challenge(authorizationUri, verdict.reason)),
        );
      res.locals.actor = { role: verdict.role, upn: verdict.upn } satisfies Partial<Actor>;
      res.locals.tid = verdict.tid;
      res.locals.app = verdict.app;
      next();
    }, next);
  };
}

/**
 * 403 for an application's own token where the operation needs a signed-in user (App+User), then unless the role
 * may do the route's action (a token with no known role may do nothing).
 */
export function needs(route: Pick<V1Route, 'right' | 'appCredentials'>): RequestHandler {
  return (_req, res, next) => {
    if (res.locals.app && !route.appCredentials)
      return sendPcError(
        res,
        new PcError('appCredentials', 'this operation supports App+User credentials only: sign in as a user.'),
      );
    const { role } = res.locals.actor as Partial<Actor>;
    if (!role) return sendPcError(res, new PcError('forbidden', 'The token carries no Partner Center role.'));
    if (!can(role, route.right)) return sendPcError(res, new PcError('forbidden', denialReason(role, route.right)));
    next();
  };
}
