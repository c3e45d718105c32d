import { TIMEOUT_MS } from '@/services/api-client';
import { t } from '@/services/i18n';

/**
 * Calls the API's `/health` (no role needed) at an address not saved yet, so not through `request()`,
 * and says, in the agent's language, what came back.
 */
export async function checkConnection(url: URL): Promise<string> {
  const address = url.origin;
  let response: Response;
  try {
    response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return t('connectionFailed', { address });
  }
  if (!response.ok) return t('connectionBadAnswer', { address, status: response.status });
  const body = (await response.json().catch(() => null)) as { customers?: unknown } | null;
  return typeof body?.customers === 'number'
    ? t('connectionOk', { address, count: body.customers })
    : t('connectionUp', { address });
}
