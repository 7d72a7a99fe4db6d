/**
 * Shared plumbing of the version orders: the one error type every parser throws, input limits,
 * and the order-preserving string encoding most schemes use for their keys.
 *
 * Most schemes turn a version into a string key whose plain code-unit order (`<`) is the
 * scheme's order, so the matcher compares pre-parsed bounds with a single native string
 * comparison. Schemes whose published algorithm is not a lexicographic order over tokens
 * (Maven, apk) keep structured keys and their own compare function.
 */

/** Longest version string any parser accepts. The shared OSV corpus tops out at 52 characters. */
export const MAX_VERSION_LENGTH = 256;

/** Longest run of digits in one numeric component; keeps the length prefix of `encodeNumber` in range. */
export const MAX_DIGITS = 128;

export type SchemeId =
  | 'semver'
  | 'go'
  | 'npm'
  | 'pub'
  | 'pep440'
  | 'maven'
  | 'rpm'
  | 'dpkg'
  | 'apk'
  | 'rubygems'
  | 'nuget'
  | 'packagist'
  | 'generic';

/** A pre-parsed version: an order-preserving string, or a structured key for Maven and apk. */
export type VersionKey = string | object;

export interface VersionScheme {
  readonly id: SchemeId;
  /** Parses a version string; throws `VersionParseError` and nothing else. */
  parse(raw: string): VersionKey;
  /** Total order on keys of this scheme: negative, zero or positive. */
  compare(a: VersionKey, b: VersionKey): number;
  /** True when keys are strings ordered by plain code-unit comparison. */
  readonly stringKeys: boolean;
}

/** The only error a version parser throws: names the scheme, the (shortened) input and why. */
export class VersionParseError extends Error {
  override readonly name = 'VersionParseError';
  readonly scheme: SchemeId;
  /** The input, cut to 80 characters so an absurd string cannot flood a log. */
  readonly input: string;
  readonly reason: string;

  constructor(scheme: SchemeId, input: string, reason: string) {
    const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
    super(`invalid ${scheme} version ${JSON.stringify(shown)}: ${reason}`);
    this.scheme = scheme;
    this.input = shown;
    this.reason = reason;
  }
}

// Quiet mode: the matcher asks "does this parse?" millions of times, and building an Error with
// a stack trace costs far more than parsing. Inside `parseQuietly`, failures throw one shared
// sentinel instead; everywhere else they throw a full VersionParseError.
const QUIET_FAILURE: unique symbol = Symbol('version parse failure');
let quiet = 0;

/** Throws the parse failure: a VersionParseError, or the cheap sentinel inside parseQuietly. */
export function parseFailure(scheme: SchemeId, input: string, reason: string): never {
  if (quiet > 0) throw QUIET_FAILURE;
  throw new VersionParseError(scheme, input, reason);
}

/** `scheme.parse(raw)`, or undefined when the string is not a version of the scheme. */
export function parseQuietly(scheme: VersionScheme, raw: string): VersionKey | undefined {
  quiet++;
  try {
    return scheme.parse(raw);
  } catch (e) {
    if (e === QUIET_FAILURE || e instanceof VersionParseError) return undefined;
    throw e;
  } finally {
    quiet--;
  }
}

/**
 * Limits common to all schemes, checked before any scheme-specific work so no parser ever sees
 * an unbounded or binary string: non-empty, at most MAX_VERSION_LENGTH code units, no control
 * characters (C0, DEL, C1) and no lone surrogates.
 */
export function checkInput(scheme: SchemeId, raw: unknown): string {
  if (typeof raw !== 'string') return parseFailure(scheme, String(raw), `expected a string, got ${typeof raw}`);
  if (raw.length === 0) return parseFailure(scheme, raw, 'empty version');
  if (raw.length > MAX_VERSION_LENGTH) {
    return parseFailure(scheme, raw, `longer than ${MAX_VERSION_LENGTH} characters (${raw.length})`);
  }
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return parseFailure(scheme, raw, `control character U+${c.toString(16).padStart(4, '0').toUpperCase()} at offset ${i}`);
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const pairOk = c <= 0xdbff && i + 1 < raw.length && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!pairOk) return parseFailure(scheme, raw, `lone surrogate at offset ${i}`);
      i++;
    }
  }
  return raw;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAlphaCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Order-preserving encoding of a non-negative decimal integer of any size: one code unit holding
 * the digit count (after dropping leading zeros), then the digits. Equal numbers encode equally;
 * a longer number always sorts after a shorter one.
 */
export function encodeNumber(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  const d = i === 0 ? digits : digits.slice(i);
  if (d === '0' || d === '') return '\u0000';
  return String.fromCharCode(d.length) + d;
}

/** Guards a digit run before encoding; absurd numbers are rejected rather than silently truncated. */
export function checkDigits(scheme: SchemeId, raw: string, digits: string): void {
  if (digits.length > MAX_DIGITS) parseFailure(scheme, raw, `numeric component longer than ${MAX_DIGITS} digits`);
}

export function compareStrings(a: VersionKey, b: VersionKey): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two digit strings numerically (any length, leading zeros ignored). */
export function compareDigitStrings(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i++;
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j++;
  const la = a.length - i;
  const lb = b.length - j;
  if (la !== lb) return la < lb ? -1 : 1;
  for (; i < a.length; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
