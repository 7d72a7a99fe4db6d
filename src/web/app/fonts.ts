import { onFirstData } from './api.ts';

/**
 * The Chinese font the server ships (for machines without one) is registered only after the first
 * page's data is shown: 10 MB of font must not compete with the content. It is last in the CSS
 * font stack, so a browser with a local CJK font never downloads it, and one without loads it only
 * when a glyph needs it.
 */
export function registerCjkFontLater(): void {
  const url = document.querySelector<HTMLMetaElement>('meta[name=nr-cjk-font]')?.content;
  if (!url) return;
  onFirstData(() =>
    setTimeout(() => {
      // A stylesheet rule (not FontFaceSet.add) so the browser restyles text already laid out.
      const style = document.createElement('style');
      style.textContent = `@font-face{font-family:"Netreview Noto Sans SC";src:url(${url}) format("truetype");font-weight:100 900;font-display:swap}`;
      document.head.appendChild(style);
    }, 50),
  );
}
