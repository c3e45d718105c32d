/**
 * The JavaScript the popup loads at start: popup.html's module scripts and modulepreloads, then every static
 * `import … from` / `export … from` / `import "…"` they reach, plus any script Chromium was seen fetching before
 * the popup was ready (a dynamic import() wanted at once). Chunks imported later (forms, dialogs) are left out.
 * Each file is gzipped on its own, as a server would send it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const HTML_SCRIPTS = /<(?:script[^>]*\bsrc|link[^>]*\brel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g;
// `import(` never matches: the clause before `from` cannot contain a parenthesis.
const STATIC_IMPORTS = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

export interface BundleSize {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

export function popupStartupJs(
  extensionDir: string,
  seenLoading: readonly string[] = [],
  page = 'popup.html',
): BundleSize {
  const toFile = (ref: string, from: string) => (ref.startsWith('/') ? join(extensionDir, ref) : resolve(from, ref));
  const listed = [...readFileSync(join(extensionDir, page), 'utf8').matchAll(HTML_SCRIPTS)].map((m) => m[1]);
  const pending = [...listed, ...seenLoading].map((ref) => toFile(ref, extensionDir));
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORTS)) pending.push(toFile(m[1], dirname(file)));
  }
  const files = [...seen].sort().map((file) => {
    const code = readFileSync(file);
    return { file: file.slice(extensionDir.length + 1), bytes: code.length, gzipBytes: gzipSync(code).length };
  });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
