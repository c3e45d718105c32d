/**
 * One request to Partner Center's `/v1` as Partner Center wants it, with what a real tenant answers handled (the
 * token refreshed or the sign-in ended on a 401, 429 waited out, other failures as the views' `ApiError`):
 * docs/architecture.md, "Two backends, one set of views".
 */
import { languageInfo } from '@/domain/languages';
import type { PcErrorBody } from '@/domain/partner-center';
import type { ApiErrorBody } from '@/domain/schemas';
import { ApiError, type RequestOptions, send } from '../api-client';
import { getLanguage, t } from '../i18n';
import { readSettings } from '../settings/settings';
import { accessToken, endSignIn } from '../sign-in/client';
import type { TokenAnswer } from '../sign-in/service';
import { announcedPause } from './waits';

/** Partner Center's answer when the sign-in had no MFA (enforced on its APIs since April 2026). */
const MFA_REQUIRED = '900421';
/** Waits Partner Center may ask for before one request gives up, and the longest wait worth making. */
const MAX_WAITS = 3;
const MAX_WAIT_SECONDS = 60;

interface PcRequestOptions extends RequestOptions {
  headers?: Record<string, string>;
}

interface PcAnswer<T> {
  data: T;
  status: number;
}

/** An `ApiError` worded here, in the agent's language: no network, sign-in needed, Partner Center unavailable. */
export function localError(status: number, code: string, message: string, rest: Partial<ApiErrorBody> = {}) {
  return new ApiError(status, { error: { code, message }, ...rest }, true);
}

/** Partner Center's error body as ours: its description as the message, its field list as `fields`. */
function pcFailure(status: number, body: Partial<PcErrorBody> | null): ApiError {
  if (status === 429) return localError(429, 'throttled', t('pc.throttled'));
  if (status >= 500) {
    const said = body?.description ? ` (${body.description})` : '';
    return localError(status, String(body?.code ?? status), `${t('pc.unavailable')}${said}`);
  }
  if (!body?.description) return localError(status, String(status), t('pc.failed', { status }));
  const data = Array.isArray(body.data) ? (body.data as { field?: unknown; description?: unknown }[]) : [];
  const fields = Object.fromEntries(
    data.filter((d) => typeof d?.field === 'string').map((d) => [d.field as string, String(d.description ?? '')]),
  );
  return new ApiError(status, {
    error: { code: String(body.code), message: body.description, ...(data.length ? { fields } : {}) },
  });
}

/** `Retry-After` in seconds (a number, or an HTTP date); null when absent or unreadable. */
function retryAfterSeconds(headers: Headers, now = Date.now()): number | null {
  const value = headers.get('Retry-After');
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Why there is no token to send: never signed in, the sign-in expired, or MFA is required. */
function noToken({ unreachable, ended }: TokenAnswer): ApiError {
  if (unreachable) return localError(0, 'network', t('pc.network'));
  if (ended === 'mfaRequired') return localError(401, MFA_REQUIRED, t('pc.mfaRequired'));
  return localError(401, 'sign-in-required', t(ended ? 'pc.signInAgain' : 'pc.signInNeeded'));
}

export async function pcRequest<T>(path: string, options: PcRequestOptions = {}): Promise<PcAnswer<T>> {
  const { apiBase } = (await readSettings()).partnerCenter;
  // The bearer token goes to the configured API address only: a `next` link (or any path) that resolves to another
  // origin — absolute, or `//host/…` — is refused before a token is even fetched (README, "Security").
  const url = new URL(path, apiBase);
  if (url.origin !== new URL(apiBase).origin) throw localError(421, 'foreign-link', t('pc.foreignLink'));
  // One id for every attempt of this request: Partner Center answers a repeated write once (MS-RequestId).
  const requestId = crypto.randomUUID();
  let rejected: string | undefined;
  let waits = 0;
  for (;;) {
    const answer = await accessToken(rejected);
    const { token } = answer;
    if (!token) throw noToken(answer);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': requestId,
      'MS-CorrelationId': crypto.randomUUID(),
      'X-Locale': languageInfo(getLanguage()).partnerCenterLocale,
      ...options.headers,
    };
    const response = await send(url, headers, options);
    if (!response) throw localError(0, 'network', t('pc.network'));
    const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.ok) return { data: body as T, status: response.status };
    const failure = body as Partial<PcErrorBody> | null;

    if (response.status === 401) {
      if (String(failure?.code) === MFA_REQUIRED) {
        await endSignIn('mfaRequired', failure?.description);
        throw noToken({ token: null, ended: 'mfaRequired' });
      }
      // Expired early or revoked: one refresh, one more try.
      if (!rejected) {
        rejected = token;
        continue;
      }
      await endSignIn('expired', failure?.description);
      throw noToken({ token: null, ended: 'expired' });
    }
    const seconds = response.status === 429 ? retryAfterSeconds(response.headers) : null;
    if (seconds !== null && seconds <= MAX_WAIT_SECONDS && waits < MAX_WAITS) {
      waits++;
      await announcedPause(seconds, options.signal);
      continue;
    }
    throw pcFailure(response.status, failure);
  }
}
