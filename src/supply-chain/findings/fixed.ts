import { normalizePackageName } from '../ecosystems.ts';
import { compileRange, FIXED, isCompiled, rangeIncludes, type CompiledRange } from '../match/range.ts';
import type { Advisory, Component } from '../model.ts';
import { parseQuietly, type VersionKey, type VersionScheme } from '../versions/index.ts';

interface CompiledAffected {
  ecosystem: string;
  name: string;
  ranges: CompiledRange[];
}

/** Ranges compiled once per advisory record: a corpus record is matched by many components. */
const COMPILED = new WeakMap<Advisory, CompiledAffected[]>();

function compiledOf(advisory: Advisory): CompiledAffected[] {
  let c = COMPILED.get(advisory);
  if (c === undefined) {
    c = advisory.affected.map((a) => ({
      ecosystem: a.ecosystem,
      name: normalizePackageName(a.ecosystem, a.name),
      ranges: a.ranges.map((r) => compileRange(r, a.ecosystem)).filter(isCompiled),
    }));
    COMPILED.set(advisory, c);
  }
  return c;
}

/**
 * The version that fixes `advisory` for `component`: of the ranges that include the component's
 * version, the lowest `fixed` bound above it (in the range's own order). Null when the component
 * matched only through an explicit `versions` list, or when no matching range has a fix yet.
 * Spelled like the component's version (Go's leading 'v').
 */
export function fixedVersionFor(advisory: Advisory, component: Pick<Component, 'ecosystem' | 'packageName' | 'version'>): string | null {
  const { ecosystem, packageName, version } = component;
  if (!ecosystem || !packageName || !version) return null;
  const name = normalizePackageName(ecosystem, packageName);
  let best: { key: VersionKey; raw: string; scheme: VersionScheme } | undefined;
  let parsedIn: VersionScheme | undefined;
  let v: VersionKey | undefined;
  for (const affected of compiledOf(advisory)) {
    if (affected.ecosystem !== ecosystem || affected.name !== name) continue;
    for (const range of affected.ranges) {
      const scheme = range.scheme;
      if (parsedIn !== scheme) {
        v = parseQuietly(scheme, version);
        parsedIn = scheme;
      }
      if (v === undefined || !rangeIncludes(range, v)) continue;
      for (const e of range.events) {
        if (e.kind !== FIXED || e.key === null || scheme.compare(e.key, v) <= 0) continue;
        // Ranges of one record may use different orders (SEMVER and ECOSYSTEM); compare within one only.
        if (best === undefined || (best.scheme === scheme && scheme.compare(e.key, best.key) < 0)) best = { key: e.key, raw: e.raw, scheme };
        break;
      }
    }
  }
  if (best === undefined) return null;
  // Go advisories write versions without the 'v' that go.mod and the component carry.
  return ecosystem === 'Go' && version.startsWith('v') && !best.raw.startsWith('v') ? `v${best.raw}` : best.raw;
}
