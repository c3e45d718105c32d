/**
 * The example policy files of docs/deploying.md, read as the browsers read them: every setting there, each valid for
 * Chrome's schema (the manifest's) and taken by the extension's own checks, so the guide cannot drift from the code.
 */
// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { expect, test } from 'vitest';
import { effectiveSettings, type OwnSettings } from '@/services/settings/effective';
import { MANAGED_KEYS } from '@/services/settings/managed-keys';
import { managedSchema } from '@/services/settings/managed-schema';
import { PARTNER_CENTER_DEFAULTS } from '@/services/storage';
import config from '@/wxt.config';

const DOCS = resolve(import.meta.dirname, '../../docs');
const EXAMPLES = join(DOCS, 'deploying');
const read = (file: string) => readFileSync(join(EXAMPLES, file), 'utf8');
const own: OwnSettings = {
  connection: 'mock',
  apiBase: 'http://localhost:3000',
  partnerCenter: PARTNER_CENTER_DEFAULTS,
  role: 'admin-agent',
  language: 'auto',
};

/** The Firefox add-on's id, as the manifest gives it. */
function geckoId(): string {
  const manifest = (config.manifest as (env: { browser: string }) => Record<string, any>)({ browser: 'firefox' });
  return manifest.browser_specific_settings.gecko.id;
}

/** A .reg file's string values under each key: `[key]` then `"name"="value"` lines. */
function registry(text: string): Record<string, Record<string, string>> {
  const keys: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const key = /^\[(.+)\]$/.exec(line);
    if (key) keys[key[1]] = current = {};
    const value = /^"(.+)"="(.*)"$/.exec(line);
    if (value && current) current[value[1]] = value[2];
  }
  return keys;
}

/** Every example's settings for the extension, by file. */
const examples: Record<string, unknown> = {
  'chrome-policy.json': JSON.parse(read('chrome-policy.json'))['3rdparty'].extensions.EXTENSION_ID,
  'firefox-policies.json': JSON.parse(read('firefox-policies.json')).policies['3rdparty'].Extensions[geckoId()],
  'chrome-policy.reg': registry(read('chrome-policy.reg'))[
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\EXTENSION_ID\\policy'
  ],
  'edge-policy.reg': registry(read('edge-policy.reg'))[
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\EXTENSION_ID\\policy'
  ],
};

test.each(Object.entries(examples))('%s sets every setting, valid for the schema and the extension', (_, values) => {
  expect(Object.keys(values as object).sort()).toEqual([...MANAGED_KEYS].sort());
  const validate = new Ajv({ strict: true }).compile(managedSchema());
  expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
  const settings = effectiveSettings(values as Record<string, unknown>, own);
  expect(settings.notices).toEqual([]);
  expect([...settings.managed].sort()).toEqual([...MANAGED_KEYS].sort());
});

test('each example force-installs the extension from its store, and the guide links every example', () => {
  const chrome = JSON.parse(read('chrome-policy.json')).ExtensionSettings.EXTENSION_ID;
  expect(chrome).toMatchObject({ installation_mode: 'force_installed' });
  const firefox = JSON.parse(read('firefox-policies.json')).policies.ExtensionSettings[geckoId()];
  expect(firefox).toMatchObject({ installation_mode: 'force_installed' });
  expect(Object.values(registry(read('chrome-policy.reg'))).some((v) => v['1']?.startsWith('EXTENSION_ID;'))).toBe(
    true,
  );
  const guide = readFileSync(join(DOCS, 'deploying.md'), 'utf8');
  for (const file of readdirSync(EXAMPLES)) expect(guide).toContain(`](deploying/${file})`);
  for (const key of MANAGED_KEYS) expect(guide).toContain(`| \`${key}\` |`);
});
