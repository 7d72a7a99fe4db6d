import { compareForCanonical, highestSeverity, isErratum, isMatchable, type AliasGroups } from '../advisories/index.ts';
import type { AdvisoryIndex } from '../match/index.ts';
import type { Advisory, Component, SeverityLevel, VexStatement } from '../model.ts';
import { dependencyGraph, ntiaReport, type DependencyGraph, type ParsedSbom } from '../sbom/index.ts';
import { art4Category } from './category.ts';
import { fixedVersionFor } from './fixed.ts';
import { provenanceSummary } from './provenance.ts';
import type { FindingCounts, SbomAnalysis, SupplyChainFinding } from './types.ts';
import { VexIndex } from './vex-match.ts';

export interface AnalyzeOptions {
  /** VEX statements of the product's supplier (CSAF VEX, CycloneDX VEX). */
  vex?: readonly VexStatement[];
  /** The product's supplier as declared in the case, when the SBOM's root does not name it (Art. 4(1) rule). */
  productSupplier?: string;
  /** Alias groups of the whole advisory corpus; without them, a component's matches are grouped by their own aliases. */
  groups?: AliasGroups;
  now?: Date;
  /** Called every 1,000 components and at the end (for a progress bar). */
  onProgress?(done: number, total: number): void;
}

export const SEVERITY_RANK = { critical: 5, high: 4, medium: 3, low: 2, none: 1, unknown: 0 } as const satisfies Record<SeverityLevel, number>;

/**
 * Matches every component of `sbom` (the root product included) against `index` and reports
 * one finding per component and vulnerability. Several records of one vulnerability (GO-…,
 * GHSA-…, CVE-… joined by aliases) make one finding, not several.
 */
export function analyzeSbom(sbom: ParsedSbom, index: AdvisoryIndex, opts: AnalyzeOptions = {}): SbomAnalysis {
  const now = opts.now ?? new Date();
  const graph = dependencyGraph(sbom);
  const vex = new VexIndex(opts.vex ?? []);
  const root = sbom.root;
  const byRef = new Map<string, Component>();
  if (root !== undefined) byRef.set(root.ref, root);
  for (const c of sbom.components) if (!byRef.has(c.ref)) byRef.set(c.ref, c);

  const findings: SupplyChainFinding[] = [];
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
    const matched = index.matchComponent(c).filter((a) => isMatchable(a, now));
    if (matched.length === 0) continue;
    for (const group of groupByVulnerability(matched, opts.groups)) findings.push(toFinding(c, group, graph, byRef, root, vex, opts.productSupplier));
  }
  opts.onProgress?.(total, total);
  findings.sort(byImportance);
  return {
    findings,
    provenance: provenanceSummary(sbom, graph, opts.productSupplier),
    ntia: ntiaReport(sbom),
    counts: countFindings(findings),
    analysedAt: now.toISOString(),
    unmatchable,
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
    for (let i = 0; i < matched.length; i++) {
      for (let j = i + 1; j < matched.length; j++) if (groups.same((matched[i] as Advisory).id, (matched[j] as Advisory).id)) parent[find(j)] = find(i);
    }
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

function toFinding(
  c: Component,
  group: Advisory[],
  graph: DependencyGraph,
  byRef: Map<string, Component>,
  root: Component | undefined,
  vex: VexIndex,
  productSupplier: string | undefined,
): SupplyChainFinding {
  const records = [...group].sort((x, y) => compareForCanonical(x.id, y.id));
  const primary = records[0] as Advisory;
  const recordIds = records.map((a) => a.id);
  const aliases = [...new Set(records.flatMap(idsOf))].filter((id) => id !== primary.id).sort(compareForCanonical);
  const severity = highestSeverity(records.flatMap((a) => a.severity));
  let fixedVersion: string | null = null;
  for (const a of records) {
    const f = fixedVersionFor(a, c);
    if (f !== null && fixedVersion === null) fixedVersion = f;
  }
  const path = graph.pathTo(c.ref) ?? [c.ref];
  const depth = graph.depth(c.ref) ?? null;
  return {
    componentRef: c.ref,
    purl: c.purl ?? null,
    name: c.name,
    version: c.version ?? null,
    ecosystem: c.ecosystem ?? null,
    advisoryId: primary.id,
    aliases,
    advisories: recordIds,
    summary: records.map((a) => a.summary ?? firstParagraph(a.details)).find((s) => s !== undefined) ?? null,
    severity: severity?.level ?? 'unknown',
    score: severity?.score ?? null,
    vector: severity?.vector ?? null,
    fixedVersion,
    path,
    pathNames: path.map((ref) => byRef.get(ref)?.name || ref),
    depth,
    direct: depth === 1,
    category: art4Category(c, root, productSupplier),
    suppressed: vex.size === 0 ? null : vex.suppression([primary.id, ...aliases], c, root),
  };
}

/** A summary for records that have none: the details' first paragraph (sources wrap lines mid-sentence), at most 200 characters. */
function firstParagraph(s: string | undefined): string | undefined {
  const para = s?.trim().split(/\n\s*\n/, 1)[0]?.replace(/\s+/g, ' ').trim();
  return para ? (para.length > 200 ? `${para.slice(0, 199)}…` : para) : undefined;
}

/** Most severe first, then by score, advisory and component, so the list is the same on every run. */
function byImportance(a: SupplyChainFinding, b: SupplyChainFinding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (b.score ?? -1) - (a.score ?? -1) ||
    compareStrings(a.advisoryId, b.advisoryId) ||
    compareStrings(a.componentRef, b.componentRef)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countFindings(findings: readonly SupplyChainFinding[]): FindingCounts {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 0 } satisfies Record<SeverityLevel, number>;
  const byCategory = { 1: 0, 2: 0 };
  const components = new Set<string>();
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed !== null) {
      suppressed++;
      continue;
    }
    bySeverity[f.severity]++;
    byCategory[f.category]++;
    components.add(f.componentRef);
  }
  return { total: findings.length, suppressed, bySeverity, byCategory: { '1': byCategory[1], '2': byCategory[2] }, affectedComponents: components.size };
}
