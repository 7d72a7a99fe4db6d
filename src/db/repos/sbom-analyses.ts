import type { Queryable, SqlParam, Tx } from '../db.ts';
import type { FindingComponent, FindingTable, FindingVulnerability } from '../../supply-chain/findings/index.ts';
import { bulkLoader, pgTextArray } from './sc-packages.ts';
import { CsvBytes } from './csv-bytes.ts';

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

/** Creates the analysis as succeeded, or completes the queued row of the same id; answers the key its findings rows carry. */
export async function saveAnalysisResult(tx: Tx, a: AnalysisResult): Promise<number> {
  const params: SqlParam[] = [
    a.id, a.caseId, a.materialId, a.productVersionId, a.format, a.specVersion, a.sbomName, a.componentCount, a.findingCount,
    JSON.stringify(a.ntia), JSON.stringify(a.provenance), JSON.stringify(a.counts), JSON.stringify(a.warnings), a.requestedBy, a.at,
  ];
  const r = await tx.query<{ findings_key: number }>(
    `INSERT INTO sbom_analyses (id, case_id, material_id, product_version_id, state, format, spec_version, sbom_name, component_count, finding_count,
       ntia, provenance, counts, warnings, requested_by, created_at, finished_at)
     VALUES ($1, $2, $3, $4, 'succeeded', $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13::jsonb, $14, $15, $15)
     ON CONFLICT (id) DO UPDATE SET product_version_id = EXCLUDED.product_version_id, state = 'succeeded', error = NULL, format = EXCLUDED.format,
       spec_version = EXCLUDED.spec_version, sbom_name = EXCLUDED.sbom_name, component_count = EXCLUDED.component_count,
       finding_count = EXCLUDED.finding_count, ntia = EXCLUDED.ntia, provenance = EXCLUDED.provenance, counts = EXCLUDED.counts,
       warnings = EXCLUDED.warnings, finished_at = EXCLUDED.finished_at
     RETURNING findings_key`,
    params,
  );
  return (r.rows[0] as { findings_key: number }).findings_key;
}

export async function markAnalysis(q: Queryable, id: string, state: AnalysisState, error: string | null, at: Date | null): Promise<void> {
  await q.query('UPDATE sbom_analyses SET state = $2, error = $3, finished_at = $4 WHERE id = $1', [id, state, error, at]);
}

const COMPONENT_COLUMNS = ['analysis_key', 'seq', 'ref', 'purl', 'name', 'version', 'ecosystem', 'path', 'depth', 'direct', 'category'] as const;
const VULNERABILITY_COLUMNS = ['analysis_id', 'seq', 'advisory_id', 'aliases', 'severity', 'score', 'vector'] as const;
const RUN_COLUMNS = ['analysis_key', 'first_seq', 'last_seq', 'vulnerability_seq', 'component_seqs', 'fixed_versions', 'suppressed'] as const;
/** COPY data is handed on in chunks of about this size: large enough to keep the stream busy, small enough to keep memory flat. */
const CHUNK_BYTES = 512 * 1024;

// The findings as three narrow tables: each affected component and each vulnerability once (its
// seq is its index in the FindingTable plus one), and the findings as runs of one vulnerability
// (migration 0007).

function* componentCsv(analysisKey: number, list: readonly FindingComponent[]): Generator<Buffer> {
  const w = new CsvBytes();
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as FindingComponent;
    w.int(analysisKey).comma().int(i + 1).comma().text(c.ref).comma().text(c.purl).comma().text(c.name).comma().text(c.version).comma().text(c.ecosystem).comma();
    w.jsonStringArrays({ refs: c.path, names: c.pathNames }).comma().value(c.depth).comma().value(c.direct).comma().int(c.category).newline();
    const chunk = w.take(CHUNK_BYTES);
    if (chunk !== undefined) yield chunk;
  }
  const rest = w.take();
  if (rest !== undefined) yield rest;
}

function* vulnerabilityCsv(analysisId: string, list: readonly FindingVulnerability[]): Generator<Buffer> {
  const w = new CsvBytes();
  for (let i = 0; i < list.length; i++) {
    const v = list[i] as FindingVulnerability;
    w.text(analysisId).comma().int(i + 1).comma().text(v.advisoryId).comma().text(pgTextArray(v.aliases)).comma().text(v.severity).comma().value(v.score).comma().text(v.vector).newline();
    const chunk = w.take(CHUNK_BYTES);
    if (chunk !== undefined) yield chunk;
  }
  const rest = w.take();
  if (rest !== undefined) yield rest;
}

