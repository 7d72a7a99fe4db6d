import type { Queryable, SqlParam, Tx } from '../db.ts';
import type { SupplyChainFinding } from '../../supply-chain/findings/index.ts';
import { bulkLoader, pgTextArray } from './sc-packages.ts';

export type AnalysisState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface SbomAnalysisRow {
  id: string;
  case_id: string | null;
  material_id: string | null;
  product_version_id: number | null;
  state: AnalysisState;
  error: string | null;
  format: string | null;
  spec_version: string | null;
  sbom_name: string | null;
  component_count: number | null;
  finding_count: number | null;
  ntia: unknown;
  provenance: unknown;
  counts: unknown;
  warnings: unknown;
  requested_by: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export async function insertQueuedAnalysis(tx: Tx, a: { id: string; caseId: string | null; materialId: string | null; requestedBy: string | null; at: Date }): Promise<void> {
  await tx.query(`INSERT INTO sbom_analyses (id, case_id, material_id, state, requested_by, created_at) VALUES ($1, $2, $3, 'queued', $4, $5)`, [
    a.id,
    a.caseId,
    a.materialId,
    a.requestedBy,
    a.at,
  ]);
}

/** `insertQueuedAnalysis` as the body of a CTE (RETURNING id). */
export function insertQueuedAnalysisSql(p: (v: SqlParam) => string, a: { id: string; caseId: string | null; materialId: string | null; requestedBy: string | null; at: Date }): string {
  return `INSERT INTO sbom_analyses (id, case_id, material_id, state, requested_by, created_at) VALUES (${p(a.id)}, ${p(a.caseId)}, ${p(a.materialId)}, 'queued', ${p(a.requestedBy)}, ${p(a.at)}) RETURNING id`;
}

export interface AnalysisResult {
  id: string;
  caseId: string | null;
  materialId: string | null;
  productVersionId: number;
  format: string;
  specVersion: string;
  sbomName: string | null;
  componentCount: number;
  findingCount: number;
  ntia: unknown;
  provenance: unknown;
  counts: unknown;
  warnings: unknown;
  requestedBy: string | null;
  at: Date;
}

/** Creates the analysis as succeeded, or completes the queued row of the same id. */
export async function saveAnalysisResult(tx: Tx, a: AnalysisResult): Promise<void> {
  const params: SqlParam[] = [
    a.id, a.caseId, a.materialId, a.productVersionId, a.format, a.specVersion, a.sbomName, a.componentCount, a.findingCount,
    JSON.stringify(a.ntia), JSON.stringify(a.provenance), JSON.stringify(a.counts), JSON.stringify(a.warnings), a.requestedBy, a.at,
  ];
  await tx.query(
    `INSERT INTO sbom_analyses (id, case_id, material_id, product_version_id, state, format, spec_version, sbom_name, component_count, finding_count,
       ntia, provenance, counts, warnings, requested_by, created_at, finished_at)
     VALUES ($1, $2, $3, $4, 'succeeded', $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13::jsonb, $14, $15, $15)
     ON CONFLICT (id) DO UPDATE SET product_version_id = EXCLUDED.product_version_id, state = 'succeeded', error = NULL, format = EXCLUDED.format,
       spec_version = EXCLUDED.spec_version, sbom_name = EXCLUDED.sbom_name, component_count = EXCLUDED.component_count,
       finding_count = EXCLUDED.finding_count, ntia = EXCLUDED.ntia, provenance = EXCLUDED.provenance, counts = EXCLUDED.counts,
       warnings = EXCLUDED.warnings, finished_at = EXCLUDED.finished_at`,
    params,
  );
}

export async function markAnalysis(q: Queryable, id: string, state: AnalysisState, error: string | null, at: Date | null): Promise<void> {
  await q.query('UPDATE sbom_analyses SET state = $2, error = $3, finished_at = $4 WHERE id = $1', [id, state, error, at]);
}

/** A CSV text field, always quoted: quoted '' is an empty string, an unquoted empty field is NULL. */
function q(s: string | null): string {
  if (s === null) return '';
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
}

function n(v: number | boolean | null): string {
  return v === null ? '' : String(v);
}

const COMPONENT_COLUMNS = ['analysis_id', 'seq', 'ref', 'purl', 'name', 'version', 'ecosystem', 'path', 'depth', 'direct'] as const;
const FINDING_COLUMNS = ['analysis_id', 'seq', 'component_seq', 'advisory_id', 'aliases', 'severity', 'score', 'vector', 'fixed_version', 'category', 'suppressed'] as const;

/** Numbers each finding's component once (first appearance order); findings refer to it by that number. */
function componentsOf(findings: readonly SupplyChainFinding[]): { seqOf: Map<string, number>; list: SupplyChainFinding[] } {
  const seqOf = new Map<string, number>();
  const list: SupplyChainFinding[] = [];
  for (const f of findings) if (!seqOf.has(f.componentRef)) seqOf.set(f.componentRef, list.push(f));
  return { seqOf, list };
}

function* componentCsv(analysisId: string, list: readonly SupplyChainFinding[]): Generator<string> {
  let buf = '';
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as SupplyChainFinding;
    buf += `${analysisId},${i + 1},${q(f.componentRef)},${q(f.purl)},${q(f.name)},${q(f.version)},${q(f.ecosystem)},${q(JSON.stringify({ refs: f.path, names: f.pathNames }))},${n(f.depth)},${n(f.direct)}\n`;
    if ((i & 2047) === 2047) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

function* findingCsv(analysisId: string, findings: readonly SupplyChainFinding[], seqOf: ReadonlyMap<string, number>): Generator<string> {
  // Many findings share an advisory group: its columns are rendered once per advisory id (and
  // again only for a group of that id that differs).
  const groupPart = new Map<string, { f: SupplyChainFinding; text: string }[]>();
  const sameGroup = (a: SupplyChainFinding, b: SupplyChainFinding): boolean =>
    a.severity === b.severity && a.score === b.score && a.vector === b.vector && a.aliases.length === b.aliases.length && a.aliases.every((x, i) => x === b.aliases[i]);
  let buf = '';
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as SupplyChainFinding;
    let known = groupPart.get(f.advisoryId);
    if (known === undefined) groupPart.set(f.advisoryId, (known = []));
    let group = known.find((g) => g.f.aliases === f.aliases || sameGroup(g.f, f))?.text;
    if (group === undefined) {
      group = `${q(f.advisoryId)},${q(pgTextArray(f.aliases))},${q(f.severity)},${n(f.score)},${q(f.vector)}`;
      known.push({ f, text: group });
    }
    buf += `${analysisId},${i + 1},${seqOf.get(f.componentRef) as number},${group},${q(f.fixedVersion)},${f.category},${f.suppressed === null ? '' : q(JSON.stringify(f.suppressed))}\n`;
    if ((i & 4095) === 4095) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

/** Stores the findings of an analysis and the components they concern, by COPY in the caller's transaction. */
export async function insertFindings(tx: Tx, analysisId: string, findings: readonly SupplyChainFinding[]): Promise<void> {
  if (findings.length === 0) return;
  const { seqOf, list } = componentsOf(findings);
  const copy = bulkLoader(tx);
  await copy('sbom_analysis_components', COMPONENT_COLUMNS, componentCsv(analysisId, list));
  await copy('supply_chain_findings', FINDING_COLUMNS, findingCsv(analysisId, findings, seqOf));
}

export async function findAnalysis(q: Queryable, id: string): Promise<SbomAnalysisRow | undefined> {
  return (await q.query<SbomAnalysisRow>('SELECT * FROM sbom_analyses WHERE id = $1', [id])).rows[0];
}

export async function listAnalysesOfCase(q: Queryable, caseId: string): Promise<SbomAnalysisRow[]> {
  return (
    await q.query<SbomAnalysisRow>(
      `SELECT id, case_id, material_id, product_version_id, state, error, format, spec_version, sbom_name, component_count, finding_count,
         NULL AS ntia, NULL AS provenance, counts, NULL AS warnings, requested_by, created_at, finished_at
       FROM sbom_analyses WHERE case_id = $1 ORDER BY created_at DESC, id LIMIT 200`,
      [caseId],
    )
  ).rows;
}

export interface FindingRow {
  seq: number;
  component_ref: string;
  purl: string | null;
  name: string;
  version: string | null;
  ecosystem: string | null;
  advisory_id: string;
  aliases: string[];
  summary: string | null;
  severity: string;
  score: number | null;
  vector: string | null;
  fixed_version: string | null;
  path: { refs: string[]; names: string[] } | null;
  depth: number | null;
  direct: boolean | null;
  category: number;
  suppressed: unknown;
}

export interface FindingPage {
  severity?: string;
  category?: number;
  afterSeq: number;
  limit: number;
}

/** One page of an analysis' findings, in the analysis' order (most important first), by keyset on `seq`. */
export async function listFindings(q: Queryable, analysisId: string, page: FindingPage): Promise<FindingRow[]> {
  return (
    await q.query<FindingRow>(
      `SELECT f.seq, c.ref AS component_ref, c.purl, c.name, c.version, c.ecosystem, f.advisory_id, f.aliases, a.summary, f.severity,
         f.score, f.vector, f.fixed_version, c.path, c.depth, c.direct, f.category, f.suppressed
       FROM supply_chain_findings f
       JOIN sbom_analysis_components c ON c.analysis_id = f.analysis_id AND c.seq = f.component_seq
       LEFT JOIN advisories a ON a.id = f.advisory_id
       WHERE f.analysis_id = $1 AND f.seq > $2 AND ($3::text IS NULL OR f.severity = $3) AND ($4::smallint IS NULL OR f.category = $4)
       ORDER BY f.seq LIMIT $5`,
      [analysisId, page.afterSeq, page.severity ?? null, page.category ?? null, page.limit],
    )
  ).rows;
}

export interface MaterialCaseFacts {
  material_id: string;
  sha256: string;
  case_id: string;
  product_name: string;
  product_version: string | null;
  supplier_org_id: string | null;
  supplier_name: string | null;
  passed: boolean;
}

/** What an analysis of a case's SBOM material needs to know about the case. */
export async function materialCaseFacts(q: Queryable, materialId: string): Promise<MaterialCaseFacts | undefined> {
  return (
    await q.query<MaterialCaseFacts>(
      `SELECT m.id AS material_id, m.sha256, c.id AS case_id, c.product_name, c.product_version, c.supplier_org_id, o.name AS supplier_name,
         COALESCE(c.outcome IN ('passed', 'passed_with_conditions'), false) AS passed
       FROM materials m JOIN cases c ON c.id = m.case_id LEFT JOIN organisations o ON o.id = c.supplier_org_id WHERE m.id = $1`,
      [materialId],
    )
  ).rows[0];
}
