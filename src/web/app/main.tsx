import { render } from 'preact';
import { App } from './app.tsx';
import { registerCjkFontLater } from './fonts.ts';

render(<App />, document.getElementById('app')!);
registerCjkFontLater();
