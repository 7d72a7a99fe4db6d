import type { Component } from '../model.ts';
import { formatPurl, lookupTable, parsePurl, PurlError } from '../purl/purl.ts';
import { osvFor, purlToOsv } from '../purl/osv.ts';
import { CpeError, normalizeCpe } from '../purl/cpe.ts';

/** What a purl string resolves to: canonical form and OSV coordinates, or why it failed. */
export interface PurlInfo {
  purl?: string;
  ecosystem?: string;
  packageName?: string;
  error?: string;
}

/** Characters a canonical purl component keeps literal: alphanumerics, '.', '-', '_', '~', ':'. */
const SAFE = new Uint8Array(128);
for (let c = 48; c <= 57; c++) SAFE[c] = 1;
for (let c = 65; c <= 90; c++) SAFE[c] = 1;
for (let c = 97; c <= 122; c++) SAFE[c] = 1;
for (const ch of '.-_~:') SAFE[ch.charCodeAt(0)] = 1;

/**
 * Types the fast path knows, with their case rule: 'lower' (namespace and name lower case),
 * 'lower-ns' (namespace only), '' (case kept). Types with other normalisations or validations
 * (pub, oci, huggingface, cran, conan, …) always take the full parser.
 */
type Rule = '' | 'lower' | 'lower-ns';
const FAST_TYPES: Record<string, Rule> = lookupTable({
  // Most frequent first: the fast path tries them in this order.
  npm: 'lower', maven: '', pypi: 'lower', golang: '', deb: 'lower', rpm: 'lower-ns', apk: 'lower', cargo: '', gem: '', nuget: '',
  composer: 'lower', hex: 'lower', github: 'lower', bitbucket: 'lower', generic: '', docker: '', swift: '', hackage: '',
  cocoapods: '', conda: '', cpan: '',
});
const FAST_TYPE_LIST = Object.entries(FAST_TYPES);

/**
 * Resolves purl and CPE strings for one parse. Most purls in real SBOMs are already canonical
 * (or differ only in case), so a single character scan proves it and the input string itself
 * becomes the canonical form (no parse, no re-encoding). Anything else goes through the full
 * parser, cached per distinct string.
 */
export class IdentityResolver {
  private readonly purls = new Map<string, PurlInfo>();
  private readonly cpes = new Map<string, string | CpeError>();

  /** Sets purl, ecosystem and packageName on `c`; returns the reason when `raw` is not a purl. */
  applyPurl(c: Component, raw: string): string | undefined {
    if (this.fast(c, raw)) return undefined;
    const info = this.purl(raw);
    if (info.error !== undefined) return info.error;
    c.purl = info.purl;
    if (info.ecosystem !== undefined) {
      c.ecosystem = info.ecosystem;
      c.packageName = info.packageName;
    }
    return undefined;
  }

  purl(raw: string): PurlInfo {
    let info = this.purls.get(raw);
    if (info === undefined) {
      info = resolvePurl(raw);
      this.purls.set(raw, info);
    }
    return info;
  }

  /** Canonical CPE 2.3 string, or the error explaining why `raw` is not a CPE. */
  cpe(raw: string): string | CpeError {
    let out = this.cpes.get(raw);
    if (out === undefined) {
      try {
        out = normalizeCpe(raw);
      } catch (e) {
        if (!(e instanceof CpeError)) throw e;
        out = e;
      }
      this.cpes.set(raw, out);
    }
    return out;
  }

