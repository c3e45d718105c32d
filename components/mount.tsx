import { render } from 'preact';
import { App, type View } from './App';
import './app.css';
import './theme.css';

export function mount(view: View) {
  render(<App view={view} />, document.getElementById('app')!);
}
