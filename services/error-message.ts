import { ApiError } from './api-client';
import { t } from './i18n';

/**
 * What to tell the agent about a failed request: the API's own reason where it gave one (e.g. a 403's denial), or
 * what this side said about it.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  if (error.local) return error.message;
  if (error.status === 0) return t('error.network');
  if (error.status === 503 || !error.body) return t('error.unavailable');
  return error.body.error.message;
}