  /** True when `raw` is provably canonical and `c` has been filled from it. */
  private fast(c: Component, raw: string): boolean {
    const n = raw.length;
    if (n > 1024 || raw.charCodeAt(0) !== 112 || !raw.startsWith('pkg:')) return false;
    // The type is matched against the known list rather than sliced out: no allocation.
    let type: string | undefined;
    let rule: Rule = '';
    for (const [t, r] of FAST_TYPE_LIST) {
      if (raw.charCodeAt(4 + t.length) === 47 && raw.startsWith(t, 4)) {
        type = t;
        rule = r;
        break;
      }
    }
    if (type === undefined) return false;
    const slash = 4 + type.length;
    const q = raw.indexOf('?', slash);
    const pathEnd = q < 0 ? n : q;
    let lastSlash = -1;
    let at = -1;
    let escaped = false;
    let fold = false;
    for (let k = slash + 1; k < pathEnd; k++) {
      const ch = raw.charCodeAt(k);
      if (ch === 47) {
        // Empty segments, and '/' inside a version, are not canonical.
        if (at >= 0 || k === slash + 1 || raw.charCodeAt(k - 1) === 47) return false;
        lastSlash = k;
      } else if (ch === 64) {
        if (at >= 0) return false;
        at = k;
      } else if (ch === 37) {
        if (!canonicalEscape(raw, k)) return false;
        escaped = true;
        k += 2;
      } else if (ch >= 128 || SAFE[ch] === 0) return false;
      else if (at < 0 && ((ch >= 65 && ch <= 90 && rule === 'lower') || (ch === 95 && type === 'pypi'))) fold = true;
    }
    const nameStart = lastSlash >= 0 ? lastSlash + 1 : slash + 1;
    const nameEnd = at >= 0 ? at : pathEnd;
    if (nameEnd <= nameStart || (at >= 0 && at === pathEnd - 1)) return false;
    if (lastSlash < 0 && (type === 'maven' || type === 'swift')) return false;
    if (rule === 'lower-ns') for (let k = slash + 1; k < lastSlash; k++) if (raw.charCodeAt(k) >= 65 && raw.charCodeAt(k) <= 90) return false;
    let qualifiers: Record<string, string> | undefined;
    if (q >= 0) {
      qualifiers = fastQualifiers(raw, q + 1, type === 'deb' || type === 'rpm' || type === 'apk');
      if (qualifiers === undefined) return false;
    }
    // Case folding (and PyPI's '_' → '-') is cheap to apply here; with escapes or a PyPI
    // namespace in play it is left to the full parser.
    let canonical = raw;
    if (fold) {
      if (escaped || (type === 'pypi' && lastSlash >= 0)) return false;
      let path = raw.slice(slash + 1, nameEnd).toLowerCase();
      if (type === 'pypi') path = path.replace(/_/g, '-');
      canonical = raw.slice(0, slash + 1) + path + raw.slice(nameEnd);
    }
    let name = canonical.slice(nameStart, nameEnd);
    let namespace = lastSlash >= 0 ? canonical.slice(slash + 1, lastSlash) : undefined;
    if (escaped) {
      name = decodeURIComponent(name);
      if (namespace) namespace = decodeURIComponent(namespace);
      // An escaped blank ('%20') decodes to a name or segment the full parser refuses: let it say so.
      if (name.trim() === '' || namespace?.split('/').some((seg) => seg.trim() === '')) return false;
    }
    const osv = osvFor(type, namespace, name, qualifiers);
    c.purl = canonical;
    if (osv) {
      c.ecosystem = osv.ecosystem;
      c.packageName = osv.packageName;
    }
    return true;
  }
}

const NO_QUALIFIERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Checks that 'k=v&k=v' is canonical (lower-case keys not starting with a digit, strictly
 * ascending, non-empty values of literal characters). Returns the distro/upstream values the
 * OSV mapping needs when `keep` is set, else an empty record; undefined when not canonical.
 */
function fastQualifiers(raw: string, start: number, keep: boolean): Record<string, string> | undefined {
  const n = raw.length;
  if (start >= n) return undefined;
  let prevKey = '';
  let out: Record<string, string> | undefined;
  let i = start;
  while (i < n) {
    let amp = raw.indexOf('&', i);
    if (amp < 0) amp = n;
    const eq = raw.indexOf('=', i);
    if (eq < 0 || eq >= amp - 1 || eq === i) return undefined;
    const c0 = raw.charCodeAt(i);
    if (c0 >= 48 && c0 <= 57) return undefined;
    for (let k = i; k < eq; k++) {
      const ch = raw.charCodeAt(k);
      if (!((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || ch === 46 || ch === 45 || ch === 95)) return undefined;
    }
    let escaped = false;
    for (let k = eq + 1; k < amp; k++) {
      const ch = raw.charCodeAt(k);
      if (ch === 37) {
        if (!canonicalEscape(raw, k)) return undefined;
        escaped = true;
        k += 2;
      } else if (ch >= 128 || SAFE[ch] === 0) return undefined;
    }
    const key = raw.slice(i, eq);
    if (key <= prevKey) return undefined;
    prevKey = key;
    if (keep && (key === 'distro' || key === 'upstream')) {
      const value = raw.slice(eq + 1, amp);
      (out ??= {})[key] = escaped ? decodeURIComponent(value) : value;
    }
    i = amp + 1;
    if (amp === n - 1) return undefined;
  }
  return out ?? NO_QUALIFIERS;
}

const HEX_UPPER = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70);

/**
 * '%XX' is canonical only for an ASCII character the spec requires encoded, written with
 * upper-case hex digits; '%2F' (a slash inside a segment) is left to the full parser to refuse.
 */
function canonicalEscape(raw: string, k: number): boolean {
  const h = raw.charCodeAt(k + 1);
  const l = raw.charCodeAt(k + 2);
  if (!HEX_UPPER(h) || !HEX_UPPER(l)) return false;
  const v = parseInt(raw.slice(k + 1, k + 3), 16);
  return v >= 32 && v < 127 && SAFE[v] === 0 && v !== 47;
}

function resolvePurl(raw: string): PurlInfo {
  try {
    const p = parsePurl(raw);
    const osv = purlToOsv(p);
    const info: PurlInfo = { purl: formatPurl(p) };
    if (osv) {
      info.ecosystem = osv.ecosystem;
      info.packageName = osv.packageName;
    }
    return info;
  } catch (e) {
    if (e instanceof PurlError) return { error: e.message };
    throw e;
  }
}
