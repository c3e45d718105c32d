import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = process.env.CD_OUT_DIR ?? '.output';
const MANIFEST = resolve(ROOT, OUT_DIR, 'firefox-mv2/manifest.json');
/** Permissions Firefox does not know: it warns about them, and AMO's linter flags them. */
const CHROME_ONLY = ['sidePanel', 'offscreen', 'debugger', 'tabGroups', 'declarativeNetRequestWithHostAccess'];

/** The parts of a Firefox MV2 manifest these tests read. */
interface FirefoxManifest {
  name: string;
  default_locale: string;
  icons: Record<string, string>;
  permissions: string[];
  optional_permissions?: string[];
  optional_host_permissions?: unknown;
  commands: Record<string, { suggested_key: { default: string } }>;
  sidebar_action: { default_panel: string; default_title: string };
  browser_action: { default_title: string };
  side_panel?: unknown;
  options_ui: { page: string };
  browser_specific_settings: { gecko: { id: string } };
}

let manifest: FirefoxManifest;

beforeAll(() => {
  // `npm test` builds it first; built here when missing or older than the config that shapes it (a unit run alone).
  const stale = !existsSync(MANIFEST) || statSync(MANIFEST).mtimeMs < statSync(resolve(ROOT, 'wxt.config.ts')).mtimeMs;
  if (stale)
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
      cwd: ROOT,
      env: { ...process.env, CD_OUT_DIR: OUT_DIR },
      stdio: 'pipe',
    });
  manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
}, 120_000);

test('the side panel is a Firefox sidebar, opened by the keyboard command', () => {
  expect(manifest.sidebar_action.default_panel).toBe('sidepanel.html');
  expect(manifest.side_panel).toBeUndefined();
  expect(Object.keys(manifest.commands)).toEqual(['_execute_sidebar_action']);
  expect(manifest.commands._execute_sidebar_action.suggested_key.default).toMatch(/^(Alt|Ctrl)\+/);
});

test('no Chrome-only permissions; API origins as MV2 permissions', () => {
  const permissions: string[] = [...manifest.permissions, ...(manifest.optional_permissions ?? [])];
  for (const chromeOnly of CHROME_ONLY) expect(permissions).not.toContain(chromeOnly);
  expect(manifest.optional_host_permissions).toBeUndefined();
  expect(permissions).toEqual(expect.arrayContaining(['storage', 'contextMenus', 'http://localhost/*', 'https://*/*']));
});

test('a fixed add-on id (Firefox keeps storage only for those), translated name and the store icon sizes', () => {
  expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
  expect(manifest.name).toBe('__MSG_extName__');
  expect(manifest.sidebar_action.default_title).toBe('__MSG_extName__');
  expect(manifest.browser_action.default_title).toBe('__MSG_extName__');
  expect(manifest.default_locale).toBe('en');
  expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '96', '128']);
  for (const file of Object.values(manifest.icons)) expect(existsSync(resolve(MANIFEST, '..', file))).toBe(true);
  expect(manifest.options_ui.page).toBe('options.html');
});
