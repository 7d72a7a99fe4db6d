/**
 * SemVer 2.0.0 precedence (semver.org §11) and its ecosystem variants:
 *  - 'semver': strict SemVer 2.0; OSV SEMVER ranges, crates.io, Hex, SwiftURL. A leading 'v' is
 *    tolerated because Go components carry one while OSV bounds never do.
 *  - 'go': Go modules (golang.org/x/mod/semver): optional 'v', the shorthands vMAJOR and
 *    vMAJOR.MINOR, pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`) and `+incompatible`,
 *    which are ordinary pre-release and build parts, so plain precedence already orders them.
 *  - 'npm': node-semver's strict parse: optional 'v', surrounding whitespace ignored,
 *    major/minor/patch at most 2^53-1.
 *  - 'pub': Dart pub_semver, which accepts leading zeros and orders build metadata
 *    (none < any, then part by part) after pre-release.
 * Build metadata never affects precedence except in 'pub'.
 */
import {
  checkDigits,
  checkInput,
  compareStrings,
  encodeNumber,
  isAlphaCode,
  isDigitCode,
  parseFailure,
  type SchemeId,
  type VersionScheme,
} from './common.ts';

interface Flavour {
  id: SchemeId;
  /** Accept 'vX' and 'vX.Y' (Go). */
  shorthand: boolean;
  /** Major/minor/patch must stay within Number.MAX_SAFE_INTEGER (node-semver). */
  safeIntegers: boolean;
  /** Leading zeros allowed in numbers, pre-release numerics compared as numbers (pub). */
  lenientZeros: boolean;
  /** Build metadata takes part in the order (pub). */
  orderBuild: boolean;
  /** Surrounding whitespace is ignored, as node-semver's trim() does (npm). */
  trim?: boolean;
}

const MAX_SAFE = '9007199254740991';

// Cursor in module state: no per-call closures on the matcher's hot path.
let RAW = '';
let I = 0;

function fail(f: Flavour, why: string): never {
  return parseFailure(f.id, RAW, why);
}

// Key layout: N(major) N(minor) N(patch), then 0x02 for a release or 0x01 + identifiers + 0x01
// for a pre-release (so any pre-release < the release), then for pub the build part the same way.
// Identifier: 0x02 N(value) when numeric, 0x03 text 0x00 otherwise: numeric < alphanumeric, and
// a list that is a prefix of another ends with 0x01, which sorts before both markers.
function parseWith(f: Flavour, input: string): string {
  RAW = checkInput(f.id, f.trim && typeof input === 'string' ? input.trim() : input);
  const raw = RAW;
  const n = raw.length;
  const c0 = raw.charCodeAt(0);
  I = c0 === 118 /* v */ ? 1 : 0;

  let key = '';
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (I >= n || raw.charCodeAt(I) !== 46 /* . */) {
        return fail(f, `expected '.' before the ${part === 1 ? 'minor' : 'patch'} number at offset ${I}`);
      }
      I++;
    }
    const start = I;
    while (I < n && isDigitCode(raw.charCodeAt(I))) I++;
    if (I === start) return fail(f, `expected a number at offset ${start}`);
    const digits = raw.slice(start, I);
    if (!f.lenientZeros && digits.length > 1 && digits.charCodeAt(0) === 48) {
      return fail(f, `leading zero in numeric part '${digits}'`);
    }
    checkDigits(f.id, raw, digits);
    if (f.safeIntegers && (digits.length > 16 || (digits.length === 16 && digits > MAX_SAFE))) {
      return fail(f, `numeric part '${digits}' exceeds ${MAX_SAFE}`);
    }
    key += encodeNumber(digits);
    if (f.shorthand && I === n && part < 2 && c0 === 118) {
      key += part === 0 ? '\u0000\u0000' : '\u0000';
      break;
    }
  }

  let pre = '';
  let build = '';
  if (I < n && raw.charCodeAt(I) === 45 /* - */) {
    I++;
    pre = identifiers(f, true);
  }
  if (I < n && raw.charCodeAt(I) === 43 /* + */) {
    I++;
    build = identifiers(f, false);
  }
  if (I !== n) return fail(f, `unexpected character ${JSON.stringify(raw[I])} at offset ${I}`);

  key += pre === '' ? '\u0002' : `\u0001${pre}\u0001`;
  if (f.orderBuild) key += build === '' ? '\u0001' : `\u0002${build}\u0001`;
  return key;
}

/** Dot-separated identifiers from the cursor on; returns their key and leaves the cursor after them. */
function identifiers(f: Flavour, prerelease: boolean): string {
  const raw = RAW;
  const n = raw.length;
  let key = '';
  for (;;) {
    const start = I;
    let allDigits = true;
    while (I < n) {
      const c = raw.charCodeAt(I);
      if (isDigitCode(c)) {
        I++;
      } else if (isAlphaCode(c) || c === 45) {
        allDigits = false;
        I++;
      } else {
        break;
      }
    }
    if (I === start) return fail(f, `empty ${prerelease ? 'pre-release' : 'build'} identifier at offset ${start}`);
    const id = raw.slice(start, I);
    // Build identifiers only take part in pub's order; there, as in pre-releases, digits are numbers.
    if (allDigits && (prerelease || f.orderBuild)) {
      if (prerelease && !f.lenientZeros && id.length > 1 && id.charCodeAt(0) === 48) {
        return fail(f, `leading zero in numeric pre-release identifier '${id}'`);
      }
      checkDigits(f.id, raw, id);
      key += `\u0002${encodeNumber(id)}`;
    } else {
      key += `\u0003${id}\u0000`;
    }
    if (I < n && raw.charCodeAt(I) === 46) {
      I++;
      continue;
    }
    return key;
  }
}

function makeScheme(f: Flavour): VersionScheme {
  return { id: f.id, stringKeys: true, parse: (raw) => parseWith(f, raw), compare: compareStrings };
}

export const semverScheme = makeScheme({ id: 'semver', shorthand: false, safeIntegers: false, lenientZeros: false, orderBuild: false });
export const goScheme = makeScheme({ id: 'go', shorthand: true, safeIntegers: false, lenientZeros: false, orderBuild: false });
export const npmScheme = makeScheme({ id: 'npm', shorthand: false, safeIntegers: true, lenientZeros: false, orderBuild: false, trim: true });
export const pubScheme = makeScheme({ id: 'pub', shorthand: false, safeIntegers: false, lenientZeros: true, orderBuild: true });
