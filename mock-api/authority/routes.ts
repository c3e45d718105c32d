/**
 * The sign-in authority at Microsoft identity platform's paths, for any tenant segment (`common`, `organizations`,
 * the partner's tenant id, a domain): discovery, the authorize page, the token endpoint and the signing keys.
 */
import type { Request, Response } from 'express';
import { z } from 'zod/mini';
import { readBody } from '../middlewares/json-body';
import type { Reply } from '../openapi/operation';
import { htmlPage, publicErrors, query } from '../openapi/replies';
import type { RouteGroup } from '../route-table';
import { type Authority, type Grant, OAuthError } from './authority';
import { isAllowedRedirectUri } from './redirect-uris';
import { Jwks, OAuthErrorBody, OpenIdConfiguration, TokenResponse } from './shapes';
import { errorPage, signInPage } from './sign-in-page';
import { type TestUser, testUser } from './users';

const FORM = 'application/x-www-form-urlencoded';
/** Entra ID's multi-tenant aliases: their discovery document names the issuer with a `{tenantid}` placeholder. */
const ALIASES = ['common', 'organizations', 'consumers'];
const AUTHORIZE_PARAMS = [
  query('client_id', 'Any client id.', true),
  query('response_type', '`code`.', true),
  query('redirect_uri', "An extension's identity address or on localhost.", true),
  query('scope', 'Space separated.'),
  query('state', 'Returned with the code.'),
  query('code_challenge', 'PKCE: base64url SHA-256 of the verifier.', true),
  query('code_challenge_method', '`S256`.', true),
  query('login_hint', 'A test user signs in at once.'),
  query(
    'prompt',
    '`none`: a code from the session, or `login_required`/`interaction_required`; `login` or `select_account` show the page anyway.',
  ),
  query('nonce', 'Put in the ID token.'),
  query('response_mode', '`query`.'),
];

/**
 * The authority's session cookie, named as Entra ID's (`ESTSAUTH`): set when a user signs in on the page or by
 * `login_hint`, read by `prompt=none`. HttpOnly, and `SameSite=Lax` so the top-level navigation of a sign-in window
 * (`launchWebAuthFlow`, silent or not) carries it.
 */
const SESSION_COOKIE = 'ESTSAUTH';

function sessionId(req: Request): string | undefined {
  for (const part of (req.get('Cookie') ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === SESSION_COOKIE) return value;
  }
  return undefined;
}

const grantFor = (user: TestUser, p: Record<string, string>): Grant => ({
  user,
  clientId: p.client_id,
  scope: p.scope ?? '',
  nonce: p.nonce,
});

/** The answer to a valid authorize request, at `redirect_uri`: a code or an error, with the `state`. */
function redirectBack(res: Response, p: Record<string, string>, params: Record<string, string>) {
  const target = new URL(p.redirect_uri);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  if (p.state !== undefined) target.searchParams.set('state', p.state);
  res.redirect(302, target.href);
}

const originOf = (req: Request) => `${req.protocol}://${req.get('host')}`;

function page(res: Response, status: number, html: string) {
  // The page is never framed (clickjacking) and runs no script.
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
  res.status(status).type('html').send(html);
}

/** One value per parameter, as OAuth requires (RFC 6749 §3.1). */
function single(params: URLSearchParams, names: readonly string[]): Record<string, string> | string {
  const values: Record<string, string> = {};
  for (const name of names) {
    const all = params.getAll(name);
    if (all.length > 1) return `${name} is given more than once.`;
    if (all.length === 1) values[name] = all[0];
  }
  return values;
}

/**
 * GET shows the page (or, for a known `login_hint`, signs in at once; with `prompt=none`, from the session only);
 * the page's buttons POST back here with the user chosen. A valid request ends at `redirect_uri` with
 * `code=…&state=…` (or, silently failing, `error=…&state=…`); a bad one gets a 400 page and is never redirected
 * (an unchecked redirect_uri would make this an open redirect).
 */
function authorize(authority: Authority, req: Request, res: Response, params: URLSearchParams, chosen: boolean) {
  const values = single(
    params,
    AUTHORIZE_PARAMS.map((p) => p.name),
  );
  if (typeof values === 'string') return page(res, 400, errorPage('invalid_request', values));
  const p = values;
  const fail = (description: string) => page(res, 400, errorPage('invalid_request', description));
  if (!p.client_id) return fail('client_id is required.');
  if (!isAllowedRedirectUri(p.redirect_uri))
    return fail(
      'redirect_uri must be an extension identity address (https://<id>.chromiumapp.org/… or https://<id>.extensions.allizom.org/…) or on localhost.',
    );
  if (p.response_type !== 'code') return fail('response_type must be "code" (the authorization code flow).');
  if (p.response_mode && p.response_mode !== 'query') return fail('response_mode must be "query".');
  if (!p.code_challenge) return fail('code_challenge is required: this authority takes PKCE only (RFC 7636).');
  if (p.code_challenge_method !== 'S256') return fail('code_challenge_method must be "S256".');
  if (!/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge))
    return fail('code_challenge must be the base64url SHA-256 of the code_verifier (43 characters).');

  // Signing in (a chosen button, a login_hint) starts a session; prompt=none signs in only from one.
  const session = authority.sessionUser(sessionId(req));
  if (p.prompt === 'none') {
    // "If the request can't be completed silently by using single-sign on, the Microsoft identity platform returns
    // an interaction_required error" (auth code flow page); no session at all is Entra's login_required, AADSTS50058.
    if (!session)
      return redirectBack(res, p, {
        error: 'login_required',
        error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
      });
    if (p.login_hint && testUser(p.login_hint) !== session)
      return redirectBack(res, p, {
        error: 'interaction_required',
        error_description: 'AADSTS16000: The user named by login_hint is not the one signed in; sign in interactively.',
      });
    return redirectBack(res, p, { code: authority.issueCode(grantFor(session, p), p.redirect_uri, p.code_challenge) });
  }
  const user = testUser(p.login_hint);
  const mustChoose = !chosen && ['login', 'select_account'].includes(p.prompt ?? '');
  if (!user || mustChoose) return page(res, 200, signInPage(req.path, p, p.client_id, p.redirect_uri));
  res.cookie(SESSION_COOKIE, authority.startSession(user), { httpOnly: true, sameSite: 'lax', path: '/' });
  redirectBack(res, p, { code: authority.issueCode(grantFor(user, p), p.redirect_uri, p.code_challenge) });
}

