/**
 * The token endpoint's errors in Entra ID's shape (Microsoft identity platform, "AADSTS error codes"): the OAuth
 * `error` (RFC 6749 §5.2), an `error_description` that starts with the AADSTS code and ends with the trace and
 * correlation ids and the time, and those again as `error_codes`, `trace_id`, `correlation_id`, `timestamp`.
 */
import { randomUUID } from 'node:crypto';
import type { OAUTH_ERRORS, OAuthErrorBody } from './shapes';

export type OAuthErrorCode = (typeof OAUTH_ERRORS)[number];

/** A refused token request: thrown by the authority, answered by the token route. */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    /** The AADSTS number Entra ID answers this with. */
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }

  /** 401 for a client that failed to authenticate, as Entra ID (and RFC 6749 §5.2) answers it; else 400. */
  get status(): number {
    return this.error === 'invalid_client' ? 401 : 400;
  }

  /** The body; `correlationId` is the client's `client-request-id` when it sent a GUID, as Entra ID echoes it. */
  body(correlationId: string | undefined): OAuthErrorBody {
    const correlation = correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : randomUUID();
    const trace = randomUUID();
    // "2016-01-09 02:02:12Z", as the error page's example writes it.
    const timestamp = `${new Date().toISOString().slice(0, 19).replace('T', ' ')}Z`;
    return {
      error: this.error,
      error_description: `${this.message}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: trace,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${this.aadsts}`,
    };
  }
}
