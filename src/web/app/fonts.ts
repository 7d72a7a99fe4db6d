import { onFirstData } from './api.ts';

/**
 * The Chinese font the server ships (for machines without one) joins the font stack only after the
 * first page's data is shown: 10 MB of font must not compete with the content. It is last in the
 * stack, so a browser with a local CJK font never downloads it, and one without loads it only when
 * a glyph needs it. A class switch (rather than adding the face late) makes the browser restyle
 * text already laid out.
 */
export function addCjkFontLater(): void {
  onFirstData(() => setTimeout(() => document.documentElement.classList.add('cjk-font'), 50));
}
