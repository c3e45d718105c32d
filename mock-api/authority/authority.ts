/**
 * The mock sign-in authority: authorization codes bound to PKCE, RS256 access tokens for the Partner Center API
 * (signed with jose), refresh tokens as Entra ID gives a single-page app, and the check `/v1` makes of every bearer
 * token. Codes live in memory (ten minutes, one use); tokens are signed JWTs, so they outlive a restart with the key
 * that signed them.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { PC_AUDIENCE, PC_SCOPE } from '@/domain/partner-center';
import { isRoleId, type RoleId } from '@/domain/roles';
import { OAuthError } from './oauth-error';
import { RefreshLedger } from './refresh-ledger';
import type { AppTokenResponse, TokenResponse } from './shapes';
import { loadSigningKey, type SigningKey } from './signing-key';
import { type TestUser, testUser } from './users';

export const DEFAULT_TOKEN_LIFETIME = 3600;
const CODE_SECONDS = 600;
const REFRESH_SECONDS = 24 * 3600;
/** How long a sign-in at the authority's page lets `prompt=none` sign in silently. */
const SESSION_SECONDS = 24 * 3600;
/** Refresh tokens are signed like access tokens but for this audience, so `/v1` never takes one for the other. */
const REFRESH_AUDIENCE = 'urn:customer-desk:mock-authority:refresh-token';
/** RFC 7636 §4.1. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** What a sign-in grants: who, to which client, with which requested scopes. */
export interface Grant {
  user: TestUser;
  clientId: string;
  scope: string;
  nonce?: string;
  /** For a refresh: the sign-in's refresh-token family and its fixed expiry (epoch seconds). */
  family?: { id: string; expires: number };
}

/** PKCE (RFC 7636): `S256`, or `plain` (the challenge is the verifier), both of which Entra ID takes. */
export interface Challenge {
  value: string;
  method: 'S256' | 'plain';
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge: Challenge;
  expires: number;
  redeemed: boolean;
}

export interface AuthorityOptions {
  /** Of access tokens, in seconds. */
  tokenLifetime?: number;
  /** The one client secret `grant_type=client_credentials` takes (any client id); none: every secret is unknown. */
  clientSecret?: string;
  /** Each refresh token works once; a reused one revokes every token of its sign-in. */
  rotateRefreshTokens?: boolean;
}

export type TokenCheck =
  /** `app`: an application's own token (client credentials); its `upn` is then the application's client id. */
  | { ok: true; upn: string; name: string; role: RoleId | undefined; tid: string; app: boolean }
  | { ok: false; reason: string };

/**
 * The role of an application's own token. Partner Center gives an application registered in its account settings
 * the Admin agent's rights (README, "Where Microsoft's documentation is ambiguous").
 */
const APP_ROLE: RoleId = 'admin-agent';

const seconds = () => Math.floor(Date.now() / 1000);

