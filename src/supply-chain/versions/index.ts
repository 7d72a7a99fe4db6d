/**
 * Version orders by OSV ecosystem. Each ecosystem's advisories state affected ranges in that
 * ecosystem's own order (Art. 4(2): matching a supply-chain component exactly needs the order its
 * package manager uses), so the matcher parses every bound once into a key and compares keys.
 *
 *   compareVersions('PyPI', '1.0.post1', '1.0')   // 1
 *   const k = parseVersion('Maven', '1.0-SNAPSHOT'); compareParsed(k, parseVersion('Maven', '1.0')) // -1
 *
 * Parsers throw only `VersionParseError`, for strings the scheme does not accept and for absurd
 * input (longer than MAX_VERSION_LENGTH, control characters), and never backtrack without bound.
 */
import { ecosystemBase } from '../ecosystems.ts';
import type { Ecosystem } from '../model.ts';
import { apkScheme } from './apk.ts';
import { parseQuietly, type SchemeId, type VersionKey, type VersionScheme } from './common.ts';
import { dpkgScheme } from './dpkg.ts';
import { genericScheme } from './generic.ts';
import { mavenScheme } from './maven.ts';
import { nugetScheme } from './nuget.ts';
import { packagistScheme } from './packagist.ts';
import { pep440Scheme } from './pep440.ts';
import { rpmScheme } from './rpm.ts';
import { rubygemsScheme } from './rubygems.ts';
import { goScheme, npmScheme, pubScheme, semverScheme } from './semver.ts';

export { MAX_VERSION_LENGTH, parseQuietly, VersionParseError } from './common.ts';
export type { SchemeId, VersionKey, VersionScheme } from './common.ts';

const SCHEMES: Record<SchemeId, VersionScheme> = {
  semver: semverScheme,
  go: goScheme,
  npm: npmScheme,
  pub: pubScheme,
  pep440: pep440Scheme,
  maven: mavenScheme,
  rpm: rpmScheme,
  dpkg: dpkgScheme,
  apk: apkScheme,
  rubygems: rubygemsScheme,
  nuget: nugetScheme,
  packagist: packagistScheme,
  generic: genericScheme,
};

// Keyed by the lower-cased ecosystem base name (the part before ':'), so 'AlmaLinux:9',
// 'Ubuntu:22.04:LTS', 'Red Hat:rhel_aus:8.4::appstream' and 'Maven:https://…' all resolve.
const BY_ECOSYSTEM = new Map<string, VersionScheme>([
  ['go', goScheme],
  ['kubernetes', goScheme],
  ['npm', npmScheme],
  ['crates.io', semverScheme],
  ['hex', semverScheme],
  ['swifturl', semverScheme],
  ['pub', pubScheme],
  ['pypi', pep440Scheme],
  ['maven', mavenScheme],
  ['almalinux', rpmScheme],
  ['rocky linux', rpmScheme],
  ['red hat', rpmScheme],
  ['opensuse', rpmScheme],
  ['suse', rpmScheme],
  ['photon os', rpmScheme],
  ['mageia', rpmScheme],
  ['openeuler', rpmScheme],
  ['debian', dpkgScheme],
  ['ubuntu', dpkgScheme],
  ['alpine', apkScheme],
  ['wolfi', apkScheme],
  ['chainguard', apkScheme],
  ['alpaquita', apkScheme],
  ['rubygems', rubygemsScheme],
  ['nuget', nugetScheme],
  ['packagist', packagistScheme],
]);

/** The order OSV SEMVER ranges use whatever the ecosystem (a leading 'v' is tolerated). */
export const SEMVER_RANGE_SCHEME: VersionScheme = semverScheme;

export function schemeById(id: SchemeId): VersionScheme {
  return SCHEMES[id];
}

/** The version order of an OSV ecosystem; unknown ecosystems get the generic fallback. */
export function schemeForEcosystem(ecosystem: Ecosystem): VersionScheme {
  return BY_ECOSYSTEM.get(ecosystemBase(ecosystem).toLowerCase()) ?? genericScheme;
}

/** A version parsed once for repeated, fast comparison. */
export interface ParsedVersion {
  readonly scheme: VersionScheme;
  readonly raw: string;
  readonly key: VersionKey;
}

/** Parses `v` in the ecosystem's order; throws `VersionParseError` when it is not a version there. */
export function parseVersion(ecosystem: Ecosystem, v: string): ParsedVersion {
  const scheme = schemeForEcosystem(ecosystem);
  return { scheme, raw: v, key: scheme.parse(v) };
}

/** Like parseVersion, but undefined instead of an error. */
export function tryParseVersion(ecosystem: Ecosystem, v: string): ParsedVersion | undefined {
  const scheme = schemeForEcosystem(ecosystem);
  const key = parseQuietly(scheme, v);
  return key === undefined ? undefined : { scheme, raw: v, key };
}

/** -1, 0 or 1. Both versions must come from the same scheme. */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  if (a.scheme !== b.scheme) throw new TypeError(`cannot compare a ${a.scheme.id} version with a ${b.scheme.id} version`);
  const c = a.scheme.compare(a.key, b.key);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** -1, 0 or 1 in the ecosystem's order; throws `VersionParseError` if either is not a version there. */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number {
  const scheme = schemeForEcosystem(ecosystem);
  const c = scheme.compare(scheme.parse(a), scheme.parse(b));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}
