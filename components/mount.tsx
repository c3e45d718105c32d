import { hydrate, render } from 'preact';
import { App, type View } from './App';
import 'virtual:fluent-tokens.css';
import './app.css';

export function mount(view: View) {
  const root = document.getElementById('app')!;
  // The built page already holds the app's first render (modules/prerender): take it over where it stands, the
  // focus and anything typed meanwhile included. `wxt dev` serves the page without it.
  if (root.firstElementChild) hydrate(<App view={view} />, root);
  else render(<App view={view} />, root);
}
