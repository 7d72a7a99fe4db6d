import type { Bilingual } from './types.ts';

/**
 * Where the statute copy a profile was built from is incomplete, so an article's `textZh` is
 * shorter than the law. Kept beside the profile rather than in `Article` so the verbatim text stays
 * exactly what the source file says.
 */
export interface TextGap {
  /** What the Chinese copy lacks. */
  missing: Bilingual;
  /** What the profile relies on instead. */
  substitute: Bilingual;
}

export type TextGaps = Readonly<Record<string, TextGap>>;
