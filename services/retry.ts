/** Reads retry on their own with growing pauses; writes never do (a write might have landed). */
import { ApiError } from './api-client';

const DELAYS_MS = [250, 750, 2000];

/** Worth another try: the API was unreachable, timed out or briefly unavailable. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

/** Waits `ms`, or fails as soon as `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal) {
  return new Promise<void>((done, fail) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      fail(signal.reason);
    });
  });
}

export async function withRetry<T>(
  read: () => Promise<T>,
  signal?: AbortSignal,
  delays: readonly number[] = DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= delays.length || !isTransient(error) || signal?.aborted) throw error;
      await pause(delays[attempt], signal);
    }
  }
}
