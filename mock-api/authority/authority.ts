/**
 * The mock sign-in authority: authorization codes bound to PKCE, RS256 access tokens for the Partner Center API
 * (signed with jose), rotated refresh tokens, and the check `/v1` makes of every bearer token. Codes live in memory
 * (ten minutes, one use); tokens are signed JWTs, so they outlive a restart with the key that signed them.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { PC_AUDIENCE, PC_SCOPE } from '@/domain/partner-center';
import { isRoleId, type RoleId } from '@/domain/roles';
import type { TokenResponse } from './shapes';
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
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge: string;
  expires: number;
}

/** An OAuth error of the token endpoint (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }
}

export type TokenCheck =
  | { ok: true; upn: string; name: string; role: RoleId | undefined; tid: string }
  | { ok: false; reason: string };

const seconds = () => Math.floor(Date.now() / 1000);
const base64urlSha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export class Authority {
  private readonly codes = new Map<string, PendingCode>();
  /** Sign-in sessions (the session cookie's value → who signed in, until when); in memory, as codes are. */
  private readonly sessions = new Map<string, { user: TestUser; expires: number }>();
  /** Refresh tokens already exchanged (jti → expiry): each may be used once. */
  private readonly spent = new Map<string, number>();

  private constructor(
    private readonly key: SigningKey,
    readonly tokenLifetime: number,
  ) {}

  static async open(dbPath: string, tokenLifetime = DEFAULT_TOKEN_LIFETIME): Promise<Authority> {
    return new Authority(await loadSigningKey(dbPath), tokenLifetime);
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

  issueCode(grant: Grant, redirectUri: string, challenge: string): string {
    const now = Date.now();
    for (const [code, pending] of this.codes) if (pending.expires < now) this.codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...grant, redirectUri, challenge, expires: now + CODE_SECONDS * 1000 });
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
    this.codes.delete(code);
    if (!pending || pending.expires < Date.now())
      throw new OAuthError('invalid_grant', 'The authorization code is unknown, used or expired.');
    if (pending.clientId !== clientId)
      throw new OAuthError('invalid_grant', 'The authorization code was issued to another client_id.');
    if (pending.redirectUri !== redirectUri)
      throw new OAuthError('invalid_grant', 'redirect_uri differs from the one the code was issued to.');
    if (!VERIFIER.test(verifier) || base64urlSha256(verifier) !== pending.challenge)
      throw new OAuthError('invalid_grant', 'The code_verifier does not match the code_challenge.');
    const { user, scope, nonce } = pending;
    return { user, clientId, scope, nonce };
  }

  /** A refresh token for its grant, once: the answer carries a new one (rotation). */
  async redeemRefreshToken(token: string, clientId: string): Promise<Grant> {
    const now = seconds();
    for (const [jti, expires] of this.spent) if (expires < now) this.spent.delete(jti);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key.publicKey, { audience: REFRESH_AUDIENCE, algorithms: ['RS256'] }));
    } catch {
      throw new OAuthError('invalid_grant', 'The refresh token is not valid or has expired.');
    }
    const jti = String(payload.jti);
    if (this.spent.has(jti)) throw new OAuthError('invalid_grant', 'The refresh token was already used.');
    if (payload.azp !== clientId)
      throw new OAuthError('invalid_grant', 'The refresh token was issued to another client_id.');
    const user = testUser(String(payload.upn));
    if (!user) throw new OAuthError('invalid_grant', 'The refresh token names an unknown user.');
    this.spent.set(jti, Number(payload.exp));
    return { user, clientId, scope: String(payload.scope ?? '') };
  }

  async tokens(grant: Grant, origin: string): Promise<TokenResponse> {
    const { user, clientId, scope } = grant;
    const now = seconds();
    const sign = (claims: Record<string, unknown>, audience: string, lifetime: number) =>
      new SignJWT({ tid: this.tid, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
        .setIssuer(this.issuer(origin))
        .setAudience(audience)
        .setSubject(user.oid)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + lifetime)
        .sign(this.key.privateKey);
    const access = await sign(
      { scp: PC_SCOPE, upn: user.upn, name: user.name, roles: [user.role], oid: user.oid, azp: clientId },
      PC_AUDIENCE,
      this.tokenLifetime,
    );
    const refresh = await sign(
      { upn: user.upn, azp: clientId, scope, jti: randomUUID() },
      REFRESH_AUDIENCE,
      REFRESH_SECONDS,
    );
    // An ID token when the client asked for OpenID Connect, as Entra ID gives one: who signed in, for the client.
    const id = scope.split(' ').includes('openid')
      ? await sign(
          {
            oid: user.oid,
            name: user.name,
            preferred_username: user.upn,
            ...(grant.nonce ? { nonce: grant.nonce } : {}),
          },
          clientId,
          this.tokenLifetime,
        )
      : undefined;
    return {
      token_type: 'Bearer',
      scope: `${PC_AUDIENCE}/${PC_SCOPE}`,
      expires_in: this.tokenLifetime,
      access_token: access,
      refresh_token: refresh,
      ...(id ? { id_token: id } : {}),
    };
  }

  /** A bearer token's verdict: signed by this authority's key, for Partner Center, not expired (no leeway), this tenant. */
  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, { audience: PC_AUDIENCE, algorithms: ['RS256'] });
      if (payload.tid !== this.tid) return { ok: false, reason: 'The token is for another tenant.' };
      const roles = Array.isArray(payload.roles) ? payload.roles : [];
      return {
        ok: true,
        upn: String(payload.upn ?? ''),
        name: String(payload.name ?? ''),
        role: roles.find(isRoleId),
        tid: this.tid,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'The token has expired.' };
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
        return { ok: false, reason: `The token is for another audience; this API takes tokens for ${PC_AUDIENCE}.` };
      if (error instanceof errors.JWSSignatureVerificationFailed)
        return { ok: false, reason: "The token's signature is not valid." };
      return { ok: false, reason: `The token is not valid: ${(error as Error).message}` };
    }
  }
}
