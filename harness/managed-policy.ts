/**
 * An organisation's policy for the extension, as IT deploys it (docs/deploying.md), written where the browsers on
 * this machine read it: Chromium `/etc/chromium/policies/managed/*.json`, Firefox `/etc/firefox/policies/policies.json`
 * (Debian's firefox-esr reads that before its distribution folder). Both are machine-wide: only tests of the e2e
 * project (one file at a time) write them, and each removes its file in `finally`, whatever happened.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXTENSION_DIR, type ExtensionBrowser, type LaunchOptions, launchExtension } from './extension';
import { FIREFOX_ADDON_DIR, launchFirefoxExtension } from './firefox';

export const CHROMIUM_POLICY = '/etc/chromium/policies/managed/customer-desk-test.json';
export const FIREFOX_POLICY = '/etc/firefox/policies/policies.json';

/** Chromium's id for an unpacked extension: the SHA-256 of its folder's path, its first 32 hex digits as a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** Writes `file` (its folders too); the returned function removes the file and the folders it made. */
function writePolicy(file: string, policy: object): () => void {
  if (existsSync(file)) throw new Error(`${file} exists already: another test, or the machine's own policy.`);
  const made: string[] = [];
  for (let dir = dirname(file); !existsSync(dir); dir = dirname(dir)) made.unshift(dir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(policy, null, 2));
  // Also when the test process ends without its `finally` (interrupted): never a policy left behind.
  process.once('exit', remove);
  function remove() {
    process.off('exit', remove);
    rmSync(file, { force: true });
    for (const dir of [...made].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty: something else put a file there meanwhile; it stays.
      }
    }
  }
  return remove;
}

/** A browser with the extension under the organisation's `values`, and the way to take the policy away early. */
export interface ManagedBrowser {
  ext: ExtensionBrowser;
  /** Removes the policy file (also done by `ext.close`). */
  removePolicy: () => void;
}

/**
 * Chromium with the store build loaded from the command line (a machine policy reaches only such an extension's
 * storage.managed, not one puppeteer installs over CDP) under a policy setting `values` for it.
 */
export async function launchChromiumWithPolicy(
  values: Record<string, unknown>,
  options: LaunchOptions = {},
): Promise<ManagedBrowser> {
  const id = unpackedExtensionId(EXTENSION_DIR);
  const removePolicy = writePolicy(CHROMIUM_POLICY, { '3rdparty': { extensions: { [id]: values } } });
  try {
    const ext = await launchExtension({ ...options, fromCommandLine: true });
    if (ext.id !== id) throw new Error(`Chromium gave the extension the id ${ext.id}, the policy names ${id}.`);
    return { ext: { ...ext, close: () => ext.close().finally(removePolicy) }, removePolicy };
  } catch (error) {
    removePolicy();
    throw error;
  }
}

/**
 * Firefox ESR with the add-on under a policy setting `values` for it. Firefox reads policies.json once, as it starts:
 * the file is removed as soon as it has, so that other Firefox runs on this machine start without it.
 */
export async function launchFirefoxWithPolicy(
  values: Record<string, unknown>,
  options: Omit<LaunchOptions, 'lang'> = {},
): Promise<ExtensionBrowser> {
  const geckoId: string = JSON.parse(readFileSync(`${FIREFOX_ADDON_DIR}/manifest.json`, 'utf8'))
    .browser_specific_settings.gecko.id;
  const removePolicy = writePolicy(FIREFOX_POLICY, { policies: { '3rdparty': { Extensions: { [geckoId]: values } } } });
  try {
    return await launchFirefoxExtension(options);
  } finally {
    removePolicy();
  }
}
