import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import '@/components/app.css';
import '@/components/theme.css';

render(<OptionsPage />, document.getElementById('app')!);
