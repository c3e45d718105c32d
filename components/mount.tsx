import { render } from 'preact';
import { App, type View } from './App';
import 'virtual:fluent-tokens.css';
import './app.css';

export function mount(view: View) {
  render(<App view={view} />, document.getElementById('app')!);
}
