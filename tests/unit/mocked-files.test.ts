/**
 * A test file that replaces a module (vi.mock) is named *.mocked.test.ts, the files vitest.config.ts runs in a module
 * graph of their own: elsewhere a module imported by an earlier file in the same worker would ignore the mock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

const tests = resolve(import.meta.dirname, '..');

test('every test file that calls vi.mock is named *.mocked.test.ts, and every such file does', () => {
  const files = readdirSync(tests, { recursive: true, encoding: 'utf8' }).filter((f) => /\.test\.tsx?$/.test(f));
  const mocking = files.filter((file) => /\bvi\.(do)?mock\(/.test(readFileSync(resolve(tests, file), 'utf8')));
  expect(mocking.length).toBeGreaterThan(0);
  expect(mocking.sort()).toEqual(files.filter((file) => file.endsWith('.mocked.test.ts')).sort());
});
