import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { defineConfig } from 'wxt';

export default defineConfig({
  // Lets parallel builds (bench, tests) write to their own folder.
  outDir: process.env.CD_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    // Any port on loopback: the default API and testers' own ports. Other origins are asked for from the options page.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
  }),
  // `npm start` (wxt dev) uses Debian's Chromium where there is one, and opens the side panel's page beside the popup.
  webExt: existsSync('/usr/bin/chromium') ? { binaries: { chrome: '/usr/bin/chromium' } } : {},
  vite: () => ({ plugins: [preact()] }),
});
