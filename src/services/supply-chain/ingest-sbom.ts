import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { AdvisoryIndex } from '../../supply-chain/match/index.ts';
import { analyzeSbom } from '../../supply-chain/findings/index.ts';
import type { FindingComponent, FindingCounts, FindingTable } from '../../supply-chain/findings/index.ts';
import { dependencyGraph, parseSbom, SbomError } from '../../supply-chain/sbom/index.ts';
import type { ParsedSbom } from '../../supply-chain/sbom/index.ts';
import type { Advisory, VexStatement } from '../../supply-chain/model.ts';
import { normalizePackageName } from '../../supply-chain/ecosystems.ts';
import { advisoriesForPackages } from '../../db/repos/advisories.ts';
import { distinctPackages, internPackages, packageRefKey } from '../../db/repos/sc-packages.ts';
import type { PackageRef } from '../../db/repos/sc-packages.ts';
import { IMPACT_COMPONENTS_LISTED, insertPortfolioComponents, insertProductVersion, recordProductImpacts } from '../../db/repos/portfolio.ts';
import type { ImpactComponent, PortfolioRow } from '../../db/repos/portfolio.ts';
import { insertFindings, saveAnalysisResult } from '../../db/repos/sbom-analyses.ts';

export interface IngestSbomInput {
  content: Buffer | Uint8Array | string;
  /** The queued analysis this completes; a new id when absent. */
  analysisId?: string;
  caseId?: string | null;
  materialId?: string | null;
  /** Product name and version for the portfolio; default: the SBOM's root component. */
  productName?: string;
  productVersion?: string | null;
  supplierOrgId?: string | null;
  supplierName?: string | null;
  /** Art. 4 supervision: the product passed its review and is watched for new advisories. */
  underSupervision?: boolean;
  vex?: readonly VexStatement[];
}

export interface IngestSbomResult {
  analysisId: string;
  productVersionId: number;
  format: string;
  components: number;
  /** Components stored in the portfolio (those with an ecosystem, package name and version). */
  indexedComponents: number;
  advisoriesConsidered: number;
  findings: number;
  counts: FindingCounts;
  /** Stage times; `findingsMs` (findings and their components stored) is part of `storeMs`, `advisoriesLoadMs` (the SBOM's advisories read from the database) of `matchMs`. */
  timings: { parseMs: number; matchMs: number; storeMs: number; findingsMs: number; advisoriesLoadMs: number };
}

interface Indexed {
  packages: PackageRef[];
  /** Per distinct (package, version): the package key and the version. */
  rows: { key: string; version: string }[];
}

/** The portfolio rows of an SBOM: every matchable component (root included) once per package and version. */
function indexedComponents(sbom: ParsedSbom): Indexed {
  const all = sbom.root ? [sbom.root, ...sbom.components] : sbom.components;
  const seen = new Set<string>();
  const rows: Indexed['rows'] = [];
  const pkgs: PackageRef[] = [];
  for (const c of all) {
    if (!c.ecosystem || !c.packageName || !c.version) continue;
    const name = normalizePackageName(c.ecosystem, c.packageName);
    const key = packageRefKey(c.ecosystem, name);
    const rowKey = `${key}\u0000${c.version}`;
    if (seen.has(rowKey)) continue;
    seen.add(rowKey);
    rows.push({ key, version: c.version });
    pkgs.push({ ecosystem: c.ecosystem, name });
  }
  return { packages: distinctPackages(pkgs), rows };
}

export function parseForIngest(content: IngestSbomInput['content']): ParsedSbom {
  try {
    return parseSbom(content);
  } catch (e) {
    if (e instanceof SbomError) throw new AppError('validation_failed', `the SBOM cannot be read: ${e.message}`, { errors: [{ path: e.at ?? '/', message: e.message }], sbomError: e.code });
    throw e;
  }
}

/**
 * SBOM intake into the portfolio (Art. 4(1)–(2)): parse, match against the advisories in the
 * database that name the SBOM's packages (nothing else is loaded), then store the product
 * version, its components, the findings and their impacts with the audit event, all in one
 * transaction, so a failed ingest leaves nothing half-stored.
 */
