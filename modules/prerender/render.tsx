/**
 * Run by modules/prerender/index.ts at build time, in a process of its own: prints the App's first render for the
 * view named on the command line (`popup` or `sidepanel`), in the language named after it, as HTML. The first render reads no storage and no browser
 * API, so it is the same here as in the page; effects (which would) do not run.
 */
import '@/harness/node-browser';
import { renderToString } from 'preact-render-to-string';
import { App, type View } from '@/components/App';
import type { Language } from '@/domain/languages';
import { setLanguage } from '@/services/i18n';

const [view, language] = process.argv.slice(2) as [View, Language];
await setLanguage(language);
process.stdout.write(renderToString(<App view={view} />));
