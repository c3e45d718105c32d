import { expect, test, vi } from 'vitest';
import { ApiError } from '@/services/api-client';
import { isTransient, withRetry } from '@/services/retry';

test('reads retry while the API is down or unavailable, then succeed', async () => {
  const read = vi
    .fn()
    .mockRejectedValueOnce(new ApiError(0, null))
    .mockRejectedValueOnce(new ApiError(503, null))
    .mockResolvedValue('ok');
  expect(await withRetry(read, undefined, [0, 0, 0])).toBe('ok');
  expect(read).toHaveBeenCalledTimes(3);
});

test('client errors are not retried, and retries stop after the last pause', async () => {
  const forbidden = vi.fn().mockRejectedValue(new ApiError(403, { error: { code: 'forbidden', message: 'no' } }));
  await expect(withRetry(forbidden, undefined, [0, 0])).rejects.toThrow('no');
  expect(forbidden).toHaveBeenCalledTimes(1);
  const down = vi.fn().mockRejectedValue(new ApiError(0, null));
  await expect(withRetry(down, undefined, [0, 0])).rejects.toBeInstanceOf(ApiError);
  expect(down).toHaveBeenCalledTimes(3);
  expect(isTransient(new ApiError(412, null))).toBe(false);
});
