/**
 * Debian / Ubuntu order: dpkg's `verrevcmp` (lib/dpkg/version.c) on [epoch:]upstream[-revision].
 * Each part alternates a non-digit run, compared character by character with
 * '~' < end-of-run < letters < everything else, and a digit run compared as a number; a missing
 * run counts as empty and a missing number as 0, which is why "1.0" equals "1.0-0".
 *
 * Key: N(epoch) + part(upstream) + part(revision). A part is, per (run, number) pair, the run's
 * characters mapped to their order, then 0x02 (end of run), then N(number); the part closes
 * with 0x02 0x00, the encoding of the empty pair that an exhausted version keeps comparing as.
 * Order codes: '~' 0x01, letters their own code, other characters code + 0x100.
 */
import { checkDigits, checkInput, compareStrings, encodeNumber, isAlphaCode, isDigitCode, parseFailure, type VersionScheme } from './common.ts';

function partKey(s: string, raw: string): string {
  let key = '';
  let i = 0;
  const n = s.length;
  do {
    while (i < n && !isDigitCode(s.charCodeAt(i))) {
      const c = s.charCodeAt(i);
      key += c === 126 ? '\u0001' : isAlphaCode(c) ? s[i] : String.fromCharCode(c + 0x100);
      i++;
    }
    const start = i;
    while (i < n && isDigitCode(s.charCodeAt(i))) i++;
    const digits = s.slice(start, i);
    checkDigits('dpkg', raw, digits);
    key += `\u0002${encodeNumber(digits)}`;
  } while (i < n);
  return `${key}\u0002\u0000`;
}

// dpkg's parseversion: surrounding blanks trimmed, the epoch is everything before the first ':',
// the revision everything after the last '-'. Its hard errors are errors here too; its warnings
// (upstream not starting with a digit, unusual characters) still compare, as in dpkg, except that
// non-ASCII characters are refused because dpkg orders their UTF-8 bytes.
function fail(raw: string, why: string): never {
  return parseFailure('dpkg', raw, why);
}

export function parseDpkg(input: string): string {
  const raw = checkInput('dpkg', typeof input === 'string' ? input.replace(/^ +| +$/g, '') : input);
  if (raw.includes(' ')) fail(raw, 'version string has embedded spaces');
  if (/[^\u0020-\u007e]/.test(raw)) fail(raw, 'non-ASCII character');
  let rest = raw;
  let epoch = '0';
  const colon = raw.indexOf(':');
  if (colon >= 0) {
    epoch = raw.slice(0, colon);
    if (epoch === '') fail(raw, 'epoch in version is empty');
    if (!/^[0-9]+$/.test(epoch)) fail(raw, 'epoch in version is not number');
    if (epoch.replace(/^0+/, '').length > 10 || Number(epoch) > 2147483647) fail(raw, 'epoch in version is too big');
    rest = raw.slice(colon + 1);
    if (rest === '') fail(raw, 'nothing after colon in version number');
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream === '') fail(raw, 'version number is empty');
  if (dash >= 0 && revision === '') fail(raw, 'revision number is empty');
  return encodeNumber(epoch) + partKey(upstream, raw) + partKey(revision, raw);
}

export const dpkgScheme: VersionScheme = {
  id: 'dpkg',
  stringKeys: true,
  parse: parseDpkg,
  compare: compareStrings,
};