function* runCsv(analysisKey: number, t: FindingTable): Generator<Buffer> {
  const w = new CsvBytes();
  for (let first = 0; first < t.length; ) {
    const v = t.vulnerability[first] as number;
    let end = first + 1;
    while (end < t.length && t.vulnerability[end] === v) end++;
    w.int(analysisKey).comma().int(first + 1).comma().int(end).comma().int(v + 1).comma().intArray(t.component, first, end, 1).comma();
    w.text(pgTextArray(t.fixedVersion.slice(first, end))).comma();
    const suppressed = t.suppressed?.slice(first, end);
    if (suppressed?.some((x) => x !== null)) w.text(JSON.stringify(suppressed));
    w.newline();
    const chunk = w.take(CHUNK_BYTES);
    if (chunk !== undefined) yield chunk;
    first = end;
  }
  const rest = w.take();
  if (rest !== undefined) yield rest;
}

/**
 * Stores the findings of an analysis with the components and vulnerabilities they concern, by
 * COPY in the caller's transaction. `analysis.key` is its `findings_key` (from saveAnalysisResult).
 */
export async function insertFindings(tx: Tx, analysis: { id: string; key: number }, table: FindingTable): Promise<void> {
  if (table.length === 0) return;
  const copy = bulkLoader(tx);
  await copy('sbom_finding_components', COMPONENT_COLUMNS, componentCsv(analysis.key, table.components));
  await copy('sbom_analysis_vulnerabilities', VULNERABILITY_COLUMNS, vulnerabilityCsv(analysis.id, table.vulnerabilities));
  await copy('sbom_finding_runs', RUN_COLUMNS, runCsv(analysis.key, table));
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

/**
 * One page of an analysis' findings, in the analysis' order (most important first), by keyset on
 * `seq`: runs are walked by last_seq from the cursor and opened up only as far as the page needs.
 */
export async function listFindings(q: Queryable, analysisId: string, page: FindingPage): Promise<FindingRow[]> {
  return (
    await q.query<FindingRow>(
      `SELECT r.first_seq + u.ord::int - 1 AS seq, c.ref AS component_ref, c.purl, c.name, c.version, c.ecosystem, v.advisory_id, v.aliases, a.summary, v.severity,
         v.score, v.vector, u.fixed_version, c.path, c.depth, c.direct, c.category, r.suppressed -> (u.ord::int - 1) AS suppressed
       FROM sbom_finding_runs r
       JOIN sbom_analysis_vulnerabilities v ON v.analysis_id = $1 AND v.seq = r.vulnerability_seq
       CROSS JOIN LATERAL unnest(r.component_seqs, r.fixed_versions) WITH ORDINALITY AS u(component_seq, fixed_version, ord)
       JOIN sbom_finding_components c ON c.analysis_key = r.analysis_key AND c.seq = u.component_seq
       LEFT JOIN advisories a ON a.id = v.advisory_id
       WHERE r.analysis_key = (SELECT findings_key FROM sbom_analyses WHERE id = $1) AND r.last_seq > $2 AND r.first_seq + u.ord::int - 1 > $2
         AND ($3::text IS NULL OR v.severity = $3) AND ($4::smallint IS NULL OR c.category = $4)
       ORDER BY r.last_seq, u.ord LIMIT $5`,
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

/** The case's VEX materials, oldest first: every analysis of the case applies all of them. */
export async function vexMaterialsOfCase(q: Queryable, caseId: string): Promise<{ id: string; sha256: string; filename: string }[]> {
  return (await q.query<{ id: string; sha256: string; filename: string }>(`SELECT id, sha256, filename FROM materials WHERE case_id = $1 AND kind = 'vex' ORDER BY uploaded_at, id`, [caseId])).rows;
}

/**
 * Part of a VEX upload's statement: every SBOM of the case is analysed again (a queued analysis
 * and a job each), so its findings show the new suppressions. The earlier analyses stay as they were.
 */
export function reanalyseCaseSbomsSql(p: (v: SqlParam) => string, a: { caseId: string; requestedBy: string | null; at: Date; jobKind: string }): string {
  return `vex_reanalyses AS (INSERT INTO sbom_analyses (id, case_id, material_id, state, requested_by, created_at)
       SELECT gen_random_uuid(), m.case_id, m.id, 'queued', ${p(a.requestedBy)}, ${p(a.at)} FROM materials m WHERE m.case_id = ${p(a.caseId)} AND m.kind = 'sbom'
       RETURNING id, material_id),
     vex_jobs AS (INSERT INTO jobs (kind, payload, run_after, created_at)
       SELECT ${p(a.jobKind)}, jsonb_build_object('analysisId', r.id, 'materialId', r.material_id), ${p(a.at)}::timestamptz, ${p(a.at)}::timestamptz FROM vex_reanalyses r RETURNING id),`;
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
