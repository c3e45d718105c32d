/**
 * The extension's only door to the API: adds the role header, reads ETags and totals,
 * and turns error bodies into `ApiError` so views can show field messages.
 */
import { RESOURCES, type ResourceKind, type Resources } from '@/domain/resources';
import { ROLE_HEADER } from '@/domain/roles';
import type { Address, AddressValidation, ApiErrorBody, AuditEntry, Customer, CustomerSummary } from '@/domain/schemas';
import { readSettings, watchSettings } from './settings/settings';

/** A request that has not answered by then is treated like an unreachable API. */
export const TIMEOUT_MS = 10_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: (ApiErrorBody & { suggestedAddress?: Address }) | null,
    /** The message was worded on this side, in the agent's language (the Partner Center connection's own). */
    readonly local = false,
  ) {
    super(body?.error.message ?? (status ? `HTTP ${status}` : 'network error'));
  }
}

interface ApiResponse<T> {
  data: T;
  etag: string | null;
  total: number | null;
}

export interface RequestOptions {
  method?: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  body?: unknown;
  ifMatch?: string;
  signal?: AbortSignal;
}

let settings: Promise<[base: string, role: string]> | null = null;

/**
 * The API address and role in force, read once and forgotten when the settings change: reading storage on every
 * request put a few milliseconds (behind the search text's own write) between each keystroke and its request.
 */
function currentSettings() {
  if (!settings) {
    const unwatch = watchSettings(() => {
      settings = null;
      unwatch();
    });
    settings = readSettings().then(({ apiBase, role }) => [apiBase, role]);
  }
  return settings;
}

/**
 * One request with a JSON body, `If-Match` and the timeout (also what the Partner Center backend sends with): the
 * answer, or null when the API could not be reached. The caller's own abort is thrown as it is.
 */
export async function send(
  url: URL,
  headers: Record<string, string>,
  options: RequestOptions,
): Promise<Response | null> {
  const sent = { ...headers };
  if (options.body !== undefined) sent['Content-Type'] = 'application/json';
  if (options.ifMatch) sent['If-Match'] = options.ifMatch;
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers: sent,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return null;
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const [base, role] = await currentSettings();
  const response = await send(new URL(path, base), { [ROLE_HEADER]: role, Accept: 'application/json' }, options);
  if (!response) throw new ApiError(0, null);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body as ApiErrorBody | null);
  const total = response.headers.get('X-Total-Count');
  return { data: body as T, etag: response.headers.get('ETag'), total: total === null ? null : Number(total) };
}

/** A page of the customers matching `query`, best first, as summaries (the account page reads the whole customer). */
export function searchCustomers(query: string, page: number, limit: number, signal?: AbortSignal) {
  const params = new URLSearchParams({ q: query, _page: String(page), _limit: String(limit) });
  return request<CustomerSummary[]>(`/customers?${params}`, { signal });
}

const customerPath = (id: string) => `/customers/${encodeURIComponent(id)}`;

export function getCustomer(id: string, signal?: AbortSignal) {
  return request<Customer>(customerPath(id), { signal });
}

/**
 * A JSON Merge Patch of one resource, sent only with the ETag the agent's edit started from.
 * Answers the resource as saved, carrying its new ETag (from the header when the body has none).
 */
export async function patchResource<K extends ResourceKind>(
  id: string,
  kind: K,
  patch: object,
  ifMatch: string,
): Promise<Resources[K]> {
  const { data, etag } = await request<Resources[K]>(`${customerPath(id)}/${RESOURCES[kind].path}`, {
    method: 'PATCH',
    body: patch,
    ifMatch,
  });
  return { ...data, etag: data.etag ?? etag ?? undefined };
}

export function getAuditLog(id: string, limit: number, signal?: AbortSignal) {
  return request<AuditEntry[]>(`${customerPath(id)}/auditLog?_limit=${limit}`, { signal });
}

export function validateAddress(address: Address, signal?: AbortSignal) {
  return request<AddressValidation>('/validations/address', { method: 'POST', body: address, signal });
}
