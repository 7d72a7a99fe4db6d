import { compareForCanonical, highestSeverity, isErratum, isMatchable, type AliasGroups } from '../advisories/index.ts';
import type { AdvisoryIndex } from '../match/index.ts';
import type { Advisory, Component, SeverityLevel, VexStatement } from '../model.ts';
import { dependencyGraph, ntiaReport, type DependencyGraph, type ParsedSbom } from '../sbom/index.ts';
import { parseQuietly, schemeForEcosystem } from '../versions/index.ts';
import { art4Classifier } from './category.ts';
import { FixedVersionFinder } from './fixed.ts';
import { provenanceSummary } from './provenance.ts';
import type { FindingComponent, FindingCounts, FindingSuppression, FindingTable, FindingVulnerability, SbomAnalysis, SupplyChainFinding } from './types.ts';
import { VexIndex } from './vex-match.ts';

export interface AnalyzeOptions {
  /** VEX statements of the product's supplier (CSAF VEX, CycloneDX VEX). */
  vex?: readonly VexStatement[];
  /** The product's supplier as declared in the case, when the SBOM's root does not name it (Art. 4(1) rule). */
  productSupplier?: string;
  /** Alias groups of the whole advisory corpus; without them, a component's matches are grouped by their own aliases. */
  groups?: AliasGroups;
  now?: Date;
  /** The SBOM's dependency graph when the caller has built it already (dependencyGraph(sbom)). */
  graph?: DependencyGraph;
  /** Called every 1,000 components and at the end (for a progress bar). */
  onProgress?(done: number, total: number): void;
}

export const SEVERITY_RANK = { critical: 5, high: 4, medium: 3, low: 2, none: 1, unknown: 0 } as const satisfies Record<SeverityLevel, number>;

/** What every finding of one vulnerability shares, computed once per matched advisory set. */
interface VulnerabilityFacts extends FindingVulnerability {
  records: readonly Advisory[];
  /** All ids, for VEX look-up. */
  ids: readonly string[];
  rank: number;
  /** Its index in the table's vulnerabilities, once a finding names it. */
  index: number;
}

/**
 * Matches every component of `sbom` (the root product included) against `index` and reports
 * one finding per component and vulnerability. Several records of one vulnerability (GO-…,
 * GHSA-…, CVE-… joined by aliases) make one finding, not several.
 *
 * The index hands out one shared list per set of matching advisories, so what depends only on
 * that set (grouping, ids, severity, summary) is worked out once per list, not per component;
 * findings of one component share its path arrays. Findings are plain data: treat them as
 * read-only (they are serialised and stored, never edited in place).
 */
