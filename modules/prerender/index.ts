/**
 * A WXT module: popup.html and sidepanel.html arrive with the app's first render in them — the header and the focused
 * search box — so an agent can type before any script has run; components/mount.tsx hydrates it, keeping the text.
 * The HTML is the real App rendered with preact-render-to-string (render.tsx), never a hand-kept copy. The pages'
 * stylesheets are inlined too: the first paint (and with it `autofocus`) waits for every linked stylesheet.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { addViteConfig, defineWxtModule } from 'wxt/modules';

/** Where an entrypoint's HTML wants a view's first render: `<div id="app" data-prerender="popup"></div>`. */
const SLOT = /<div id="app" data-prerender="(popup|sidepanel)"><\/div>/;

function prerender(root: string): Plugin {
  // In a child process: rendering loads the app's modules with tsx and a fake `browser`, neither of which belongs in
  // the build's own process.
  const render = (view: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', resolve(root, 'modules/prerender/render.tsx'), view], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  return {
    name: 'customer-desk:prerender',
    // `wxt dev` serves the pages without it: components/mount.tsx renders into the empty root instead.
    apply: 'build',
    transformIndexHtml(html) {
      const slot = SLOT.exec(html);
      return slot ? html.replace(slot[0], `<div id="app">${render(slot[1])}</div>`) : html;
    },
  };
}

/** Each page's `<link rel="stylesheet">` to a built stylesheet becomes a `<style>` with its text. */
function inlineStyles(): Plugin {
  const LINK = /<link rel="stylesheet"[^>]*\bhref="\/([^"]+\.css)"[^>]*>/g;
  return {
    name: 'customer-desk:inline-styles',
    apply: 'build',
    transformIndexHtml: {
      // After Vite has linked the built stylesheets.
      order: 'post',
      handler: (html, { bundle }) =>
        html.replace(LINK, (link, file: string) => {
          const asset = bundle?.[file];
          const css = asset?.type === 'asset' ? String(asset.source) : '';
          // A url() would resolve from the page rather than from assets/, and "</" could end the element: such a
          // sheet stays linked.
          return css && !/url\(|<\//.test(css) ? `<style>${css}</style>` : link;
        }),
    },
  };
}

export default defineWxtModule((wxt) => {
  addViteConfig(wxt, () => ({ plugins: [prerender(wxt.config.root), inlineStyles()] }));
});
