import type { Queryable, SqlParam, Tx } from '../db.ts';
import type { Outcome } from '../../domain/lifecycle.ts';
import type { ReleaseScope } from '../../policies/index.ts';

/** Everything a security assessment report states, for one case and review round, in one query. */
export interface ReportSource {
  id: string;
  ref: string;
  regime_id: string;
  review_round: number;
  title: string;
  product_name: string;
  product_version: string | null;
  description: string;
  sector: string | null;
  system_name: string | null;
  supplier_name: string | null;
  assessor_name: string | null;
  outcome: Outcome | null;
  decision_text: string | null;
  release_scope: ReleaseScope | null;
  public_summary: string | null;
  released_at: string | null;
  findings: { category: number; severity: string; title: string; description: string; method: string | null; recorded_at: string }[];
  reasons: { articles: string[]; text: string }[];
  conditions: { text: string; owner: string | null; due_date: string; status: string }[];
  assessment: { body: string; signature: string } | null;
}

export async function loadReportSource(q: Queryable, caseId: string): Promise<ReportSource | undefined> {
  const r = await q.query<ReportSource>(
    `SELECT c.id, c.ref, c.regime_id, c.review_round, c.title, c.product_name, c.product_version, c.description, c.sector, c.system_name,
       (SELECT name FROM organisations WHERE id = c.supplier_org_id) AS supplier_name,
       (SELECT name FROM organisations WHERE id = c.assessor_org_id) AS assessor_name,
       c.outcome, c.decision_text, c.release_scope, c.public_summary, to_char(c.released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS released_at,
       COALESCE((SELECT json_agg(json_build_object('category', f.category, 'severity', f.severity, 'title', f.title, 'description', f.description,
           'method', f.method, 'recorded_at', to_char(f.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY f.recorded_at, f.id)
         FROM findings f WHERE f.case_id = c.id), '[]') AS findings,
       COALESCE((SELECT json_agg(json_build_object('articles', r.articles, 'text', r.text) ORDER BY r.position)
         FROM decision_reasons r WHERE r.case_id = c.id AND r.review_round = c.review_round), '[]') AS reasons,
       COALESCE((SELECT json_agg(json_build_object('text', d.text, 'owner', (SELECT name FROM organisations WHERE id = d.owner_org_id),
           'due_date', d.due_date::text, 'status', d.status) ORDER BY d.position)
         FROM decision_conditions d WHERE d.case_id = c.id AND d.review_round = c.review_round), '[]') AS conditions,
       (SELECT json_build_object('body', a.body, 'signature', a.signature) FROM comprehensive_assessments a
         WHERE a.case_id = c.id AND a.review_round = c.review_round) AS assessment
     FROM cases c WHERE c.id = $1`,
    [caseId],
  );
  return r.rows[0];
}

export interface ReportRow {
  id: string;
  case_id: string;
  review_round: number;
  key_id: string;
  signed_at: Date;
  full_pdf_sha256: string;
  full_json_sha256: string;
  public_pdf_sha256: string;
  public_json_sha256: string;
}

export async function insertReport(tx: Tx, r: ReportRow & { generated_by: string }): Promise<void> {
  await tx.query(
    `INSERT INTO assessment_reports (id, case_id, review_round, key_id, signed_at, generated_by, full_pdf_sha256, full_json_sha256, public_pdf_sha256, public_json_sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [r.id, r.case_id, r.review_round, r.key_id, r.signed_at, r.generated_by, r.full_pdf_sha256, r.full_json_sha256, r.public_pdf_sha256, r.public_json_sha256],
  );
}

/** `insertReport` as the body of a CTE, for a statement that writes its audit event with it. */
export function insertReportSql(p: (v: SqlParam) => string, r: ReportRow & { generated_by: string }): string {
  return `INSERT INTO assessment_reports (id, case_id, review_round, key_id, signed_at, generated_by, full_pdf_sha256, full_json_sha256, public_pdf_sha256, public_json_sha256)
     VALUES (${[r.id, r.case_id, r.review_round, r.key_id, r.signed_at, r.generated_by, r.full_pdf_sha256, r.full_json_sha256, r.public_pdf_sha256, r.public_json_sha256].map((v) => p(v)).join(', ')})`;
}

export async function findReport(q: Queryable, caseId: string, reportId: string): Promise<ReportRow | undefined> {
  return (await q.query<ReportRow>('SELECT * FROM assessment_reports WHERE id = $1 AND case_id = $2', [reportId, caseId])).rows[0];
}

export async function listReports(q: Queryable, caseId: string): Promise<ReportRow[]> {
  return (await q.query<ReportRow>('SELECT * FROM assessment_reports WHERE case_id = $1 ORDER BY signed_at DESC, id', [caseId])).rows;
}
