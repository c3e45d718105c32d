import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webDarkTheme, webLightTheme } from '@fluentui/tokens';
import { afterEach, expect, test } from 'vitest';
import { fluentTokens, TOKENS_MODULE, tokensCss, usedTokens } from '@/scripts/fluent-tokens';

test("a stylesheet's Fluent tokens are its var(--camelCase) names; the project's own hyphenated properties are not", () => {
  const css = `a { color: var(--colorBrandForegroundLink); padding: var( --spacingHorizontalM ) var(--app-gap);
    border: var(--strokeWidthThin, 1px) solid var(--colorNeutralStroke1); }`;
  expect(usedTokens(css)).toEqual([
    'colorBrandForegroundLink',
    'spacingHorizontalM',
    'strokeWidthThin',
    'colorNeutralStroke1',
  ]);
});

test("the light theme's values on :root, and under prefers-color-scheme: dark only what the dark theme changes", () => {
  const css = tokensCss(['colorNeutralBackground1', 'fontSizeBase300', 'colorNeutralBackground1']);
  const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
  expect(light).toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1};`);
  expect(light).toContain(`--fontSizeBase300: ${webLightTheme.fontSizeBase300};`);
  expect(light.match(/--colorNeutralBackground1:/g)).toHaveLength(1);
  expect(dark).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1};`);
  expect(dark).not.toContain('--fontSizeBase300');
});

test('a name Fluent has no token for fails the build, naming it', () => {
  expect(() => tokensCss(['colorNeutralBackground1', 'colorNeutralBackgroud2'])).toThrow('--colorNeutralBackgroud2');
});

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the plugin serves the module with the tokens of every stylesheet under its folder, and watches them', () => {
  dir = mkdtempSync(join(tmpdir(), 'fluent-tokens-'));
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'a.css'), 'a { color: var(--colorBrandForegroundLink); }');
  writeFileSync(join(dir, 'nested/b.css'), 'b { margin: var(--spacingVerticalL); }');
  writeFileSync(join(dir, 'c.ts'), 'const ignored = "var(--notAToken)";');
  const plugin = fluentTokens({ stylesheets: dir });
  const id = (plugin.resolveId as (id: string) => string | undefined)(TOKENS_MODULE);
  expect(id).toMatch(/\.css$/);
  const watched: string[] = [];
  const css = (plugin.load as (this: unknown, id: string) => string).call(
    { addWatchFile: (file: string) => watched.push(file) },
    id!,
  );
  expect(css).toContain('--colorBrandForegroundLink:');
  expect(css).toContain('--spacingVerticalL:');
  expect(watched.sort()).toEqual([join(dir, 'a.css'), join(dir, 'nested/b.css')]);
});
