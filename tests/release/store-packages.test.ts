/**
 * The store builds `npm test` made (`.output/`), as the stores review them: Mozilla's own linter on the Firefox
 * package, every permission of both manifests justified by the code that uses it and in docs/store-listing.md, the
 * data Firefox asks consent for, the version, and Chrome's managed-storage schema.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import linter from 'addons-linter';
import { beforeAll, expect, test } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGES } from '@/domain/languages';
import { PRERENDERED_VIEWS, pageOf } from '@/modules/prerender/pages';
import { MANAGED_SCHEMA_FILE, managedSchema } from '@/services/settings/managed-schema';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, process.env.CD_OUT_DIR ?? '.output');
const CHROME = join(OUT, 'chrome-mv3');
const FIREFOX = join(OUT, 'firefox-mv2');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const { version } = JSON.parse(read('package.json')) as { version: string };

/**
 * Each permission the manifests ask for, and the code that needs it: a permission without an entry here, or an entry
 * whose code no longer uses it, fails.
 */
const NEEDED_BY: Record<string, { file: string; use: RegExp }> = {
  storage: { file: 'services/storage.ts', use: /storage\.defineItem/ },
  contextMenus: { file: 'entrypoints/background.ts', use: /browser\.contextMenus\.create/ },
  sidePanel: { file: 'services/side-panel.ts', use: /browser\.sidePanel\.open/ },
  identity: { file: 'services/sign-in/background.ts', use: /browser\.identity\.launchWebAuthFlow/ },
  alarms: { file: 'services/sign-in/background.ts', use: /browser\.alarms\.create/ },
  // The default API address, and the mock API's default listening address.
  'http://localhost/*': { file: 'services/storage.ts', use: /DEFAULT_API_BASE = 'http:\/\/localhost:3000'/ },
  'http://127.0.0.1/*': { file: 'mock-api/cli.ts', use: /parsed\.host \?\? '127\.0\.0\.1'/ },
  // Any other address, asked for when the agent (or the organisation) sets it, never at install.
  'http://*/*': { file: 'components/options/ApiAddressForm.tsx', use: /browser\.permissions\.request/ },
  'https://*/*': { file: 'services/sign-in/permissions.ts', use: /browser\.permissions\.request/ },
};

/**
 * Warnings the linter raises inside third-party library code, each with how to recognise it: the source at the
 * place it names. Each is named, with why it is harmless, in the README ("Store packages").
 */
const THIRD_PARTY_WARNINGS = [
  // Preact's renderer applies `dangerouslySetInnerHTML`, which nothing in this project uses (checked below).
  { code: 'UNSAFE_VAR_ASSIGNMENT', library: 'Preact', source: /\.innerHTML=\w+\.__html/ },
];