export function analyzeSbom(sbom: ParsedSbom, index: AdvisoryIndex, opts: AnalyzeOptions = {}): SbomAnalysis {
  const now = opts.now ?? new Date();
  const graph = opts.graph ?? dependencyGraph(sbom);
  const vex = new VexIndex(opts.vex ?? []);
  const root = sbom.root;
  const categoryOf = art4Classifier(root, opts.productSupplier);
  const byRef = new Map<string, Component>();
  if (root !== undefined) byRef.set(root.ref, root);
  for (const c of sbom.components) if (!byRef.has(c.ref)) byRef.set(c.ref, c);
  const nameOf = (ref: string): string => byRef.get(ref)?.name || ref;
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

  // The findings as columns (see FindingTable), in the order found; sorted at the end.
  const components: FindingComponent[] = [];
  const vulnerabilities: VulnerabilityFacts[] = [];
  const compCol = new GrowableInt32();
  const vulnCol = new GrowableInt32();
  const fixedCol: (string | null)[] = [];
  const suppressedCol: (FindingSuppression | null)[] | null = vex.size === 0 ? null : [];
  const fixedByVersion = new Map<string, { vulns: readonly VulnerabilityFacts[]; fixed: (string | null)[] }>();
  let unmatchable = 0;
  const all = root !== undefined ? [root, ...sbom.components] : sbom.components;
  const total = all.length;
  let done = 0;
  for (const c of all) {
    if (opts.onProgress !== undefined && ++done % 1000 === 0) opts.onProgress(done, total);
    if (!c.ecosystem || !c.packageName || !c.version) {
      if (c !== root) unmatchable++;
      continue;
    }
    const found = index.matchComponent(c);
    if (found.length === 0) continue;
    let matched = matchable.get(found);
    if (matched === undefined) matchable.set(found, (matched = found.some((a) => a.withdrawn !== undefined) ? found.filter((a) => isMatchable(a, now)) : found));
    let vulns = facts.get(matched);
    if (vulns === undefined) facts.set(matched, (vulns = groupByVulnerability(matched, opts.groups).map(factsOf)));
    if (vulns.length === 0) continue;
    const path = graph.pathTo(c.ref) ?? [c.ref];
    const depth = graph.depth(c.ref) ?? null;
    const ci = components.push({ ref: c.ref, purl: c.purl ?? null, name: c.name, version: c.version ?? null, ecosystem: c.ecosystem ?? null, path, pathNames: path.map(nameOf), depth, direct: depth === 1, category: categoryOf(c) }) - 1;
    // A package version named by several components (refs) has the same fixes: worked out once.
    const versionKey = `${c.ecosystem}\u0000${c.packageName}\u0000${c.version}`;
    let fixed = fixedByVersion.get(versionKey);
    if (fixed === undefined || fixed.vulns !== vulns) {
      const fixes = new FixedVersionFinder(c);
      fixedByVersion.set(versionKey, (fixed = { vulns, fixed: vulns.map((v) => fixedVersionOf(c, v, fixes)) }));
    }
    for (let k = 0; k < vulns.length; k++) {
      const v = vulns[k] as VulnerabilityFacts;
      if (v.index < 0) v.index = vulnerabilities.push(v) - 1;
      compCol.push(ci);
      vulnCol.push(v.index);
      fixedCol.push(fixed.fixed[k] as string | null);
      suppressedCol?.push(vex.suppression(v.ids, c, root));
    }
  }
  opts.onProgress?.(total, total);
  const table = sortByImportance({ length: compCol.length, components, vulnerabilities, component: compCol.view(), vulnerability: vulnCol.view(), fixedVersion: fixedCol, suppressed: suppressedCol });
  let materialised: SupplyChainFinding[] | undefined;
  const analysis = {
    get findings(): SupplyChainFinding[] {
      return (materialised ??= Array.from({ length: table.length }, (_, i) => findingAt(table, i)));
    },
    provenance: provenanceSummary(sbom, graph, opts.productSupplier),
    ntia: ntiaReport(sbom),
    counts: countFindings(table),
    analysedAt: now.toISOString(),
    unmatchable,
  };
  return Object.defineProperty(analysis, 'table', { value: table, enumerable: false }) as SbomAnalysis;
}

