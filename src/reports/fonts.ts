/**
 * The CJK font the reports are set in: Noto Sans SC (SIL OFL), shipped through npm by
 * @expo-google-fonts/noto-sans-sc. Parsing the 10 MB TrueType files is the costly part of a
 * report, so each is parsed once per process and the parsed font handed to every document;
 * pdfkit then embeds only the glyphs a document uses (a subset, with a ToUnicode map).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

/** A parsed fontkit font; pdfkit accepts one wherever it accepts a font file. */
export interface ParsedFont {
  layout: (...args: unknown[]) => unknown;
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const parsed = new Map<FontWeight, ParsedFont>();

export function reportFont(weight: FontWeight): ParsedFont {
  let f = parsed.get(weight);
  if (!f) {
    const fontkit = require('fontkit') as { create(buf: Uint8Array): ParsedFont };
    f = fontkit.create(readFileSync(require.resolve(FONT_FILES[weight])));
    parsed.set(weight, f);
  }
  return f;
}