interface Manifest {
  version: string;
  permissions: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  storage?: { managed_schema: string };
  browser_specific_settings?: { gecko: { data_collection_permissions: { required: string[] } } };
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

const permissionsOf = (m: Manifest) => [
  ...m.permissions,
  ...(m.host_permissions ?? []),
  ...(m.optional_host_permissions ?? []),
  ...(m.optional_permissions ?? []),
];

let lint: Awaited<ReturnType<ReturnType<typeof linter.createInstance>['run']>>;

beforeAll(async () => {
  for (const dir of [CHROME, FIREFOX])
    if (!existsSync(join(dir, 'manifest.json')))
      throw new Error(`No store build at ${dir}: run npm run build && npm run build:firefox first.`);
  lint = await linter
    .createInstance({
      config: {
        _: [FIREFOX],
        logLevel: 'fatal',
        stack: false,
        pretty: false,
        warningsAsErrors: false,
        metadata: false,
        output: 'none',
        boring: true,
        selfHosted: false,
      },
      runAsBinary: false,
    })
    .run();
});

test('addons-linter: no errors, and no warnings but known ones inside third-party library code', () => {
  expect(lint.errors).toEqual([]);
  for (const warning of lint.warnings) {
    const line = readFileSync(join(FIREFOX, warning.file ?? ''), 'utf8').split('\n')[(warning.line ?? 1) - 1];
    const around = line.slice(Math.max(0, (warning.column ?? 0) - 40), (warning.column ?? 0) + 40);
    const known = THIRD_PARTY_WARNINGS.find((w) => w.code === warning.code && w.source.test(around));
    expect(known, `${warning.code} in ${warning.file}:${warning.line}: ${warning.message} — ${around}`).toBeDefined();
  }
  const readme = read('README.md');
  for (const { code, library } of THIRD_PARTY_WARNINGS) expect(readme).toMatch(new RegExp(`${code}.*${library}`));
});

test('what makes those warnings harmless holds: no project code sets HTML', () => {
  const sources = ['components', 'entrypoints', 'hooks', 'services', 'state', 'utils'];
  const files = execLines('git', ['ls-files', ...sources]);
  const setting = files.filter((file) => /dangerouslySetInnerHTML|\.innerHTML\s*=/.test(read(file)));
  expect(setting).toEqual([]);
});

test('every permission of both manifests is used by the code the list names, and justified for the stores', () => {
  const listing = read('docs/store-listing.md');
  const chrome = permissionsOf(manifest(CHROME));
  const firefox = permissionsOf(manifest(FIREFOX));
  expect(chrome.sort()).toEqual(Object.keys(NEEDED_BY).sort());
  // Firefox has no side panel permission: its sidebar needs none.
  expect(firefox.sort()).toEqual(
    Object.keys(NEEDED_BY)
      .filter((p) => p !== 'sidePanel')
      .sort(),
  );
  for (const [permission, { file, use }] of Object.entries(NEEDED_BY)) {
    expect(read(file), `${permission}: ${file}`).toMatch(use);
    expect(listing, `${permission} in docs/store-listing.md`).toContain(`\`${permission}\``);
  }
});

test('Firefox’s data consent says what leaves the machine, as the store listing does', () => {
  const { required } = manifest(FIREFOX).browser_specific_settings!.gecko.data_collection_permissions;
  expect(required).toEqual(['personallyIdentifyingInfo', 'authenticationInfo', 'searchTerms']);
  const listing = read('docs/store-listing.md');
  for (const kind of required) expect(listing).toContain(`\`${kind}\``);
});

test('both manifests carry package.json’s version, which the changelog describes', () => {
  expect(manifest(CHROME).version).toBe(version);
  expect(manifest(FIREFOX).version).toBe(version);
  expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\]`, 'm'));
});

test('Chrome reads an organisation’s settings by the schema the code declares; Firefox needs none', () => {
  const chrome = manifest(CHROME);
  expect(chrome.storage).toEqual({ managed_schema: MANAGED_SCHEMA_FILE });
  expect(JSON.parse(readFileSync(join(CHROME, MANAGED_SCHEMA_FILE), 'utf8'))).toEqual(managedSchema());
  expect(manifest(FIREFOX).storage).toBeUndefined();
  expect(existsSync(join(FIREFOX, MANAGED_SCHEMA_FILE))).toBe(false);
});

test('the store builds hold the product’s pages only, never the bench’s blank page', () => {
  const pages = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.html'));
  // The popup and the side panel also prerendered in each other language (modules/prerender/pages.ts).
  const perLanguage = LANGUAGES.filter((l) => l.code !== DEFAULT_LANGUAGE).flatMap((l) =>
    PRERENDERED_VIEWS.map((view) => pageOf(view, l.code)),
  );
  for (const dir of [CHROME, FIREFOX])
    expect(pages(dir).sort(), dir).toEqual(['options.html', 'popup.html', 'sidepanel.html', ...perLanguage].sort());
});

function execLines(command: string, args: string[]): string[] {
  return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}
