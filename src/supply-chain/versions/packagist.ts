/**
 * Packagist (Composer) order: PHP's version_compare() after Composer's habit of dropping a
 * leading 'v' (as OSV's own Packagist comparator does). PHP canonicalises the string ('-', '_',
 * '+' and any other non-alphanumeric character become '.', and a '.' is inserted between a digit
 * and a non-digit), then compares part by part: numbers numerically; words by their special form,
 * matched as prefixes: dev < alpha = a < beta = b < RC = rc < (number) < pl = p, and any other
 * word below dev. When one version runs out, the other wins if its next part is a number, and
 * otherwise its next word is compared with a number (so 1.0-rc1 < 1.0 < 1.0-pl1).
 *
 * Key per part: 0x01 other word | 0x02 dev | 0x03 alpha | 0x04 beta | 0x05 RC | 0x06 end
 * | 0x07 N(number) | 0x08 patch level. The end token sits where PHP puts a missing part.
 */
import { checkDigits, checkInput, compareStrings, encodeNumber, isAlphaCode, isDigitCode, type VersionScheme } from './common.ts';

// php_version_compare's special forms, in PHP's search order (first prefix match wins).
const FORMS: [string, string][] = [
  ['dev', '\u0002'],
  ['alpha', '\u0003'],
  ['a', '\u0003'],
  ['beta', '\u0004'],
  ['b', '\u0004'],
  ['RC', '\u0005'],
  ['rc', '\u0005'],
  ['pl', '\u0008'],
  ['p', '\u0008'],
];

function formCode(word: string): string {
  for (const [name, code] of FORMS) if (word.startsWith(name)) return code;
  return '\u0001';
}

export function parsePackagist(input: string): string {
  const raw = checkInput('packagist', input);
  const s = raw.charCodeAt(0) === 118 || raw.charCodeAt(0) === 86 ? raw.slice(1) : raw;
  let key = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isDigitCode(c)) {
      const start = i;
      while (i < n && isDigitCode(s.charCodeAt(i))) i++;
      const digits = s.slice(start, i);
      checkDigits('packagist', raw, digits);
      key += `\u0007${encodeNumber(digits)}`;
    } else if (isAlphaCode(c)) {
      const start = i;
      while (i < n && isAlphaCode(s.charCodeAt(i))) i++;
      key += formCode(s.slice(start, i));
    } else {
      i++;
    }
  }
  return `${key}\u0006`;
}

export const packagistScheme: VersionScheme = {
  id: 'packagist',
  stringKeys: true,
  parse: parsePackagist,
  compare: compareStrings,
};
