/**
 * The sign-in authority at Microsoft identity platform's paths, for any tenant segment (`common`, `organizations`,
 * the partner's tenant id, a domain): discovery, the authorize page, the token endpoint and the signing keys.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod/mini';
import { PC_AUDIENCE } from '@/domain/partner-center';
import { readBody } from '../middlewares/json-body';
import { formDecoded } from '../middlewares/percent-encoding';
import type { Reply } from '../openapi/operation';
import { htmlPage, publicErrors, query } from '../openapi/replies';
import type { RouteGroup } from '../route-table';
import type { Authority, Challenge, Grant } from './authority';
import { OAuthError } from './oauth-error';
import { isAllowedRedirectUri } from './redirect-uris';
import { AppTokenResponse, Jwks, OAuthErrorBody, OpenIdConfiguration, TokenResponse } from './shapes';
import { errorPage, formPostPage, signInPage } from './sign-in-page';
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
  query('code_challenge', 'PKCE: base64url SHA-256 of the verifier (S256), or the verifier itself (plain).', true),
  query('code_challenge_method', '`S256` or `plain` (the default, as RFC 7636 says).'),
  query('login_hint', 'A test user signs in at once.'),
  query(
    'prompt',
    '`none`: a code from the session, or `login_required`/`interaction_required`; `login` or `select_account` show the page anyway.',
  ),
  query('nonce', 'Put in the ID token.'),
  query('response_mode', '`query` (the default) or `form_post`: a page that posts the answer to redirect_uri.'),
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

/**
 * The answer to a valid authorize request, at `redirect_uri`: a code or an error, with the `state`. A 302 with them
 * in the query, or with `response_mode=form_post` a page whose form posts them there at once, as Entra ID does.
 */
function redirectBack(res: Response, p: Record<string, string>, params: Record<string, string>) {
  const fields = { ...params, ...(p.state !== undefined ? { state: p.state } : {}) };
  if (p.response_mode === 'form_post') {
    const nonce = randomBytes(16).toString('base64');
    // The one script allowed is the page's own, by its nonce; the form may post only to the checked redirect_uri.
    return page(res, 200, formPostPage(p.redirect_uri, fields, nonce), `script-src 'nonce-${nonce}'`);
  }
  const target = new URL(p.redirect_uri);
  for (const [name, value] of Object.entries(fields)) target.searchParams.set(name, value);
  res.redirect(302, target.href);
}

const originOf = (req: Request) => `${req.protocol}://${req.get('host')}`;

function page(res: Response, status: number, html: string, scripts = '') {
  // The page is never framed (clickjacking) and runs no script but form_post's own.
  const policy = ["default-src 'none'", "style-src 'unsafe-inline'", "frame-ancestors 'none'", scripts].filter(Boolean);
  res.setHeader('Content-Security-Policy', policy.join('; '));
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
  if (p.response_mode && !['query', 'form_post'].includes(p.response_mode))
    return fail('response_mode must be "query" or "form_post".');
  if (!p.code_challenge) return fail('code_challenge is required: this authority takes PKCE only (RFC 7636).');
  // "If excluded, code_challenge is assumed to be plaintext" (the auth code flow page; RFC 7636 §4.3).
  const method = p.code_challenge_method ?? 'plain';
  if (method !== 'S256' && method !== 'plain') return fail('code_challenge_method must be "S256" or "plain".');
  if (method === 'S256' && !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge))
    return fail('code_challenge must be the base64url SHA-256 of the code_verifier (43 characters).');
  if (method === 'plain' && !/^[A-Za-z0-9._~-]{43,128}$/.test(p.code_challenge))
    return fail('A plain code_challenge is the code_verifier itself: 43 to 128 of A–Z, a–z, 0–9, "-", ".", "_", "~".');
  const challenge: Challenge = { value: p.code_challenge, method };

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
    return redirectBack(res, p, { code: authority.issueCode(grantFor(session, p), p.redirect_uri, challenge) });
  }
  const user = testUser(p.login_hint);
  const mustChoose = !chosen && ['login', 'select_account'].includes(p.prompt ?? '');
  if (!user || mustChoose) return page(res, 200, signInPage(req.path, p, p.client_id, p.redirect_uri));
  res.cookie(SESSION_COOKIE, authority.startSession(user), { httpOnly: true, sameSite: 'lax', path: '/' });
  redirectBack(res, p, { code: authority.issueCode(grantFor(user, p), p.redirect_uri, challenge) });
}

