import { render } from 'preact';
import { App } from './app.tsx';
import { addCjkFontLater } from './fonts.ts';

render(<App />, document.getElementById('app')!);
addCjkFontLater();
