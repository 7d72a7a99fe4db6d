import type { Queryable, SqlParam, Tx } from '../db.ts';
import { csvField } from '../db.ts';
import type { SupplyChainFinding } from '../../supply-chain/findings/index.ts';
import { pgTextArray } from './sc-packages.ts';

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

const FINDING_COLUMNS = [
  'analysis_id', 'seq', 'component_ref', 'purl', 'name', 'version', 'ecosystem', 'advisory_id', 'aliases', 'summary', 'severity', 'score',
  'vector', 'fixed_version', 'path', 'depth', 'direct', 'category', 'suppressed',
] as const;

function* findingCsv(analysisId: string, findings: readonly SupplyChainFinding[]): Generator<string> {
  let buf = '';
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as SupplyChainFinding;
    const fields = [
      analysisId, i + 1, f.componentRef, f.purl, f.name, f.version, f.ecosystem, f.advisoryId, pgTextArray(f.aliases), f.summary, f.severity, f.score,
      f.vector, f.fixedVersion, JSON.stringify({ refs: f.path, names: f.pathNames }), f.depth, f.direct, f.category,
      f.suppressed === null ? null : JSON.stringify(f.suppressed),
    ];
    buf += `${fields.map(csvField).join(',')}\n`;
    if (i % 2048 === 2047) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

export async function insertFindings(tx: Tx, analysisId: string, findings: readonly SupplyChainFinding[]): Promise<void> {
  if (findings.length === 0) return;
  if (tx.copyFrom) {
    await tx.copyFrom('supply_chain_findings', FINDING_COLUMNS, findingCsv(analysisId, findings));
    return;
  }
  for (let i = 0; i < findings.length; i += 1000) {
    const rows = findings.slice(i, i + 1000).map((f, j) => ({
      seq: i + j + 1, component_ref: f.componentRef, purl: f.purl, name: f.name, version: f.version, ecosystem: f.ecosystem, advisory_id: f.advisoryId,
      aliases: f.aliases, summary: f.summary, severity: f.severity, score: f.score, vector: f.vector, fixed_version: f.fixedVersion,
      path: { refs: f.path, names: f.pathNames }, depth: f.depth, direct: f.direct, category: f.category, suppressed: f.suppressed,
    }));
    await tx.query(
      `INSERT INTO supply_chain_findings (${FINDING_COLUMNS.join(', ')})
       SELECT $1, x.seq, x.component_ref, x.purl, x.name, x.version, x.ecosystem, x.advisory_id, ARRAY(SELECT jsonb_array_elements_text(x.aliases)), x.summary,
         x.severity, x.score, x.vector, x.fixed_version, x.path, x.depth, x.direct, x.category, x.suppressed
       FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, component_ref text, purl text, name text, version text, ecosystem text, advisory_id text, aliases jsonb,
         summary text, severity text, score real, vector text, fixed_version text, path jsonb, depth integer, direct boolean, category smallint, suppressed jsonb)`,
      [analysisId, JSON.stringify(rows)],
    );
  }
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
      `SELECT seq, component_ref, purl, name, version, ecosystem, advisory_id, aliases, summary, severity, score, vector, fixed_version, path, depth, direct,
         category, suppressed
       FROM supply_chain_findings
       WHERE analysis_id = $1 AND seq > $2 AND ($3::text IS NULL OR severity = $3) AND ($4::smallint IS NULL OR category = $4)
       ORDER BY seq LIMIT $5`,
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
