/**
 * Fluent 2's design tokens as CSS custom properties, made at build time from `@fluentui/tokens` (the package Fluent UI
 * v9 themes come from): a Vite plugin serving `virtual:fluent-tokens.css`. No token value is typed by hand, and the
 * package never reaches a page's JavaScript — the pages get plain CSS.
 *
 * Only the tokens the project's stylesheets use are written (a popup opens on every click; 459 tokens in two themes
 * would be 30 KB of CSS to parse each time): the light theme on `:root`, and the dark theme's differences under
 * `prefers-color-scheme: dark`. A stylesheet naming a token Fluent does not have fails the build. High contrast
 * (`forced-colors`) is the system's colours, set in the stylesheets beside what they draw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Theme, webDarkTheme, webLightTheme } from '@fluentui/tokens';
import type { Plugin } from 'vite';

export const TOKENS_MODULE = 'virtual:fluent-tokens.css';
// Ends in .css, so Vite's CSS pipeline takes the module; the \0 keeps other plugins off it.
const RESOLVED_ID = `\0${TOKENS_MODULE}`;

/** Fluent's names are one camelCase word (`--colorNeutralBackground1`); the project's own properties have hyphens. */
const TOKEN_USE = /var\(\s*--([A-Za-z0-9]+)\s*[,)]/g;

export function usedTokens(css: string): string[] {
  return [...css.matchAll(TOKEN_USE)].map((m) => m[1]);
}

const declarations = (theme: Theme, names: readonly string[]) =>
  names.map((name) => `  --${name}: ${theme[name as keyof Theme]};\n`).join('');

/** The stylesheet defining `names` (each once, sorted) in Fluent's web light theme, and dark where it differs. */
export function tokensCss(names: Iterable<string>): string {
  const wanted = [...new Set(names)].sort();
  const unknown = wanted.filter((name) => !(name in webLightTheme));
  if (unknown.length) throw new Error(`Not a Fluent 2 token: ${unknown.map((name) => `--${name}`).join(', ')}`);
  const dark = wanted.filter((name) => webDarkTheme[name as keyof Theme] !== webLightTheme[name as keyof Theme]);
  return (
    `/* Generated from @fluentui/tokens (webLightTheme, webDarkTheme) by scripts/fluent-tokens.ts. */\n` +
    `:root {\n${declarations(webLightTheme, wanted)}}\n` +
    `@media (prefers-color-scheme: dark) {\n:root {\n${declarations(webDarkTheme, dark)}}\n}\n`
  );
}

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.css'))
    .map((file) => join(dir, file));
}

/** Serves `virtual:fluent-tokens.css` with the tokens the `.css` files under `stylesheets` use. */
export function fluentTokens({ stylesheets }: { stylesheets: string }): Plugin {
  return {
    name: 'fluent-tokens',
    resolveId: (id) => (id === TOKENS_MODULE ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return;
      const files = cssFiles(stylesheets);
      for (const file of files) this.addWatchFile(file);
      return tokensCss(files.flatMap((file) => usedTokens(readFileSync(file, 'utf8'))));
    },
    // `wxt dev`: a stylesheet taking up another token regenerates the module.
    handleHotUpdate({ file, server }) {
      const module = server.moduleGraph.getModuleById(RESOLVED_ID);
      if (module && file.endsWith('.css') && file.startsWith(stylesheets)) server.moduleGraph.invalidateModule(module);
    },
  };
}
