import { normalizePackageName } from '../ecosystems.ts';
import { compileRange, FIXED, isCompiled, rangeIncludes, type CompiledRange } from '../match/range.ts';
import type { Advisory, Component } from '../model.ts';
import { parseQuietly, type VersionKey, type VersionScheme } from '../versions/index.ts';

/** Ranges compiled once per advisory record, by package (ecosystem NUL normalised name): a corpus record is matched by many components, and a distribution record can name hundreds of packages. */
const COMPILED = new WeakMap<Advisory, Map<string, CompiledRange[]>>();

function compiledOf(advisory: Advisory): Map<string, CompiledRange[]> {
  let c = COMPILED.get(advisory);
  if (c === undefined) {
    c = new Map();
    for (const a of advisory.affected) {
      const key = `${a.ecosystem}\u0000${normalizePackageName(a.ecosystem, a.name)}`;
      const ranges = a.ranges.map((r) => compileRange(r, a.ecosystem)).filter(isCompiled);
      const known = c.get(key);
      if (known === undefined) c.set(key, ranges);
      else known.push(...ranges);
    }
    COMPILED.set(advisory, c);
  }
  return c;
}

/**
 * The fixes for one component, against any number of advisory records: the package key and the
 * version in each order are worked out once per component, not once per record.
 */
export class FixedVersionFinder {
  private readonly key: string | undefined;
  private readonly version: string;
  private readonly goV: boolean;
  private schemes: VersionScheme[] = [];
  private keys: (VersionKey | undefined)[] = [];

  constructor(component: Pick<Component, 'ecosystem' | 'packageName' | 'version'>) {
    const { ecosystem, packageName, version } = component;
    this.key = ecosystem && packageName && version ? `${ecosystem}\u0000${normalizePackageName(ecosystem, packageName)}` : undefined;
    this.version = version ?? '';
    // Go advisories write versions without the 'v' that go.mod and the component carry.
    this.goV = ecosystem === 'Go' && this.version.startsWith('v');
  }

  private parsed(scheme: VersionScheme): VersionKey | undefined {
    const i = this.schemes.indexOf(scheme);
    if (i >= 0) return this.keys[i];
    const v = parseQuietly(scheme, this.version);
    this.schemes.push(scheme);
    this.keys.push(v);
    return v;
  }

  /**
   * The version that fixes `advisory` for the component: of the ranges that include the
   * component's version, the lowest `fixed` bound above it (in the range's own order). Null when
   * the component matched only through an explicit `versions` list, or when no matching range has
   * a fix yet. Spelled like the component's version (Go's leading 'v').
   */
  for(advisory: Advisory): string | null {
    if (this.key === undefined) return null;
    const ranges = compiledOf(advisory).get(this.key);
    if (ranges === undefined) return null;
    let best: { key: VersionKey; raw: string; scheme: VersionScheme } | undefined;
    for (const range of ranges) {
      const scheme = range.scheme;
      const v = this.parsed(scheme);
      if (v === undefined || !rangeIncludes(range, v)) continue;
      for (const e of range.events) {
        if (e.kind !== FIXED || e.key === null || scheme.compare(e.key, v) <= 0) continue;
        // Ranges of one record may use different orders (SEMVER and ECOSYSTEM); compare within one only.
        if (best === undefined || (best.scheme === scheme && scheme.compare(e.key, best.key) < 0)) best = { key: e.key, raw: e.raw, scheme };
        break;
      }
    }
    if (best === undefined) return null;
    return this.goV && !best.raw.startsWith('v') ? `v${best.raw}` : best.raw;
  }
}

/** `FixedVersionFinder` for a single record. */
export function fixedVersionFor(advisory: Advisory, component: Pick<Component, 'ecosystem' | 'packageName' | 'version'>): string | null {
  return new FixedVersionFinder(component).for(advisory);
}
