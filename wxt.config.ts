import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { fluentTokens } from './scripts/fluent-tokens';
import { MANAGED_SCHEMA_FILE, managedSchema } from './services/settings/managed-schema';

/** The keyboard command that opens the side panel (Chrome) or the sidebar (Firefox). */
const SIDE_PANEL_KEY = { default: 'Alt+Shift+D' };

export default defineConfig({
  // Lets parallel builds (bench, tests) write to their own folder.
  outDir: process.env.CD_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Firefox has no `sidePanel`: WXT turns the side panel entrypoint into its `sidebar_action` instead.
    // `identity`: Partner Center's sign-in window (launchWebAuthFlow) and its redirect address; `alarms`: its tokens
    // renewed shortly before they expire, the background woken for it.
    permissions:
      browser === 'firefox'
        ? ['storage', 'contextMenus', 'identity', 'alarms']
        : ['storage', 'contextMenus', 'sidePanel', 'identity', 'alarms'],
    // Any port on loopback: the default API and testers' own ports. Other origins (another API address, Partner Center,
    // its sign-in and web app) are asked for from the options page when they are chosen, never at install.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // MV2 (Firefox) lists optional origins among optional permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    commands:
      browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: SIDE_PANEL_KEY, description: '__MSG_openSidePanel__' } }
        : { 'open-side-panel': { suggested_key: SIDE_PANEL_KEY, description: '__MSG_openSidePanel__' } },
    // An organisation's policy reaches storage.managed: Chrome by this schema, Firefox by policies.json's 3rdparty
    // section for the add-on's id (docs/deploying.md).
    ...(browser !== 'firefox' && { storage: { managed_schema: MANAGED_SCHEMA_FILE } }),
    // Firefox keeps storage only for add-ons with a fixed id. What leaves the agent's machine, for Firefox's consent
    // (140+): customers' contact details, the sign-in and the search text, to the API the connection names, never to
    // us (docs/store-listing.md).
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'customer-desk@example.com',
          strict_min_version: '140.0',
          data_collection_permissions: {
            required: ['personallyIdentifyingInfo', 'authenticationInfo', 'searchTerms'],
          },
        },
        // The consent above came to Firefox for Android in 142.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  // `npm start` (wxt dev) uses Debian's Chromium where there is one, and opens the side panel's page beside the popup.
  webExt: existsSync('/usr/bin/chromium') ? { binaries: { chrome: '/usr/bin/chromium' } } : {},
  // Fluent 2's tokens become CSS at build time (virtual:fluent-tokens.css); no token code ships in the pages.
  vite: () => ({
    plugins: [preact(), fluentTokens({ stylesheets: fileURLToPath(new URL('./components', import.meta.url)) })],
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser !== 'firefox')
        files.push({ relativeDest: MANAGED_SCHEMA_FILE, contents: `${JSON.stringify(managedSchema(), null, 2)}\n` });
    },
    // WXT titles the toolbar button and the sidebar from the pages' <title>; the manifest's own strings are translated.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const key of ['action', 'browser_action', 'sidebar_action'] as const) {
        const entry = manifest[key] as { default_title?: string } | undefined;
        if (entry) entry.default_title = '__MSG_extName__';
      }
    },
  },
});
