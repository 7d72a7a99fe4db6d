import { compareForCanonical, highestSeverity, isErratum, isMatchable, type AliasGroups } from '../advisories/index.ts';
import type { AdvisoryIndex } from '../match/index.ts';
import type { Advisory, Component, SeverityLevel } from '../model.ts';
import { parseQuietly, schemeForEcosystem } from '../versions/index.ts';
import { FixedVersionFinder } from './fixed.ts';
import type { FindingVulnerability } from './types.ts';

/**
 * The matching half of an SBOM analysis: components (as ecosystem, package and version only) →
 * their vulnerabilities and fixed versions. It needs nothing of the SBOM's graph, names or
 * suppliers, so it can run in a worker thread while the other half (analyzeSbom) works out paths,
 * categories and summaries; its result is plain data and typed arrays, cheap to hand over.
 */

export const SEVERITY_RANK = { critical: 5, high: 4, medium: 3, low: 2, none: 1, unknown: 0 } as const satisfies Record<SeverityLevel, number>;

export type ComponentKey = Pick<Component, 'ecosystem' | 'packageName' | 'version'>;

/** A vulnerability as findings present it, with what the analysis needs besides. */
export interface MatchedVulnerability extends FindingVulnerability {
  /** All ids, for VEX look-up. */
  readonly ids: readonly string[];
  /** Severity, then score in tenths, as one number for the sort. */
  readonly rank: number;
}

export interface ComponentMatches {
  /** Component i's matches are entries start[i] … start[i+1]−1 (start has one entry more than there are components). */
  readonly start: Int32Array;
  /** Per entry: its index in `vulnerabilities`. */
  readonly vulnerability: Int32Array;
  /** Per entry: the version that fixes it for the component, or null. */
  readonly fixedVersion: readonly (string | null)[];
  /** In the order the components first name them. */
  readonly vulnerabilities: readonly MatchedVulnerability[];
}

/** What every match of one vulnerability shares, computed once per matched advisory set. */
interface VulnerabilityFacts {
  records: readonly Advisory[];
  presented: MatchedVulnerability;
  /** Its index in `vulnerabilities`, once a component names it. */
  index: number;
}

/** An Int32Array that grows as numbers are pushed. */
export class GrowableInt32 {
  private a = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
  view(): Int32Array {
    return this.a.subarray(0, this.length);
  }
}

/**
 * Matches each component against `index`; several records of one vulnerability (GO-…, GHSA-…,
 * CVE-… joined by aliases) are one vulnerability. The index hands out one shared list per set of
 * matching advisories, so what depends only on that set (grouping, ids, severity, summary) is
 * worked out once per list, and the fixes once per package version.
 */
export function matchComponents(
  components: readonly ComponentKey[],
  index: AdvisoryIndex,
  opts: { now: Date; groups?: AliasGroups; onProgress?(done: number, total: number): void },
): ComponentMatches {
  const { now } = opts;
  // Per list the index hands out (and per list with withdrawn records dropped): its vulnerabilities.
  const facts = new Map<readonly Advisory[], VulnerabilityFacts[]>();
  const matchable = new Map<readonly Advisory[], readonly Advisory[]>();
  // Per group of records (by their ids): one facts object, shared by every list that holds the group.
  const byGroup = new Map<string, VulnerabilityFacts>();
  const factsOf = (group: Advisory[]): VulnerabilityFacts => {
    const key = group.length === 1 ? (group[0] as Advisory).id : group.map((a) => a.id).sort().join('\u0000');
    let v = byGroup.get(key);
    if (v === undefined) byGroup.set(key, (v = vulnerabilityFacts(group)));
    return v;
  };
  const n = components.length;
  const start = new Int32Array(n + 1);
  const vulnCol = new GrowableInt32();
  const fixedCol: (string | null)[] = [];
  const vulnerabilities: MatchedVulnerability[] = [];
  const fixedByVersion = new Map<string, { vulns: readonly VulnerabilityFacts[]; fixed: (string | null)[] }>();
  for (let i = 0; i < n; i++) {
    start[i] = vulnCol.length;
    if (opts.onProgress !== undefined && (i + 1) % 1000 === 0) opts.onProgress(i + 1, n);
    const c = components[i] as ComponentKey;
    if (!c.ecosystem || !c.packageName || !c.version) continue;
    const found = index.lookup(c.ecosystem, c.packageName, c.version);
    if (found.length === 0) continue;
    let matched = matchable.get(found);
    if (matched === undefined) matchable.set(found, (matched = found.some((a) => a.withdrawn !== undefined) ? found.filter((a) => isMatchable(a, now)) : found));
    let vulns = facts.get(matched);
    if (vulns === undefined) facts.set(matched, (vulns = groupByVulnerability(matched, opts.groups).map(factsOf)));
    if (vulns.length === 0) continue;
    // A package version named by several components (refs) has the same fixes: worked out once.
    const versionKey = `${c.ecosystem}\u0000${c.packageName}\u0000${c.version}`;
    let fixed = fixedByVersion.get(versionKey);
    if (fixed === undefined || fixed.vulns !== vulns) {
      const fixes = new FixedVersionFinder(c);
      fixedByVersion.set(versionKey, (fixed = { vulns, fixed: vulns.map((v) => fixedVersionOf(c, v, fixes)) }));
    }
    for (let k = 0; k < vulns.length; k++) {
      const v = vulns[k] as VulnerabilityFacts;
      if (v.index < 0) v.index = vulnerabilities.push(v.presented) - 1;
      vulnCol.push(v.index);
      fixedCol.push(fixed.fixed[k] as string | null);
    }
  }
  start[n] = vulnCol.length;
  opts.onProgress?.(n, n);
  return { start, vulnerability: vulnCol.view(), fixedVersion: fixedCol, vulnerabilities };
}

