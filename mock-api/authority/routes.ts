/**
 * The sign-in authority at Microsoft identity platform's paths, for any tenant segment (`common`, `organizations`,
 * the partner's tenant id, a domain): discovery, the authorize page, the token endpoint and the signing keys.
 */
import type { Express, Request, Response } from 'express';
import { readBody } from '../middlewares/json-body';
import { type Authority, type Grant, OAuthError } from './authority';
import { isAllowedRedirectUri } from './redirect-uris';
import type { OpenIdConfiguration } from './shapes';
import { errorPage, signInPage } from './sign-in-page';
import { testUser } from './users';

const FORM = 'application/x-www-form-urlencoded';
/** Entra ID's multi-tenant aliases: their discovery document names the issuer with a `{tenantid}` placeholder. */
const ALIASES = ['common', 'organizations', 'consumers'];
const AUTHORIZE_PARAMS = [
  'client_id',
  'response_type',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
  'login_hint',
  'prompt',
  'response_mode',
];

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
 * GET shows the page (or, for a known `login_hint`, signs in at once); the page's buttons POST back here with the
 * user chosen. Either way a valid request ends in a 302 to `redirect_uri?code=…&state=…`; a bad one gets a 400 page
 * and is never redirected (an unchecked redirect_uri would make this an open redirect).
 */
function authorize(authority: Authority, req: Request, res: Response, params: URLSearchParams, chosen: boolean) {
  const values = single(params, AUTHORIZE_PARAMS);
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

  const user = testUser(p.login_hint);
  const mustChoose = !chosen && ['login', 'select_account'].includes(p.prompt ?? '');
  if (!user || mustChoose) return page(res, 200, signInPage(req.path, p, p.client_id, p.redirect_uri));
  const grant: Grant = { user, clientId: p.client_id, scope: p.scope ?? '', nonce: p.nonce };
  const target = new URL(p.redirect_uri);
  target.searchParams.set('code', authority.issueCode(grant, p.redirect_uri, p.code_challenge));
  if (p.state !== undefined) target.searchParams.set('state', p.state);
  res.redirect(302, target.href);
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

export function authorityRoutes(app: Express, authority: Authority): void {
  app.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const origin = originOf(req);
    const base = `${origin}/${encodeURIComponent(req.params.tenant)}`;
    res.json({
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
    } satisfies OpenIdConfiguration);
  });
  app.get('/:tenant/discovery/v2.0/keys', (_req, res) => {
    res.json(authority.jwks);
  });
  app.get('/:tenant/oauth2/v2.0/authorize', (req, res) => {
    authorize(authority, req, res, new URL(req.originalUrl, 'http://localhost').searchParams, false);
  });
  app.post('/:tenant/oauth2/v2.0/authorize', (req, res, next) => {
    readBody(req, [FORM]).then((body) => {
      if (!body.ok) return page(res, 400, errorPage('invalid_request', `Send the form as ${FORM}.`));
      authorize(authority, req, res, new URLSearchParams(body.body), true);
    }, next);
  });
  app.post('/:tenant/oauth2/v2.0/token', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    token(authority, req).then(
      (answer) => res.json(answer),
      (error) => {
        if (!(error instanceof OAuthError)) return next(error);
        res.status(400).json({ error: error.error, error_description: error.description });
      },
    );
  });
}
