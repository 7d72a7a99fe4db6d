import type { AliasGroups } from '../advisories/index.ts';
import type { AdvisoryIndex } from '../match/index.ts';
import type { Component, SeverityLevel, VexStatement } from '../model.ts';
import { dependencyGraph, ntiaReport, type DependencyGraph, type ParsedSbom } from '../sbom/index.ts';
import { art4Classifier } from './category.ts';
import { GrowableInt32, matchComponents, type MatchedVulnerability } from './match-components.ts';
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

export { SEVERITY_RANK } from './match-components.ts';

/**
 * Matches every component of `sbom` (the root product included) against `index` and reports
 * one finding per component and vulnerability. Several records of one vulnerability (GO-…,
 * GHSA-…, CVE-… joined by aliases) make one finding, not several (see matchComponents).
 * Findings of one component share its path arrays. Findings are plain data: treat them as
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
  const all = root !== undefined ? [root, ...sbom.components] : sbom.components;
  const m = matchComponents(all, index, { now, ...(opts.groups ? { groups: opts.groups } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });

  // The findings as columns (see FindingTable), in the order found; sorted at the end.
  const components: FindingComponent[] = [];
  const compCol = new GrowableInt32();
  const vulnCol = new GrowableInt32();
  const fixedCol: (string | null)[] = [];
  const suppressedCol: (FindingSuppression | null)[] | null = vex.size === 0 ? null : [];
  let unmatchable = 0;
  for (let i = 0; i < all.length; i++) {
    const c = all[i] as Component;
    if (!c.ecosystem || !c.packageName || !c.version) {
      if (c !== root) unmatchable++;
      continue;
    }
    const from = m.start[i] as number;
    const to = m.start[i + 1] as number;
    if (from === to) continue;
    const path = graph.pathTo(c.ref) ?? [c.ref];
    const depth = graph.depth(c.ref) ?? null;
    const ci = components.push({ ref: c.ref, purl: c.purl ?? null, name: c.name, version: c.version ?? null, ecosystem: c.ecosystem ?? null, path, pathNames: path.map(nameOf), depth, direct: depth === 1, category: categoryOf(c) }) - 1;
    for (let k = from; k < to; k++) {
      const vi = m.vulnerability[k] as number;
      compCol.push(ci);
      vulnCol.push(vi);
      fixedCol.push(m.fixedVersion[k] ?? null);
      suppressedCol?.push(vex.suppression((m.vulnerabilities[vi] as MatchedVulnerability).ids, c, root));
    }
  }
  const table = sortByImportance({ length: compCol.length, components, vulnerabilities: m.vulnerabilities, component: compCol.view(), vulnerability: vulnCol.view(), fixedVersion: fixedCol, suppressed: suppressedCol });
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

/**
 * Most severe first, then by score, advisory and component, so the list is the same on every
 * run. Ids and refs are ranked once (few distinct values) so the sort compares numbers only: a
 * large SBOM can have half a million findings.
 */
function sortByImportance(t: FindingTable & { vulnerabilities: readonly MatchedVulnerability[] }): FindingTable {
  const n = t.length;
  const adv = ordinals(t.vulnerabilities.map((v) => v.advisoryId), t.vulnerability);
  const comp = ordinals(t.components.map((c) => c.ref), t.component);
  // Ranks descending: the highest rank gets bucket 0.
  let maxRank = 0;
  for (const v of t.vulnerabilities) if (v.rank > maxRank) maxRank = v.rank;
  const rankOrd = new Int32Array(n);
  for (let i = 0; i < n; i++) rankOrd[i] = maxRank - (t.vulnerabilities[t.vulnerability[i] as number] as MatchedVulnerability).rank;
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
