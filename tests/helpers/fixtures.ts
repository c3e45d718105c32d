/** Per-file fixtures: what a test file starts in `beforeAll` and stops in `afterAll`, for all its tests. */
import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, launchExtension } from '@/harness/extension';
import { type InProcessApi, type MockApi, spawnMockApi, startApi } from '@/harness/mock-api';
import type { MockApiOptions } from '@/mock-api/index';

/** A test file's own API (in-process) for all its tests, and the id of its first customer. */
export function withApi(options: MockApiOptions) {
  const file = {} as { api: InProcessApi; id: string };
  beforeAll(async () => {
    file.api = await startApi(options);
    file.id = (await file.api.call('/customers?_limit=1')).body[0].id;
  });
  afterAll(() => file.api?.stop());
  return file;
}

/**
 * A test file's own mock API (fresh database) and a browser (Chromium unless `launch` says otherwise) with the
 * extension pointed at it, for all its tests. The API runs in this process (`MockApiOptions`), or, given command-line
 * flags, as the command line in a child process, for a test that kills it.
 */
export function withExtensionAndApi<A extends MockApiOptions | string[]>(
  api: A,
  launch: typeof launchExtension = launchExtension,
) {
  const desk = {} as { api: A extends string[] ? MockApi : InProcessApi; ext: ExtensionBrowser };
  beforeAll(async () => {
    desk.api = (Array.isArray(api) ? await spawnMockApi(api) : await startApi(api)) as typeof desk.api;
    desk.ext = await launch({ apiUrl: desk.api.url });
  });
  afterAll(async () => {
    await desk.ext?.close();
    await desk.api?.stop();
  });
  return desk;
}
