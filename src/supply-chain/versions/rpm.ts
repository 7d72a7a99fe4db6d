/**
 * RPM order: `rpmvercmp` (rpm's lib/rpmvercmp.c, with tilde and caret) applied to
 * epoch:version-release (EVR), as rpm, dnf and OSV's Red Hat / AlmaLinux / Rocky / SUSE data
 * compare packages. A missing epoch is 0; a missing release compares as empty.
 *
 * rpmvercmp skips every character that is not alphanumeric, '~' or '^', then compares
 * maximal runs of digits or of letters. That is a lexicographic order over the token sequence
 * with the token ranks  '~'  <  end  <  '^'  <  letters  <  digits, which the key encodes:
 *   0x01 '~' | 0x02 end | 0x03 '^' | 0x04 letters 0x00 | 0x05 N(number)
 */
import { checkDigits, checkInput, compareStrings, encodeNumber, isAlphaCode, isDigitCode, type SchemeId, type VersionScheme } from './common.ts';

/** Token key of one rpmvercmp operand (version or release), terminated by the end token. */
export function rpmvercmpKey(s: string, raw: string, scheme: SchemeId = 'rpm'): string {
  let key = '';
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 126 /* ~ */) {
      key += '\u0001';
      i++;
    } else if (c === 94 /* ^ */) {
      key += '\u0003';
      i++;
    } else if (isDigitCode(c)) {
      const start = i;
      while (i < n && isDigitCode(s.charCodeAt(i))) i++;
      const digits = s.slice(start, i);
      checkDigits(scheme, raw, digits);
      key += `\u0005${encodeNumber(digits)}`;
    } else if (isAlphaCode(c)) {
      const start = i;
      while (i < n && isAlphaCode(s.charCodeAt(i))) i++;
      key += `\u0004${s.slice(start, i)}\u0000`;
    } else {
      i++;
    }
  }
  return `${key}\u0002`;
}

// Key: N(epoch) then the version's token key then the release's token key. The split follows
// rpm's parseEVR: an epoch only when the leading digits are directly followed by ':', the release
// after the last '-' that follows them; otherwise ':' and '-' are ordinary separators.
export function parseRpm(input: string): string {
  const raw = checkInput('rpm', input);
  let s = 0;
  while (s < raw.length && isDigitCode(raw.charCodeAt(s))) s++;
  const se = raw.lastIndexOf('-');
  const dash = se >= s ? se : -1;
  let epoch = '0';
  let vstart = 0;
  if (raw.charCodeAt(s) === 58 /* : */) {
    if (s > 0) epoch = raw.slice(0, s);
    checkDigits('rpm', raw, epoch);
    vstart = s + 1;
  }
  const version = dash >= 0 ? raw.slice(vstart, dash) : raw.slice(vstart);
  const release = dash >= 0 ? raw.slice(dash + 1) : '';
  return encodeNumber(epoch) + rpmvercmpKey(version, raw) + rpmvercmpKey(release, raw);
}

/** rpmvercmp(a, b) on bare version strings, for tests against rpm's own cases. */
export function rpmvercmp(a: string, b: string): number {
  return compareStrings(rpmvercmpKey(a, a), rpmvercmpKey(b, b));
}

export const rpmScheme: VersionScheme = {
  id: 'rpm',
  stringKeys: true,
  parse: parseRpm,
  compare: compareStrings,
};
