/** The README's walk-through for testers is a real test: `tests/api/for-testers.test.ts`, word for word. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

test("the README's example test is tests/api/for-testers.test.ts as it is", () => {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### A test against the API'));
  const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(example).toBe(readFileSync(resolve(ROOT, 'tests/api/for-testers.test.ts'), 'utf8'));
});
