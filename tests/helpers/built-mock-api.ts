/**
 * vitest's globalSetup for the projects that run the mock API's command line: the package build
 * (scripts/mock-api-package/build.ts) that spawnMockApi runs, made once per run and only when the sources changed.
 */
import { builtMockApi } from '../../scripts/mock-api-package/build';

export default async function setup(): Promise<void> {
  await builtMockApi();
}
