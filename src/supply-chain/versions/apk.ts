/**
 * Alpine (apk) order: a port of apk-tools' current src/version.c (token_state, with commit
 * hashes): digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}. Tokens of the same kind compare
 * pairwise: numbers numerically, except that a component with a leading zero compares as text
 * (Gentoo's rule, so 1.05 < 1.5); letters by code; suffixes alpha < beta < pre < rc < (none) <
 * cvs < svn < git < hg < p; hashes as text. When one version runs out, the other is newer unless
 * it continues with a pre-release suffix. Strings outside the grammar still compare, up to the
 * first invalid token, as in apk. The comparison is pairwise rather than lexicographic, so keys
 * are token lists.
 */
import { checkDigits, checkInput, compareDigitStrings, isDigitCode, type VersionKey, type VersionScheme } from './common.ts';

const T_INITIAL_DIGIT = 0;
const T_DIGIT = 1;
const T_LETTER = 2;
const T_SUFFIX = 3;
const T_SUFFIX_NO = 4;
const T_COMMIT_HASH = 5;
const T_REVISION_NO = 6;
const T_END = 7;
const T_INVALID = 8;

const SUFFIX_NONE = 5;
const SUFFIXES: Record<string, number> = { alpha: 1, beta: 2, pre: 3, rc: 4, cvs: 6, svn: 7, git: 8, hg: 9, p: 10 };

interface Token {
  readonly type: number;
  /** Digits, the letter, the suffix word or the hash, as written. */
  readonly value: string;
  readonly suffix: number;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

// Cursor in module state rather than closures, as in the other parsers.
let S = '';
let POS = 0;

function span(lower: boolean): string {
  const start = POS;
  for (; POS < S.length; POS++) {
    const c = S.charCodeAt(POS);
    if (lower ? !isLower(c) : !(isDigitCode(c) || (c >= 97 && c <= 102))) break;
  }
  return S.slice(start, POS);
}

function digitsToken(type: number): Token {
  const start = POS;
  while (POS < S.length && isDigitCode(S.charCodeAt(POS))) POS++;
  const value = S.slice(start, POS);
  checkDigits('apk', S, value);
  return { type: value === '' ? T_INVALID : type, value, suffix: 0 };
}

const INVALID: Token = { type: T_INVALID, value: '', suffix: 0 };
const END: Token = { type: T_END, value: '', suffix: 0 };

// token_next: the kind of the next token follows from its first character, and must be allowed
// after the previous kind.
function nextToken(prev: number): Token {
  if (POS >= S.length) return END;
  const c = S.charCodeAt(POS);
  if (isLower(c)) {
    if (prev > T_DIGIT) return INVALID;
    POS++;
    return { type: T_LETTER, value: S[POS - 1] as string, suffix: 0 };
  }
  if (c === 46 /* . */ || isDigitCode(c)) {
    if (c === 46) {
      if (prev > T_DIGIT) return INVALID;
      POS++;
    }
    if (prev === T_INITIAL_DIGIT || prev === T_DIGIT) return digitsToken(T_DIGIT);
    if (prev === T_SUFFIX) return digitsToken(T_SUFFIX_NO);
    return INVALID;
  }
  if (c === 95 /* _ */) {
    if (prev > T_SUFFIX_NO) return INVALID;
    POS++;
    const value = span(true);
    const suffix = SUFFIXES[value];
    return suffix === undefined ? INVALID : { type: T_SUFFIX, value, suffix };
  }
  if (c === 126 /* ~ */) {
    if (prev >= T_COMMIT_HASH) return INVALID;
    POS++;
    const value = span(false);
    return value === '' ? INVALID : { type: T_COMMIT_HASH, value, suffix: 0 };
  }
  if (c === 45 /* - */) {
    if (prev >= T_REVISION_NO || S.charCodeAt(POS + 1) !== 114 /* r */) return INVALID;
    POS += 2;
    return digitsToken(T_REVISION_NO);
  }
  return INVALID;
}

export function parseApk(input: string): Token[] {
  S = checkInput('apk', input);
  POS = 0;
  let t = digitsToken(T_INITIAL_DIGIT);
  const tokens: Token[] = [t];
  while (t.type < T_END) {
    t = nextToken(t.type);
    tokens.push(t);
  }
  return tokens;
}

/** apk_blob_sort: bytewise, then shorter first. */
function blobSort(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tokenCmp(a: Token, b: Token): number {
  switch (a.type) {
    case T_DIGIT:
      if (a.value.charCodeAt(0) === 48 || b.value.charCodeAt(0) === 48) return blobSort(a.value, b.value);
      return compareDigitStrings(a.value, b.value);
    case T_INITIAL_DIGIT:
    case T_SUFFIX_NO:
    case T_REVISION_NO:
      return compareDigitStrings(a.value, b.value);
    case T_LETTER:
      return a.value.charCodeAt(0) - b.value.charCodeAt(0);
    case T_SUFFIX:
      return a.suffix - b.suffix;
    default:
      return blobSort(a.value, b.value);
  }
}

/** apk_version_compare on two token lists. */
export function compareApk(ka: VersionKey, kb: VersionKey): number {
  const a = ka as Token[];
  const b = kb as Token[];
  let i = 0;
  for (; (a[i] as Token).type === (b[i] as Token).type && (a[i] as Token).type < T_END; i++) {
    const r = tokenCmp(a[i] as Token, b[i] as Token);
    if (r !== 0) return r < 0 ? -1 : 1;
  }
  const ta = a[i] as Token;
  const tb = b[i] as Token;
  if (ta.type === tb.type) return 0;
  if (ta.type === T_SUFFIX && ta.suffix < SUFFIX_NONE) return -1;
  if (tb.type === T_SUFFIX && tb.suffix < SUFFIX_NONE) return 1;
  return ta.type > tb.type ? -1 : 1;
}

export const apkScheme: VersionScheme = {
  id: 'apk',
  stringKeys: false,
  parse: parseApk,
  compare: compareApk,
};
