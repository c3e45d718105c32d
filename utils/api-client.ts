/**
 * The extension's only door to the API: adds the role header, reads ETags and totals,
 * and turns error bodies into `ApiError` so views can show field messages.
 */
import { ROLE_HEADER } from '@/domain/roles';
import type { ApiErrorBody, Customer } from '@/domain/schemas';
import { apiBaseItem, roleItem } from './storage';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.error.message ?? (status ? `HTTP ${status}` : 'network error'));
  }
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  total: number | null;
}

export interface RequestOptions {
  method?: 'GET' | 'PUT' | 'PATCH' | 'POST';
  body?: unknown;
  ifMatch?: string;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const [base, role] = await Promise.all([apiBaseItem.getValue(), roleItem.getValue()]);
  const headers: Record<string, string> = { [ROLE_HEADER]: role, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body as ApiErrorBody | null);
  const total = response.headers.get('X-Total-Count');
  return { data: body as T, etag: response.headers.get('ETag'), total: total === null ? null : Number(total) };
}

export function searchCustomers(query: string, page: number, limit: number, signal?: AbortSignal) {
  const params = new URLSearchParams({ q: query, _page: String(page), _limit: String(limit) });
  return request<Customer[]>(`/customers?${params}`, { signal });
}

export function getCustomer(id: string, signal?: AbortSignal) {
  return request<Customer>(`/customers/${encodeURIComponent(id)}`, { signal });
}