export async function ingestSbom(ctx: ActorContext, input: IngestSbomInput): Promise<IngestSbomResult> {
  const t0 = performance.now();
  const sbom = parseForIngest(input.content);
  const indexed = indexedComponents(sbom);
  const t1 = performance.now();
  // The dependency graph is built while the database reads the advisories.
  const loading = advisoriesForPackages(ctx.db, indexed.packages);
  // One turn of the event loop first, so the query is on the wire before the graph takes the thread.
  await new Promise((resolve) => setImmediate(resolve));
  const graph = dependencyGraph(sbom);
  const advisories: Advisory[] = await loading;
  const tLoaded = performance.now();
  const now = ctx.now();
  // Only the SBOM's packages are indexed, each component looked up once: nothing is resolved in advance.
  const index = new AdvisoryIndex(advisories, { packages: new Set(indexed.packages.map((p) => packageRefKey(p.ecosystem, p.name))), memo: false });
  const analysis = analyzeSbom(sbom, index, {
    now,
    graph,
    ...(input.vex ? { vex: input.vex } : {}),
    ...(input.supplierName ? { productSupplier: input.supplierName } : {}),
  });
  const t2 = performance.now();
  let findingsMs = 0;
  const analysisId = input.analysisId ?? randomUUID();
  const productName = input.productName ?? sbom.root?.name ?? sbom.name ?? 'unnamed product';
  const productVersion = input.productVersion ?? sbom.root?.version ?? null;
  const componentCount = sbom.components.length;

  const productVersionId = await ctx.db.transaction(async (tx) => {
    const pvId = await insertProductVersion(tx, {
      productName,
      version: productVersion,
      supplierOrgId: input.supplierOrgId ?? null,
      supplierName: input.supplierName ?? analysis.provenance.product.supplier ?? null,
      caseId: input.caseId ?? null,
      materialId: input.materialId ?? null,
      underSupervision: input.underSupervision ?? false,
      componentCount,
      at: now,
    });
    const ids = await internPackages(tx, indexed.packages);
    const rows: PortfolioRow[] = indexed.rows.map((r) => ({ packageId: ids.get(r.key) as number, version: r.version }));
    await insertPortfolioComponents(tx, pvId, rows);
    const analysisKey = await saveAnalysisResult(tx, {
      id: analysisId,
      caseId: input.caseId ?? null,
      materialId: input.materialId ?? null,
      productVersionId: pvId,
      format: sbom.format,
      specVersion: sbom.specVersion,
      sbomName: sbom.name ?? sbom.root?.name ?? null,
      componentCount,
      findingCount: analysis.table.length,
      ntia: analysis.ntia,
      provenance: analysis.provenance,
      counts: { ...analysis.counts, unmatchable: analysis.unmatchable, indexedComponents: rows.length, advisoriesConsidered: advisories.length },
      warnings: sbom.warnings,
      requestedBy: actorUserId(ctx.actor),
      at: now,
    });
    const f0 = performance.now();
    await insertFindings(tx, { id: analysisId, key: analysisKey }, analysis.table);
    findingsMs = performance.now() - f0;
    await recordProductImpacts(tx, pvId, impactsOf(analysis.table), now);
    await appendAudit(tx, {
      type: 'sbom.analysed',
      actor: ctx.actor,
      at: now,
      caseId: input.caseId ?? null,
      subjectId: analysisId,
      data: { analysisId, materialId: input.materialId ?? null, productVersionId: pvId, format: sbom.format, components: componentCount, findings: analysis.table.length },
    });
    return pvId;
  });
  const t3 = performance.now();
  return {
    analysisId,
    productVersionId,
    format: sbom.format,
    components: componentCount,
    indexedComponents: indexed.rows.length,
    advisoriesConsidered: advisories.length,
    findings: analysis.table.length,
    counts: analysis.counts,
    timings: { parseMs: t1 - t0, matchMs: t2 - t1, storeMs: t3 - t2, findingsMs, advisoriesLoadMs: tLoaded - t1 },
  };
}

/** Advisory record → (up to IMPACT_COMPONENTS_LISTED of) the components it hits, from the findings (every record of a finding's group counts). */
function impactsOf(t: FindingTable): Map<string, ImpactComponent[]> {
  // One SBOM may name a package version under several refs: a component is listed once per record.
  const numberOf = new Map<string, number>();
  const number = new Int32Array(t.components.length).fill(-1);
  const out = new Map<string, { list: ImpactComponent[]; seen: Set<number> }>();
  const hitsOf = t.vulnerabilities.map((v) =>
    (v.advisories.length > 0 ? v.advisories : [v.advisoryId]).map((id) => {
      let h = out.get(id);
      if (h === undefined) out.set(id, (h = { list: [], seen: new Set() }));
      return h;
    }),
  );
  for (let i = 0; i < t.length; i++) {
    const ci = t.component[i] as number;
    const c = t.components[ci] as FindingComponent;
    if (!c.ecosystem || !c.version) continue;
    let n = number[ci] as number;
    if (n < 0) {
      const key = `${c.ecosystem}\u0000${c.name}\u0000${c.version}`;
      let k = numberOf.get(key);
      if (k === undefined) numberOf.set(key, (k = numberOf.size));
      number[ci] = n = k;
    }
    for (const h of hitsOf[t.vulnerability[i] as number] as { list: ImpactComponent[]; seen: Set<number> }[]) {
      if (h.list.length >= IMPACT_COMPONENTS_LISTED || h.seen.has(n)) continue;
      h.seen.add(n);
      h.list.push({ ecosystem: c.ecosystem, name: c.name, version: c.version });
    }
  }
  return new Map([...out].map(([id, h]) => [id, h.list]));
}
