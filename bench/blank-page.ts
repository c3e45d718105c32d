/**
 * The bench's floor for popup start-up is a blank extension page (bench/blank/). It is never among the product's
 * entrypoints: the bench measures a copy of a built extension with the page added, so the build itself (npm test's,
 * or the bench's own) stays the store build.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PAGE = resolve(import.meta.dirname, 'blank');

/** Copies the built extension at `built` into `into`, with blank.html beside popup.html; returns the copy. */
export function withBlankPage(built: string, into: string): string {
  const copy = join(into, 'chrome-mv3');
  cpSync(built, copy, { recursive: true });
  cpSync(PAGE, copy, { recursive: true });
  return copy;
}
