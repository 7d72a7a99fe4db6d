/**
 * OSV range semantics (OSV schema, "Evaluation"): is a package version affected by one
 * `affected[]` entry? A version is affected when it is listed in `versions`, or when any range
 * says so:
 *
 *   BeforeLimits(v): no limit events, or v < some limit ('*' is infinity)
 *   vulnerable = false; for evt in sorted(events):
 *     introduced and v >= introduced     -> true   ('0' sorts before every version)
 *     else fixed and v >= fixed          -> false
 *     else last_affected and v > last    -> false
 *
 * SEMVER ranges use SemVer precedence whatever the ecosystem; ECOSYSTEM ranges use the
 * ecosystem's own order; GIT ranges name commits, which no version string can be placed
 * against, so they only ever match through the explicit `versions` list. Events that share a
 * version keep their order in the record (the sort is stable), which is what the record's author
 * wrote: [introduced X, fixed X] is empty, [fixed X, introduced X] re-opens at X.
 */
import type { AffectedPackage, AffectedRange } from '../model.ts';
import { parseQuietly, SEMVER_RANGE_SCHEME, schemeForEcosystem, VersionParseError, type VersionKey, type VersionScheme } from '../versions/index.ts';

export const INTRODUCED = 0;
export const FIXED = 1;
export const LAST_AFFECTED = 2;

/** An introduced/fixed/last_affected event with its bound parsed; `key === null` is introduced "0". */
export interface CompiledEvent {
  readonly kind: typeof INTRODUCED | typeof FIXED | typeof LAST_AFFECTED;
  readonly key: VersionKey | null;
  readonly raw: string;
}

/** A SEMVER or ECOSYSTEM range ready to evaluate: events sorted, bounds parsed once. */
export interface CompiledRange {
  readonly scheme: VersionScheme;
  readonly events: readonly CompiledEvent[];
  /** Parsed limit bounds; null when the range has no limit event (implicit '*'), and a '*' limit makes it null too. */
  readonly limits: readonly VersionKey[] | null;
}

/** Why a range could not be compiled; such a range never matches and is reported, not guessed. */
export interface RangeProblem {
  readonly reason: string;
}

export function rangeScheme(range: AffectedRange, ecosystem: string): VersionScheme | undefined {
  if (range.type === 'SEMVER') return SEMVER_RANGE_SCHEME;
  if (range.type === 'ECOSYSTEM') return schemeForEcosystem(ecosystem);
  return undefined;
}

/**
 * Parses and sorts a range's events. GIT ranges (and unknown types) give undefined: they have no
 * version order. A bound that does not parse in the range's scheme gives a RangeProblem.
 */
export function compileRange(range: AffectedRange, ecosystem: string): CompiledRange | RangeProblem | undefined {
  const scheme = rangeScheme(range, ecosystem);
  if (scheme === undefined) return undefined;
  const events: CompiledEvent[] = [];
  let limits: VersionKey[] | null = null;
  let unlimited = false;
  try {
    for (const e of range.events ?? []) {
      if (typeof e !== 'object' || e === null) continue;
      if (typeof e.introduced === 'string') {
        events.push({ kind: INTRODUCED, key: e.introduced === '0' ? null : scheme.parse(e.introduced), raw: e.introduced });
      } else if (typeof e.fixed === 'string') {
        events.push({ kind: FIXED, key: scheme.parse(e.fixed), raw: e.fixed });
      } else if (typeof e.last_affected === 'string') {
        events.push({ kind: LAST_AFFECTED, key: scheme.parse(e.last_affected), raw: e.last_affected });
      } else if (typeof e.limit === 'string') {
        if (e.limit.includes('*')) unlimited = true;
        else (limits ??= []).push(scheme.parse(e.limit));
      }
    }
  } catch (e) {
    if (e instanceof VersionParseError) return { reason: `${range.type} range bound does not parse: ${e.message}` };
    throw e;
  }
  if (!events.some((e) => e.kind === INTRODUCED)) return { reason: `${range.type} range has no introduced event` };
  // Array.prototype.sort is stable, so equal bounds keep the record's order.
  events.sort((a, b) => (a.key === null ? (b.key === null ? 0 : -1) : b.key === null ? 1 : scheme.compare(a.key, b.key)));
  return { scheme, events, limits: unlimited ? null : limits };
}

export function isCompiled(r: CompiledRange | RangeProblem | undefined): r is CompiledRange {
  return r !== undefined && 'events' in r;
}

/**
 * The OSV evaluation of one compiled range, given how the version compares with a bound
 * (`cmp(ctx, key)` is the sign of version − key). Taking the comparison as a function lets the
 * index evaluate a range at a position between two bounds as well as at a concrete version;
 * it is a plain function plus context so that no closure is built per lookup.
 */
export function evaluateRange<C>(range: CompiledRange, cmp: (ctx: C, key: VersionKey) => number, ctx: C): boolean {
  const limits = range.limits;
  if (limits !== null) {
    let below = false;
    for (const l of limits) if (cmp(ctx, l) < 0) below = true;
    if (!below) return false;
  }
  let vulnerable = false;
  for (const e of range.events) {
    if (e.key === null) {
      vulnerable = true;
      continue;
    }
    const c = cmp(ctx, e.key);
    // Events are sorted: none from a bound above the version on can fire.
    if (c < 0) break;
    if (e.kind === INTRODUCED) vulnerable = true;
    else if (e.kind === FIXED) vulnerable = false;
    else if (c > 0) vulnerable = false;
  }
  return vulnerable;
}

interface Concrete {
  scheme: VersionScheme;
  version: VersionKey;
}

function compareConcrete(ctx: Concrete, key: VersionKey): number {
  return ctx.scheme.compare(ctx.version, key);
}

/** Evaluates a compiled range against a version already parsed in the range's scheme. */
export function rangeIncludes(range: CompiledRange, version: VersionKey): boolean {
  return evaluateRange(range, compareConcrete, { scheme: range.scheme, version });
}

/**
 * Whether `version` of the package described by `pkg` is affected. The `versions` list matches
 * by exact string or by equality in the ecosystem's order (so Go's 'v1.2.3' meets '1.2.3').
 * A version that does not parse in a range's order cannot be placed in that range.
 */
export function isAffected(pkg: AffectedPackage, version: string): boolean {
  const listed = pkg.versions ?? [];
  if (listed.includes(version)) return true;
  const ecoScheme = schemeForEcosystem(pkg.ecosystem);
  const parsed = new Map<VersionScheme, VersionKey | undefined>();
  const parsedIn = (scheme: VersionScheme): VersionKey | undefined => {
    if (!parsed.has(scheme)) parsed.set(scheme, parseQuietly(scheme, version));
    return parsed.get(scheme);
  };
  if (listed.length > 0) {
    const v = parsedIn(ecoScheme);
    if (v !== undefined) {
      for (const l of listed) {
        const k = parseQuietly(ecoScheme, l);
        if (k !== undefined && ecoScheme.compare(v, k) === 0) return true;
      }
    }
  }
  for (const range of pkg.ranges ?? []) {
    const compiled = compileRange(range, pkg.ecosystem);
    if (!isCompiled(compiled)) continue;
    const v = parsedIn(compiled.scheme);
    if (v !== undefined && rangeIncludes(compiled, v)) return true;
  }
  return false;
}
