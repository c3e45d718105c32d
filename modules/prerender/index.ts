/**
 * A WXT module: popup.html and sidepanel.html arrive with the app's first render in them — the header and the focused
 * search box — so an agent can type before any script has run; components/mount.tsx hydrates it, keeping the text.
 * The HTML is the real App rendered with preact-render-to-string (render.tsx), never a hand-kept copy. The pages'
 * stylesheets are inlined too: the first paint (and with it `autofocus`) waits for every linked stylesheet.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { addViteConfig, defineWxtModule } from 'wxt/modules';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/languages';
import { type PrerenderedView, pageOf } from './pages';

/** Where an entrypoint's HTML wants a view's first render: `<div id="app" data-prerender="popup"></div>`. */
const SLOT = /<div id="app" data-prerender="(popup|sidepanel)"><\/div>/;

/** Each view's render in the default language, as it stands in its page. */
type Rendered = Map<PrerenderedView, { first: string; render: (language: string) => string }>;

function prerender(root: string, rendered: Rendered): Plugin {
  // In a child process: rendering loads the app's modules with tsx and a fake `browser`, neither of which belongs in
  // the build's own process.
  const render = (view: string, language: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', resolve(root, 'modules/prerender/render.tsx'), view, language], {
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
      if (!slot) return html;
      const view = slot[1] as PrerenderedView;
      const first = render(view, DEFAULT_LANGUAGE);
      rendered.set(view, { first, render: (language) => render(view, language) });
      return html.replace(slot[0], `<div id="app">${first}</div>`);
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

/**
 * Once the pages are final (scripts linked, styles inlined, moved to `<view>.html`): the same page in every other
 * language, beside it (its scripts and styles are addressed from the root). Written after the build, as WXT's own
 * step that moves the pages takes every HTML file of the bundle for an entrypoint's.
 */
async function writeLanguagePages(outDir: string, rendered: Rendered) {
  for (const [view, { first, render }] of rendered) {
    const html = await readFile(join(outDir, pageOf(view, DEFAULT_LANGUAGE)), 'utf8');
    for (const { code } of LANGUAGES.filter((l) => l.code !== DEFAULT_LANGUAGE))
      await writeFile(
        join(outDir, pageOf(view, code)),
        html.replace(`<html lang="${DEFAULT_LANGUAGE}">`, `<html lang="${code}">`).replace(first, () => render(code)),
      );
  }
}

export default defineWxtModule((wxt) => {
  const rendered: Rendered = new Map();
  addViteConfig(wxt, () => ({ plugins: [prerender(wxt.config.root, rendered), inlineStyles()] }));
  wxt.hook('build:done', () => writeLanguagePages(wxt.config.outDir, rendered));
});