async function token(authority: Authority, req: Request): Promise<object> {
  const body = await readBody(req, [FORM]);
  if (!body.ok)
    throw new OAuthError('invalid_request', 9002313, `Invalid request: the body must be ${FORM}, up to 64 KiB.`);
  const values = single(new URLSearchParams(body.body), [
    'grant_type',
    'code',
    'redirect_uri',
    'client_id',
    'code_verifier',
    'refresh_token',
    'scope',
    'client_secret',
  ]);
  if (typeof values === 'string') throw new OAuthError('invalid_request', 9002313, `Invalid request: ${values}`);
  const p = { ...basicCredentials(req), ...values };
  const need = (...names: string[]) => {
    const missing = names.find((name) => !p[name]);
    if (missing)
      throw new OAuthError(
        'invalid_request',
        900144,
        `The request body must contain the following parameter: '${missing}'.`,
      );
  };
  let grant: Grant;
  if (p.grant_type === 'authorization_code') {
    need('code', 'redirect_uri', 'client_id', 'code_verifier');
    grant = authority.redeemCode(p.code, p.client_id, p.redirect_uri, p.code_verifier);
  } else if (p.grant_type === 'refresh_token') {
    need('refresh_token', 'client_id');
    grant = await authority.redeemRefreshToken(p.refresh_token, p.client_id);
  } else if (p.grant_type === 'client_credentials') {
    // "the Microsoft identity platform also blocks the use of client credentials in all flows in the presence of an
    // Origin header, to ensure that secrets aren't used from within browsers" (auth code flow page).
    const origin = req.get('Origin');
    if (origin)
      throw new OAuthError(
        'invalid_request',
        9002326,
        `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
      );
    need('client_id', 'scope');
    if (!p.client_secret)
      throw new OAuthError(
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    // "The value passed for the scope parameter in this request should be the resource identifier (application ID
    // URI) of the resource you want, affixed with the .default suffix" (client credentials flow page).
    if (p.scope !== `${PC_AUDIENCE}/.default`)
      throw new OAuthError(
        'invalid_scope',
        1002012,
        `The provided value for scope ${p.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI): ${PC_AUDIENCE}/.default.`,
      );
    return authority.appToken(p.client_id, p.client_secret, originOf(req));
  } else {
    need('grant_type');
    throw new OAuthError(
      'unsupported_grant_type',
      70003,
      'The app requested an unsupported grant type: grant_type must be authorization_code, refresh_token or client_credentials.',
    );
  }
  return authority.tokens(grant, originOf(req));
}

/** `Authorization: Basic` client credentials (RFC 6749 §2.3.1), which Entra ID takes beside the form's. */
function basicCredentials(req: Request): Record<string, string> {
  const match = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(req.get('Authorization') ?? '');
  const text = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = text.indexOf(':');
  if (colon < 0) return {};
  // Form-encoded before base64 (§2.3.1); text that does not decode is taken as it is.
  const decode = (part: string) => formDecoded(part) ?? part;
  return { client_id: decode(text.slice(0, colon)), client_secret: decode(text.slice(colon + 1)) };
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
    response_modes_supported: ['query', 'form_post'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256', 'plain'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
    scopes_supported: ['openid', 'profile', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'preferred_username', 'oid', 'tid', 'nonce'],
  };
}

const form = { schema: z.record(z.string(), z.string()), types: [FORM] };
const redirect: Reply = {
  description: 'To redirect_uri with `code` and `state` (or, with `prompt=none` and no session, `error` and `state`).',
  headers: {
    Location: 'redirect_uri?code=…&state=…',
    'Set-Cookie?': 'ESTSAUTH=…; Path=/; HttpOnly; SameSite=Lax — the sign-in session, when a user signed in.',
  },
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
        200: htmlPage(
          '"Sign in to the mock Partner Center": one button per test user; with `response_mode=form_post`, the answer as a form posting itself to redirect_uri.',
        ),
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
      responses: {
        200: htmlPage('The page again, or the form_post answer.'),
        302: redirect,
        400: badRequest,
        ...publicErrors(503),
      },
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
      summary: "Redeem a code or a refresh token, or an application's secret (client credentials)",
      body: form,
      responses: {
        200: {
          description: "Tokens; for client credentials, the application's own access token.",
          schema: z.union([TokenResponse, AppTokenResponse]),
        },
        400: {
          description: "invalid_request, invalid_grant, invalid_scope or unsupported_grant_type, in Entra ID's shape.",
          schema: OAuthErrorBody,
        },
        401: {
          description: 'invalid_client: no client secret, or not the one `--client-secret` set.',
          schema: OAuthErrorBody,
        },
        ...publicErrors(503),
      },
      handle: (authority) => (req, res, next) => {
        res.setHeader('Cache-Control', 'no-store');
        token(authority, req).then(
          (answer) => res.json(answer),
          (error) => {
            if (!(error instanceof OAuthError)) return next(error);
            res.status(error.status).json(error.body(req.get('client-request-id')));
          },
        );
      },
    },
  ],
};
