import { hydrate, render } from 'preact';
import { DEFAULT_LANGUAGE, type Language } from '@/domain/languages';
import { setLanguage } from '@/services/i18n';
import { App, type View } from './App';
import 'virtual:fluent-tokens.css';
import './app.css';

export async function mount(view: View) {
  const root = document.getElementById('app')!;
  // The built page already holds the app's first render (modules/prerender): take it over where it stands, the
  // focus and anything typed meanwhile included. `wxt dev` serves the page without it. A page prerendered in another
  // language hydrates in that language, its catalogue loaded first, so no frame falls back to English.
  if (!root.firstElementChild) return render(<App view={view} />, root);
  const language = document.documentElement.lang as Language;
  if (language !== DEFAULT_LANGUAGE) await setLanguage(language);
  hydrate(<App view={view} />, root);
}
