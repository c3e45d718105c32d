/**
 * vitest's globalSetup for the package project: packs the mock API (`npm run pack:api`'s build, the one the other
 * projects' CLI tests run) and installs the .tgz into an empty temporary project, as a tester would. The tests then
 * use that project only, never the repository's sources. vitest itself is linked in from the repository rather than
 * installed from the registry: the examples need it, and it is the same package either way.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packMockApi } from '../../scripts/mock-api-package/build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The temporary project the packed package is installed in. */
    testerProject: string;
    /** The packed package, `.output/customer-desk-mock-api-<version>.tgz`. */
    packedMockApi: string;
  }
}

const ROOT = resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => void> {
  const tgz = await packMockApi();
  const dir = mkdtempSync(join(tmpdir(), 'customer-desk-tester-'));
  const npm = (...args: string[]) => execFileSync('npm', args, { cwd: dir, stdio: 'pipe' });
  npm('init', '-y');
  npm('pkg', 'set', 'type=module');
  npm('install', '--prefer-offline', '--no-audit', '--no-fund', tgz);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules/vitest'), join(dir, 'node_modules/vitest'), 'dir');
  project.provide('testerProject', dir);
  project.provide('packedMockApi', tgz);
  return () => rmSync(dir, { recursive: true, force: true });
}
