/**
 * Fallback order for ecosystems without a scheme of their own: rpmvercmp over the whole string
 * (runs of digits compared as numbers and newer than runs of letters, punctuation only
 * separates, '~' sorts before the end). It is a total order on any string and agrees with
 * dotted-number, date and most vendor schemes; it does not know about pre-release words.
 */
import { checkInput, compareStrings, type VersionScheme } from './common.ts';
import { rpmvercmpKey } from './rpm.ts';

export const genericScheme: VersionScheme = {
  id: 'generic',
  stringKeys: true,
  parse: (input: string) => rpmvercmpKey(checkInput('generic', input), input, 'generic'),
  compare: compareStrings,
};
