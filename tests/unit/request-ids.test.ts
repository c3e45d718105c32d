import { afterEach, expect, test, vi } from 'vitest';
import { RequestIds } from '@/mock-api/v1/request-ids';

afterEach(() => {
  vi.useRealTimers();
});

test('an answer is kept for ten minutes, for the same user, method, path and id only', () => {
  vi.useFakeTimers();
  const ids = new RequestIds();
  const key = RequestIds.key('a@partner.test', 'PUT', '/v1/x', 'r1');
  ids.remember(key, { status: 200, body: { ok: 1 } });
  expect(ids.get(key)).toEqual({ status: 200, body: { ok: 1 } });
  expect(ids.get(RequestIds.key('b@partner.test', 'PUT', '/v1/x', 'r1'))).toBeUndefined();
  expect(ids.get(RequestIds.key('a@partner.test', 'POST', '/v1/x', 'r1'))).toBeUndefined();
  vi.advanceTimersByTime(10 * 60_000);
  expect(ids.get(key)).toBeDefined();
  vi.advanceTimersByTime(1);
  expect(ids.get(key)).toBeUndefined();
});

test('failures are not kept', () => {
  const ids = new RequestIds();
  const key = RequestIds.key('a@partner.test', 'PUT', '/v1/x', 'r2');
  ids.remember(key, { status: 400, body: {} });
  expect(ids.get(key)).toBeUndefined();
});
