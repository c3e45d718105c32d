/**
 * The authority's answers, as Microsoft identity platform gives them (OpenID Connect discovery, JWKS, the OAuth
 * token endpoint): the routes answer these, and the contract document (mock-api/openapi/) describes them.
 */
import { z } from 'zod/mini';

export const OpenIdConfiguration = z.strictObject({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  response_types_supported: z.array(z.string()),
  response_modes_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()),
  code_challenge_methods_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  scopes_supported: z.array(z.string()),
  subject_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  claims_supported: z.array(z.string()),
});
export type OpenIdConfiguration = z.infer<typeof OpenIdConfiguration>;

export const Jwks = z.strictObject({
  keys: z.array(
    z.strictObject({
      kty: z.literal('RSA'),
      n: z.string(),
      e: z.string(),
      kid: z.string(),
      alg: z.literal('RS256'),
      use: z.literal('sig'),
    }),
  ),
});

export const TokenResponse = z.strictObject({
  token_type: z.literal('Bearer'),
  scope: z.string(),
  expires_in: z.int(),
  access_token: z.string(),
  /** With `offline_access` in the scope. */
  refresh_token: z.optional(z.string()),
  /** With `openid` in the scope. */
  id_token: z.optional(z.string()),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** `grant_type=client_credentials`, as Entra ID answers it: no refresh token, no scope, no ID token. */
export const AppTokenResponse = z.strictObject({
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
  ext_expires_in: z.int(),
  access_token: z.string(),
});
export type AppTokenResponse = z.infer<typeof AppTokenResponse>;

/** The token endpoint's `error` values (RFC 6749 §5.2). */
export const OAUTH_ERRORS = [
  'invalid_request',
  'invalid_grant',
  'invalid_client',
  'invalid_scope',
  'unauthorized_client',
  'unsupported_grant_type',
] as const;

/** RFC 6749 §5.2, as Entra ID answers it ("AADSTS error codes"). */
export const OAuthErrorBody = z.strictObject({
  error: z.enum(OAUTH_ERRORS),
  /** `AADSTSnnnnn: …`, then the trace id, correlation id and time. */
  error_description: z.string(),
  error_codes: z.array(z.int()),
  /** `2016-01-09 02:02:12Z`. */
  timestamp: z.string(),
  trace_id: z.string(),
  correlation_id: z.string(),
  error_uri: z.string(),
});
export type OAuthErrorBody = z.infer<typeof OAuthErrorBody>;