async function token(authority: Authority, req: Request): Promise<object> {
  const body = await readBody(req, [FORM]);
  if (!body.ok) throw new OAuthError('invalid_request', `The token request must be ${FORM}, up to 64 KiB.`);
  const values = single(new URLSearchParams(body.body), [
    'grant_type',
    'code',
    'redirect_uri',
    'client_id',
    'code_verifier',
    'refresh_token',
    'scope',
  ]);
  if (typeof values === 'string') throw new OAuthError('invalid_request', values);
  const p = values;
  const need = (...names: string[]) => {
    const missing = names.filter((name) => !p[name]);
    if (missing.length) throw new OAuthError('invalid_request', `${missing.join(', ')} required.`);
  };
  let grant: Grant;
  if (p.grant_type === 'authorization_code') {
    need('code', 'redirect_uri', 'client_id', 'code_verifier');
    grant = authority.redeemCode(p.code, p.client_id, p.redirect_uri, p.code_verifier);
  } else if (p.grant_type === 'refresh_token') {
    need('refresh_token', 'client_id');
    grant = await authority.redeemRefreshToken(p.refresh_token, p.client_id);
  } else {
    throw new OAuthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
  }
  return authority.tokens(grant, originOf(req));
}

/** The discovery document for the tenant segment the request names. */
function discovery(authority: Authority, req: Request): OpenIdConfiguration {
  const origin = originOf(req);
  const base = `${origin}/${encodeURIComponent(req.params.tenant)}`;
  return {
    issuer: ALIASES.includes(req.params.tenant) ? `${origin}/{tenantid}/v2.0` : authority.issuer(origin),
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid', 'profile', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'preferred_username', 'oid', 'tid', 'nonce'],
  };
}

const form = { schema: z.record(z.string(), z.string()), types: [FORM] };
const redirect: Reply = {
  description: 'To redirect_uri with `code` and `state`.',
  headers: { Location: 'redirect_uri?code=…&state=…' },
};
const badRequest = htmlPage('A bad request, explained; never redirected.');

export const authorityRoutes: RouteGroup<Authority> = {
  tag: 'Sign-in authority',
  auth: 'none',
  routes: [
    {
      method: 'get',
      path: '/:tenant/v2.0/.well-known/openid-configuration',
      summary: 'OpenID Connect discovery',
      responses: { 200: { description: 'The endpoints.', schema: OpenIdConfiguration }, ...publicErrors(503) },
      handle: (authority) => (req, res) => {
        res.json(discovery(authority, req));
      },
    },
    {
      method: 'get',
      path: '/:tenant/discovery/v2.0/keys',
      summary: 'The signing key (JWKS)',
      responses: { 200: { description: 'The public key.', schema: Jwks }, ...publicErrors(503) },
      handle: (authority) => (_req, res) => {
        res.json(authority.jwks);
      },
    },
    {
      method: 'get',
      path: '/:tenant/oauth2/v2.0/authorize',
      summary: 'Sign in (authorization code with PKCE)',
      parameters: AUTHORIZE_PARAMS,
      responses: {
        200: htmlPage('"Sign in to the mock Partner Center": one button per test user.'),
        302: redirect,
        400: badRequest,
        ...publicErrors(503),
      },
      handle: (authority) => (req, res) => {
        authorize(authority, req, res, new URL(req.originalUrl, 'http://localhost').searchParams, false);
      },
    },
    {
      method: 'post',
      path: '/:tenant/oauth2/v2.0/authorize',
      summary: "The sign-in page's button",
      body: form,
      responses: { 200: htmlPage('The page again.'), 302: redirect, 400: badRequest, ...publicErrors(503) },
      handle: (authority) => (req, res, next) => {
        readBody(req, [FORM]).then((body) => {
          if (!body.ok) return page(res, 400, errorPage('invalid_request', `Send the form as ${FORM}.`));
          authorize(authority, req, res, new URLSearchParams(body.body), true);
        }, next);
      },
    },
    {
      method: 'post',
      path: '/:tenant/oauth2/v2.0/token',
      summary: 'Redeem a code or a refresh token',
      body: form,
      responses: {
        200: { description: 'Tokens.', schema: TokenResponse },
        400: { description: 'invalid_request, invalid_grant or unsupported_grant_type.', schema: OAuthErrorBody },
        ...publicErrors(503),
      },
      handle: (authority) => (req, res, next) => {
        res.setHeader('Cache-Control', 'no-store');
        token(authority, req).then(
          (answer) => res.json(answer),
          (error) => {
            if (!(error instanceof OAuthError)) return next(error);
            res.status(400).json({ error: error.error, error_description: error.description });
          },
        );
      },
    },
  ],
};