/** An Int32Array that grows as numbers are pushed. */
class GrowableInt32 {
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

/** Finding `i` of a table as an object (a fresh one per call; the arrays it holds are the table's, shared). */
export function findingAt(t: FindingTable, i: number): SupplyChainFinding {
  const c = t.components[t.component[i] as number] as FindingComponent;
  const v = t.vulnerabilities[t.vulnerability[i] as number] as FindingVulnerability;
  return {
    componentRef: c.ref,
    purl: c.purl,
    name: c.name,
    version: c.version,
    ecosystem: c.ecosystem,
    advisoryId: v.advisoryId,
    aliases: v.aliases as string[],
    advisories: v.advisories as string[],
    summary: v.summary,
    severity: v.severity,
    score: v.score,
    vector: v.vector,
    fixedVersion: t.fixedVersion[i] ?? null,
    path: c.path as string[],
    pathNames: c.pathNames as string[],
    depth: c.depth,
    direct: c.direct,
    category: c.category,
    suppressed: t.suppressed?.[i] ?? null,
  };
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
  const primary = records[0] as Advisory;
  const aliases = [...new Set(records.flatMap(idsOf))].filter((id) => id !== primary.id).sort(compareForCanonical);
  const severity = highestSeverity(records.flatMap((a) => a.severity));
  const level = severity?.level ?? 'unknown';
  const score = severity?.score ?? null;
  return {
    records,
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
    index: -1,
  };
}

function fixedVersionOf(c: Component, v: VulnerabilityFacts, fixes: FixedVersionFinder): string | null {
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

/**
 * Most severe first, then by score, advisory and component, so the list is the same on every
 * run. Ids and refs are ranked once (few distinct values) so the sort compares numbers only: a
 * large SBOM can have half a million findings.
 */
function sortByImportance(t: FindingTable & { vulnerabilities: readonly VulnerabilityFacts[] }): FindingTable {
  const n = t.length;
  const adv = ordinals(t.vulnerabilities.map((v) => v.advisoryId), t.vulnerability);
  const comp = ordinals(t.components.map((c) => c.ref), t.component);
  // Ranks descending: the highest rank gets bucket 0.
  let maxRank = 0;
  for (const v of t.vulnerabilities) if (v.rank > maxRank) maxRank = v.rank;
  const rankOrd = new Int32Array(n);
  for (let i = 0; i < n; i++) rankOrd[i] = maxRank - (t.vulnerabilities[t.vulnerability[i] as number] as VulnerabilityFacts).rank;
  // Least significant key first; each pass is stable, so ties keep the earlier passes' order (and, last, the finding order).
  let order: Int32Array = new Int32Array(n).map((_, i) => i);
  order = countingSort(order, comp.keys, comp.count);
  order = countingSort(order, adv.keys, adv.count);
  order = countingSort(order, rankOrd, maxRank + 1);
  const component = new Int32Array(n);
  const vulnerability = new Int32Array(n);
  const fixedVersion = new Array<string | null>(n);
  const suppressed = t.suppressed === null ? null : new Array<FindingSuppression | null>(n);
  for (let i = 0; i < n; i++) {
    const j = order[i] as number;
    component[i] = t.component[j] as number;
    vulnerability[i] = t.vulnerability[j] as number;
    fixedVersion[i] = t.fixedVersion[j] ?? null;
    if (suppressed !== null) suppressed[i] = t.suppressed?.[j] ?? null;
  }
  return { length: n, components: t.components, vulnerabilities: t.vulnerabilities, component, vulnerability, fixedVersion, suppressed };
}

/** `values[index[i]]` for each i as its position among the sorted distinct values (few values, many findings). */
function ordinals(values: readonly string[], index: ArrayLike<number>): { keys: Int32Array; count: number } {
  // The default sort compares UTF-16 code units, as `<` does, without a call per comparison.
  const distinct = [...new Set(values)].sort();
  const pos = new Map(distinct.map((v, i) => [v, i] as const));
  const ordOf = Int32Array.from(values, (v) => pos.get(v) as number);
  const keys = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) keys[i] = ordOf[index[i] as number] as number;
  return { keys, count: distinct.length };
}

/** Stable counting sort of `order` by `keys[order[i]]` (keys in 0..count-1). */
function countingSort(order: Int32Array, keys: Int32Array, count: number): Int32Array {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < order.length; i++) (start[(keys[order[i] as number] as number) + 1] as number)++;
  for (let k = 0; k < count; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const j = order[i] as number;
    const k = keys[j] as number;
    out[start[k] as number] = j;
    start[k] = (start[k] as number) + 1;
  }
  return out;
}


export function countFindings(t: FindingTable): FindingCounts {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 0 } satisfies Record<SeverityLevel, number>;
  const byCategory = { 1: 0, 2: 0 };
  const affected = new Uint8Array(t.components.length);
  let suppressed = 0;
  let affectedComponents = 0;
  for (let i = 0; i < t.length; i++) {
    if (t.suppressed?.[i]) {
      suppressed++;
      continue;
    }
    const ci = t.component[i] as number;
    bySeverity[(t.vulnerabilities[t.vulnerability[i] as number] as FindingVulnerability).severity]++;
    byCategory[(t.components[ci] as FindingComponent).category]++;
    if (affected[ci] === 0) {
      affected[ci] = 1;
      affectedComponents++;
    }
  }
  return { total: t.length, suppressed, bySeverity, byCategory: { '1': byCategory[1], '2': byCategory[2] }, affectedComponents };
}
