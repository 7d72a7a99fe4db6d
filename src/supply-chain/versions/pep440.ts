/**
 * PEP 440 (PyPI) version order, as implemented by `packaging.version.Version`: the same
 * grammar (case-insensitive, optional 'v', alternative spellings, implicit post-releases,
 * optional separators) and the same sort key (`_cmpkey`): epoch, release without trailing
 * zeros, pre-release (with the 1.0.dev0 < 1.0a0 trick), post, dev, local.
 * Numbers are arbitrary precision, unlike the renovate port, which goes through Number.
 */
import { checkDigits, checkInput, compareStrings, encodeNumber, parseFailure, type VersionScheme } from './common.ts';

const PRE_WORDS = [
  ['alpha', 'a'], ['a', 'a'], ['beta', 'b'], ['b', 'b'], ['preview', 'c'], ['pre', 'c'], ['c', 'c'], ['rc', 'c'],
] as const;

const isSep = (c: number): boolean => c === 45 || c === 95 || c === 46; // - _ .
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLocalChar = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 122);

// The parser keeps its cursor in module state rather than in closures: it runs millions of
// times per second in the matcher, and per-call closures cost more than the parsing itself.
let S = '';
let RAW = '';
let I = 0;

function fail(why: string): never {
  return parseFailure('pep440', RAW, why);
}

function digits(): string | undefined {
  const start = I;
  while (I < S.length && isDigit(S.charCodeAt(I))) I++;
  if (I === start) return undefined;
  const d = S.slice(start, I);
  checkDigits('pep440', RAW, d);
  return d;
}

function optSep(): void {
  if (I < S.length && isSep(S.charCodeAt(I))) I++;
}

/** A pre-release or post-release word at the cursor, with its optional separators and number. */
function suffix(words: readonly (readonly [string, string])[], marker: string): string | undefined {
  const save = I;
  optSep();
  for (const [name, letter] of words) {
    if (S.startsWith(name, I)) {
      I += name.length;
      optSep();
      return `${marker}${letter}${encodeNumber(digits() ?? '0')}`;
    }
  }
  I = save;
  return undefined;
}

const POST = [['post', ''], ['rev', ''], ['r', '']] as const;
const DEV = [['dev', '']] as const;

// Key layout (each part fixed in position, so code-unit order is packaging's tuple order):
//   N(epoch)
//   release: 0x02 N(x) per component after trailing zeros are dropped, then 0x01
//   pre:     0x01 = -inf (dev-only release) | 0x02 letter N(n) (a < b < c=rc) | 0x03 = +inf (none)
//   post:    0x01 = none | 0x02 N(n)
//   dev:     0x01 N(n) | 0x02 = none
//   local:   0x01 = none | 0x02 then per segment 0x02 text 0x00 (alpha) or 0x03 N(n), then 0x01
//
// A hand-written reading of packaging's VERSION_PATTERN (case-insensitive, surrounding whitespace
// ignored). Where the regex has choices, only one of them can lead to a full match, so reading
// greedily accepts exactly the same strings; pep440.test.ts checks that against the renovate port.
export function parsePep440(input: string): string {
  RAW = checkInput('pep440', input);
  S = RAW.trim().toLowerCase();
  I = 0;
  const n = S.length;

  if (S.charCodeAt(0) === 118 /* v */) I++;
  let first = digits();
  if (first === undefined) return fail('does not start with a release number');
  let epoch = '0';
  if (S.charCodeAt(I) === 33 /* ! */) {
    epoch = first;
    I++;
    first = digits();
    if (first === undefined) return fail("no release number after the epoch's '!'");
  }
  const release = [first];
  while (S.charCodeAt(I) === 46 && isDigit(S.charCodeAt(I + 1))) {
    I++;
    release.push(digits() as string);
  }
  let key = encodeNumber(epoch);
  let last = release.length - 1;
  while (last >= 0 && encodeNumber(release[last] as string) === '\u0000') last--;
  for (let r = 0; r <= last; r++) key += `\u0002${encodeNumber(release[r] as string)}`;
  key += '\u0001';

  // An optional separator belongs to a part only when that part's word follows it.
  const pre = suffix(PRE_WORDS, '\u0002');
  let post: string | undefined;
  if (S.charCodeAt(I) === 45 && isDigit(S.charCodeAt(I + 1))) {
    I++;
    post = `\u0002${encodeNumber(digits() as string)}`;
  } else {
    post = suffix(POST, '\u0002');
  }
  const dev = suffix(DEV, '\u0001');
  key += pre ?? (dev !== undefined && post === undefined ? '\u0001' : '\u0003');
  key += post ?? '\u0001';
  key += dev ?? '\u0002';

  if (I === n) return `${key}\u0001`;
  if (S.charCodeAt(I) !== 43 /* + */) return fail(`unexpected ${JSON.stringify(S[I])} at offset ${I}`);
  I++;
  key += '\u0002';
  for (;;) {
    const start = I;
    let numeric = true;
    while (I < n && isLocalChar(S.charCodeAt(I))) {
      if (!isDigit(S.charCodeAt(I))) numeric = false;
      I++;
    }
    if (I === start) return fail(`empty local version segment at offset ${start}`);
    const seg = S.slice(start, I);
    if (numeric) checkDigits('pep440', RAW, seg);
    key += numeric ? `\u0003${encodeNumber(seg)}` : `\u0002${seg}\u0000`;
    if (I === n) return `${key}\u0001`;
    if (!isSep(S.charCodeAt(I))) return fail(`unexpected ${JSON.stringify(S[I])} in the local version`);
    I++;
  }
}

export const pep440Scheme: VersionScheme = {
  id: 'pep440',
  stringKeys: true,
  parse: parsePep440,
  compare: compareStrings,
};