/** Compares in constant time, so the answer's timing says nothing of how much of a secret was right. */
function equalSecrets(given: string, expected: string): boolean {
  const [a, b] = [createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest()];
  return timingSafeEqual(a, b);
}
const base64urlSha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export class Authority {
  private readonly codes = new Map<string, PendingCode>();
  /** Sign-in sessions (the session cookie's value → who signed in, until when); in memory, as codes are. */
  private readonly sessions = new Map<string, { user: TestUser; expires: number }>();

  private constructor(
    private readonly key: SigningKey,
    readonly tokenLifetime: number,
    /** With `--rotate-refresh-tokens` only. */
    private readonly ledger: RefreshLedger | undefined,
    private readonly clientSecret: string | undefined,
  ) {}

  static async open(dbPath: string, options: AuthorityOptions = {}): Promise<Authority> {
    const ledger = options.rotateRefreshTokens ? RefreshLedger.open(dbPath) : undefined;
    const key = await loadSigningKey(dbPath);
    return new Authority(key, options.tokenLifetime ?? DEFAULT_TOKEN_LIFETIME, ledger, options.clientSecret);
  }

  /** The partner's tenant id, fixed for this database. */
  get tid(): string {
    return this.key.tid;
  }

  get jwks() {
    return { keys: [this.key.publicJwk] };
  }

  issuer(origin: string): string {
    return `${origin}/${this.tid}/v2.0`;
  }

  issueCode(grant: Grant, redirectUri: string, challenge: Challenge): string {
    const now = Date.now();
    for (const [code, pending] of this.codes) if (pending.expires < now) this.codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...grant, redirectUri, challenge, expires: now + CODE_SECONDS * 1000, redeemed: false });
    return code;
  }

  /** A session for a user who signed in at the authority: the value of its session cookie. */
  startSession(user: TestUser): string {
    const now = Date.now();
    for (const [id, session] of this.sessions) if (session.expires < now) this.sessions.delete(id);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { user, expires: now + SESSION_SECONDS * 1000 });
    return id;
  }

  /** Who a session cookie signs in, if it is one of this authority's and alive. */
  sessionUser(id: string | undefined): TestUser | undefined {
    const session = id === undefined ? undefined : this.sessions.get(id);
    return session && session.expires >= Date.now() ? session.user : undefined;
  }

  /** A code for its grant: once only, by the client and redirect URI it was issued to, with the PKCE verifier. */
  redeemCode(code: string, clientId: string, redirectUri: string, verifier: string): Grant {
    const pending = this.codes.get(code);
    if (!pending) throw new OAuthError('invalid_grant', 70000, 'The provided authorization code is not valid.');
    if (pending.redeemed)
      throw new OAuthError('invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed.');
    pending.redeemed = true;
    if (pending.expires < Date.now())
      throw new OAuthError('invalid_grant', 70008, 'The provided authorization code has expired.');
    if (pending.clientId !== clientId)
      throw new OAuthError('invalid_grant', 70000, 'The authorization code was issued to another client_id.');
    if (pending.redirectUri !== redirectUri)
      throw new OAuthError('invalid_grant', 70000, 'redirect_uri differs from the one the code was issued to.');
    const { value, method } = pending.challenge;
    if (!VERIFIER.test(verifier) || (method === 'S256' ? base64urlSha256(verifier) : verifier) !== value)
      throw new OAuthError(
        'invalid_grant',
        50148,
        'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
      );
    const { user, scope, nonce } = pending;
    return { user, clientId, scope, nonce };
  }

  /**
   * A refresh token for its grant. It stays valid when used (as Entra ID's do) unless `--rotate-refresh-tokens`;
   * the answer carries a new one with the same family and expiry: refreshing never extends the sign-in's 24 hours.
   */
  async redeemRefreshToken(token: string, clientId: string): Promise<Grant> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key.publicKey, { audience: REFRESH_AUDIENCE, algorithms: ['RS256'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new OAuthError(
          'invalid_grant',
          700084,
          "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1 day, which can't be extended.",
        );
      throw new OAuthError('invalid_grant', 9002313, 'Invalid request. The refresh token is malformed or not valid.');
    }
    if (payload.azp !== clientId)
      throw new OAuthError('invalid_grant', 70000, 'The refresh token was issued to another client_id.');
    const user = testUser(String(payload.upn));
    if (!user) throw new OAuthError('invalid_grant', 70000, 'The refresh token names an unknown user.');
    const family = { id: String(payload.fam), expires: Number(payload.exp) };
    const redeemed = this.ledger?.redeem(String(payload.jti), family.id, family.expires) ?? 'ok';
    if (redeemed !== 'ok')
      throw new OAuthError(
        'invalid_grant',
        50173,
        redeemed === 'reused'
          ? 'The provided grant has been revoked: this refresh token was already used, so every token of its sign-in is revoked (--rotate-refresh-tokens).'
          : 'The provided grant has been revoked: a token of its sign-in was reused (--rotate-refresh-tokens).',
      );
    return { user, clientId, scope: String(payload.scope ?? ''), family };
  }

  /**
   * The ID token's `sub`: "The subject is a pairwise identifier and is unique to an application ID" (ID token
   * claims), so two applications get different ones for the same user, whose `oid` they share. Derived from the key's id, the
   * user and the client: the same across restarts for this database.
   */
  private pairwiseSubject(user: TestUser, clientId: string): string {
    return base64urlSha256(`${this.key.kid}\n${user.oid}\n${clientId}`);
  }

  async tokens(grant: Grant, origin: string): Promise<TokenResponse> {
    const { user, clientId, scope } = grant;
    const now = seconds();
    const sign = (claims: Record<string, unknown>, audience: string, expires: number, subject = user.oid) =>
      this.sign(claims, { origin, audience, subject, expires });
    const access = await sign(
      { scp: PC_SCOPE, upn: user.upn, name: user.name, roles: [user.role], oid: user.oid, azp: clientId },
      PC_AUDIENCE,
      now + this.tokenLifetime,
    );
    const scopes = scope.split(' ');
    // "Only provided if offline_access scope was requested" (the auth code flow page); one family per sign-in.
    const jti = randomUUID();
    const family = grant.family ?? { id: jti, expires: now + REFRESH_SECONDS };
    const refresh = scopes.includes('offline_access')
      ? await sign({ upn: user.upn, azp: clientId, scope, jti, fam: family.id }, REFRESH_AUDIENCE, family.expires)
      : undefined;
    // An ID token when the client asked for OpenID Connect, as Entra ID gives one: who signed in, for the client.
    const id = scopes.includes('openid')
      ? await sign(
          {
            oid: user.oid,
            name: user.name,
            preferred_username: user.upn,
            ...(grant.nonce ? { nonce: grant.nonce } : {}),
          },
          clientId,
          now + this.tokenLifetime,
          this.pairwiseSubject(user, clientId),
        )
      : undefined;
    return {
      token_type: 'Bearer',
      scope: `${PC_AUDIENCE}/${PC_SCOPE}`,
      expires_in: this.tokenLifetime,
      access_token: access,
      ...(refresh ? { refresh_token: refresh } : {}),
      ...(id ? { id_token: id } : {}),
    };
  }

  /**
   * A JWT of this authority: RS256 with the kept key, this tenant's `tid`, issued now, with Entra ID's `uti` (its
   * per-token identifier), so two tokens issued in the same second for the same user still differ.
   */
  private sign(
    claims: Record<string, unknown>,
    at: { origin: string; audience: string; subject: string; expires: number },
  ): Promise<string> {
    const now = seconds();
    return new SignJWT({ tid: this.tid, uti: randomBytes(16).toString('base64url'), ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.issuer(at.origin))
      .setAudience(at.audience)
      .setSubject(at.subject)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(at.expires)
      .sign(this.key.privateKey);
  }

  /**
   * An application's own access token (client credentials): the secret checked as Entra ID checks it, then a token
   * with the app's `roles`, `idtyp: "app"`, and no `upn`, `name` or `scp` — nobody signed in.
   */
  async appToken(clientId: string, secret: string, origin: string): Promise<AppTokenResponse> {
    const known = this.clientSecret !== undefined && equalSecrets(secret, this.clientSecret);
    if (!known)
      throw new OAuthError(
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    const now = seconds();
    // The application's service principal: one per client id, as stable as the key.
    const oid = base64urlSha256(`${this.key.kid}\napp\n${clientId}`);
    const access = await this.sign(
      { roles: [APP_ROLE], idtyp: 'app', azp: clientId, appid: clientId, oid },
      { origin, audience: PC_AUDIENCE, subject: oid, expires: now + this.tokenLifetime },
    );
    return {
      token_type: 'Bearer',
      expires_in: this.tokenLifetime,
      ext_expires_in: this.tokenLifetime,
      access_token: access,
    };
  }

  /**
   * A bearer token's verdict: an access token of this authority for Partner Center — signed by its key (RS256), its
   * `iss` (`<origin>/<tenant>/v2.0`), Partner Center's `aud`, not expired (no leeway), this tenant — and either
   * delegated (`scp` containing `user_impersonation`) or app-only (`idtyp: "app"` with `roles`, no `scp`). An ID
   * token, even one whose audience is Partner Center's, is neither.
   */
  async check(token: string): Promise<TokenCheck> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key.publicKey, { audience: PC_AUDIENCE, algorithms: ['RS256'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'The token has expired.' };
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
        return { ok: false, reason: `The token is for another audience; this API takes tokens for ${PC_AUDIENCE}.` };
      if (error instanceof errors.JWSSignatureVerificationFailed)
        return { ok: false, reason: "The token's signature is not valid." };
      return { ok: false, reason: `The token is not valid: ${(error as Error).message}` };
    }
    if (payload.tid !== this.tid) return { ok: false, reason: 'The token is for another tenant.' };
    // Any origin: a tester may sign in at localhost and call 127.0.0.1; the key already names this authority.
    const iss = typeof payload.iss === 'string' && URL.canParse(payload.iss) ? new URL(payload.iss) : undefined;
    if (!iss || !/^https?:$/.test(iss.protocol) || iss.pathname !== `/${this.tid}/v2.0`)
      return {
        ok: false,
        reason: `The token is from another issuer; this API takes tokens from <origin>/${this.tid}/v2.0.`,
      };
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    const app = payload.idtyp === 'app';
    const delegated = typeof payload.scp === 'string' && payload.scp.split(' ').includes(PC_SCOPE);
    if (app ? payload.scp !== undefined || !Array.isArray(payload.roles) : !delegated)
      return {
        ok: false,
        reason: `Not an access token for Partner Center: a delegated one has scp "${PC_SCOPE}", an app-only one idtyp "app" and roles (an ID token is neither).`,
      };
    return {
      ok: true,
      upn: String(payload.upn ?? ''),
      name: String(payload.name ?? ''),
      role: roles.find(isRoleId),
      tid: this.tid,
      app,
      ...(app ? { upn: String(payload.azp ?? '') } : {}),
    };
  }
}
