/**
 * RubyGems order: `Gem::Version#<=>`. The version must match Gem::Version's pattern; '-' becomes
 * '.pre.'; segments are runs of digits (numbers) or letters (strings); trailing zeros are dropped
 * separately from the numeric prefix and from the part that starts at the first string
 * ("canonical segments"); then segments compare pairwise, a missing one counting as 0, strings
 * before numbers, strings bytewise, numbers numerically. So 1.0.a < 1.0 and 1.0.0 == 1.
 *
 * Key: one token per canonical segment, then 0x03 (end). Because the end of a version behaves
 * like an endless run of zeros, a zero is encoded by what ends the run of zeros it belongs to:
 *   0x01 string 0x00 | 0x02 zero (run ends in a string) | 0x03 end
 *   | 0x04 zero (run ends in a number) | 0x05 N(positive number)
 * A canonical version never ends in zero, so every run of zeros ends in a string or a number.
 */
import { checkDigits, checkInput, compareStrings, encodeNumber, isDigitCode, parseFailure, type VersionScheme } from './common.ts';

// Gem::Version::ANCHORED_VERSION_PATTERN; every repetition starts with a mandatory separator.
const GEM_VERSION = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/;

const SEGMENT = /[0-9]+|[a-z]+/gi;

export function parseRubyGems(input: string): string {
  const raw = checkInput('rubygems', input);
  const m = GEM_VERSION.exec(raw);
  if (!m) return parseFailure('rubygems', raw, 'does not match Gem::Version::ANCHORED_VERSION_PATTERN');
  const version = (m[1] ?? '0').replaceAll('-', '.pre.');
  // Segments: digit runs stripped of leading zeros ('' for zero), letter runs prefixed with 'a:'.
  const segments: string[] = [];
  let firstString = -1;
  for (const s of version.match(SEGMENT) ?? []) {
    if (isDigitCode(s.charCodeAt(0))) {
      checkDigits('rubygems', raw, s);
      segments.push(s.replace(/^0+/, ''));
    } else {
      if (firstString < 0) firstString = segments.length;
      segments.push(`a:${s}`);
    }
  }
  // canonical_segments: trailing zeros dropped from the numeric prefix and from the rest.
  const split = firstString < 0 ? segments.length : firstString;
  let numericEnd = split;
  while (numericEnd > 0 && segments[numericEnd - 1] === '') numericEnd--;
  let restEnd = segments.length;
  while (restEnd > split && segments[restEnd - 1] === '') restEnd--;
  const canonical = [...segments.slice(0, numericEnd), ...segments.slice(split, restEnd)];

  let key = '';
  for (let i = 0; i < canonical.length; i++) {
    const seg = canonical[i] as string;
    if (seg.startsWith('a:')) {
      key += `\u0001${seg.slice(2)}\u0000`;
    } else if (seg === '') {
      let j = i + 1;
      while (canonical[j] === '') j++;
      key += (canonical[j] as string).startsWith('a:') ? '\u0002' : '\u0004';
    } else {
      key += `\u0005${encodeNumber(seg)}`;
    }
  }
  return `${key}\u0003`;
}

export const rubygemsScheme: VersionScheme = {
  id: 'rubygems',
  stringKeys: true,
  parse: parseRubyGems,
  compare: compareStrings,
};