/** Every id an advisory goes by; an erratum also goes by the CVEs it fixes (it names them in `related`). */
function idsOf(a: Advisory): string[] {
  const ids = [a.id, ...a.aliases];
  if (isErratum(a.id)) for (const r of a.related) if (r.startsWith('CVE-')) ids.push(r);
  return ids;
}

/** Joins a component's matched records that share an id (or that the corpus' alias groups join). */
function groupByVulnerability(matched: readonly Advisory[], groups: AliasGroups | undefined): Advisory[][] {
  if (matched.length === 0) return [];
  if (matched.length === 1) return [[matched[0] as Advisory]];
  const parent = matched.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const owner = new Map<string, number>();
  matched.forEach((a, i) => {
    for (const id of idsOf(a)) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  if (groups !== undefined) {
    // Records in one corpus group share its canonical id: one look-up per record, not per pair.
    const byCanonical = new Map<string, number>();
    matched.forEach((a, i) => {
      const canonical = groups.canonicalId(a.id);
      const j = byCanonical.get(canonical);
      if (j === undefined) byCanonical.set(canonical, i);
      else parent[find(i)] = find(j);
    });
  }
  const out = new Map<number, Advisory[]>();
  matched.forEach((a, i) => {
    const r = find(i);
    const g = out.get(r);
    if (g === undefined) out.set(r, [a]);
    else g.push(a);
  });
  return [...out.values()];
}

function vulnerabilityFacts(group: Advisory[]): VulnerabilityFacts {
  const records = [...group].sort((x, y) => compareForCanonical(x.id, y.id));
  return { records, presented: presentedVulnerability(records), index: -1 };
}

function presentedVulnerability(records: readonly Advisory[]): MatchedVulnerability {
  const primary = records[0] as Advisory;
  const aliases = [...new Set(records.flatMap(idsOf))].filter((id) => id !== primary.id).sort(compareForCanonical);
  const severity = highestSeverity(records.flatMap((a) => a.severity));
  const level = severity?.level ?? 'unknown';
  const score = severity?.score ?? null;
  return {
    advisoryId: primary.id,
    aliases,
    advisories: records.map((a) => a.id),
    ids: [primary.id, ...aliases],
    summary: records.map((a) => a.summary ?? firstParagraph(a.details)).find((s) => s !== undefined) ?? null,
    severity: level,
    score,
    vector: severity?.vector ?? null,
    // Severity first, then score (tenths), as one number for the sort.
    rank: SEVERITY_RANK[level] * 1000 + (score === null ? 0 : Math.round(score * 10) + 1),
  };
}

function fixedVersionOf(c: ComponentKey, v: VulnerabilityFacts, fixes: FixedVersionFinder): string | null {
  let fixedVersion: string | null = null;
  for (const a of v.records) {
    const f = fixes.for(a);
    // Records of one vulnerability may disagree on the fix: the highest leaves no source's range open.
    if (f !== null && (fixedVersion === null || higher(c.ecosystem as string, f, fixedVersion))) fixedVersion = f;
  }
  return fixedVersion;
}

function higher(ecosystem: string, a: string, b: string): boolean {
  const scheme = schemeForEcosystem(ecosystem);
  const ka = parseQuietly(scheme, a), kb = parseQuietly(scheme, b);
  return ka !== undefined && kb !== undefined && scheme.compare(ka, kb) > 0;
}

/** A summary for records that have none: the details' first paragraph (sources wrap lines mid-sentence), at most 200 characters. */
function firstParagraph(s: string | undefined): string | undefined {
  const para = s?.trim().split(/\n\s*\n/, 1)[0]?.replace(/\s+/g, ' ').trim();
  return para ? (para.length > 200 ? `${para.slice(0, 199)}…` : para) : undefined;
}

