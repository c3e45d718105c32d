import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import 'virtual:fluent-tokens.css';
import '@/components/app.css';

render(<OptionsPage />, document.getElementById('app')!);
