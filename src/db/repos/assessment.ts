import type { Queryable, SqlParam, Tx } from '../db.ts';
import type { ActivityMethod, ActivityStatus, EvidenceKind } from '../../assessment/plan.ts';

export interface ActivityRow {
  id: string;
  case_id: string;
  method: ActivityMethod;
  title: string;
  scope: string;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  status: ActivityStatus;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  people: { user_id: string; display_name: string }[];
  evidence_count: number;
  finding_count: number;
}

export const ACTIVITY_SELECT = `SELECT a.id, a.case_id, a.method, a.title, a.scope, a.planned_start::text, a.planned_end::text, a.actual_start::text, a.actual_end::text,
    a.status, a.created_by, a.created_at, a.updated_at,
    COALESCE((SELECT json_agg(json_build_object('user_id', u.id, 'display_name', u.display_name) ORDER BY u.display_name)
      FROM assessment_activity_people ap JOIN users u ON u.id = ap.user_id WHERE ap.activity_id = a.id), '[]') AS people,
    (SELECT count(*) FROM evidence_files e WHERE e.activity_id = a.id)::int AS evidence_count,
    (SELECT count(*) FROM findings f WHERE f.activity_id = a.id)::int AS finding_count
  FROM assessment_activities a`;

export async function listActivities(q: Queryable, caseId: string): Promise<ActivityRow[]> {
  return (await q.query<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.case_id = $1 ORDER BY a.created_at, a.id`, [caseId])).rows;
}

export async function findActivity(q: Queryable, caseId: string, id: string): Promise<ActivityRow | undefined> {
  return (await q.query<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.case_id = $1 AND a.id = $2`, [caseId, id])).rows[0];
}

export interface NewActivity {
  id: string;
  caseId: string;
  method: ActivityMethod;
  title: string;
  scope: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  createdBy: string;
  at: Date;
}

export async function insertActivity(tx: Tx, a: NewActivity, people: readonly string[]): Promise<void> {
  await tx.query(
    `INSERT INTO assessment_activities (id, case_id, method, title, scope, planned_start, planned_end, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [a.id, a.caseId, a.method, a.title, a.scope, a.plannedStart, a.plannedEnd, a.createdBy, a.at],
  );
  await setActivityPeople(tx, a.id, people);
}

/**
 * The activity, its people and the caller's CTEs (its audit event) as one statement, answering the
 * row as `findActivity` would: a new activity has no evidence or findings yet, so nothing is re-read.
 */
export async function insertActivityReturning(tx: Tx, a: NewActivity, people: readonly string[], ctes: (p: (v: SqlParam) => string) => string): Promise<ActivityRow> {
  const params: SqlParam[] = [];
  const p = (v: SqlParam) => (params.push(v), `$${params.length}`);
  const sql = `WITH a AS (
       INSERT INTO assessment_activities (id, case_id, method, title, scope, planned_start, planned_end, created_by, created_at, updated_at)
       VALUES (${p(a.id)}, ${p(a.caseId)}, ${p(a.method)}, ${p(a.title)}, ${p(a.scope)}, ${p(a.plannedStart)}, ${p(a.plannedEnd)}, ${p(a.createdBy)}, ${p(a.at)}, ${p(a.at)}) RETURNING *),
     ap AS (INSERT INTO assessment_activity_people (activity_id, user_id) SELECT a.id, x::uuid FROM a, jsonb_array_elements_text(${p(JSON.stringify(people))}::jsonb) AS x RETURNING user_id),
     ${ctes(p)}
     SELECT a.id, a.case_id, a.method, a.title, a.scope, a.planned_start::text, a.planned_end::text, a.actual_start::text, a.actual_end::text,
       a.status, a.created_by, a.created_at, a.updated_at,
       COALESCE((SELECT json_agg(json_build_object('user_id', u.id, 'display_name', u.display_name) ORDER BY u.display_name) FROM ap JOIN users u ON u.id = ap.user_id), '[]') AS people,
       0 AS evidence_count, 0 AS finding_count
     FROM a`;
  const row = (await tx.query<ActivityRow>(sql, params)).rows[0];
  if (!row) throw new Error('activity insert returned no row');
  return row;
}

export async function setActivityPeople(tx: Tx, activityId: string, people: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM assessment_activity_people WHERE activity_id = $1', [activityId]);
  if (people.length) {
    await tx.query(`INSERT INTO assessment_activity_people (activity_id, user_id) SELECT $1, x::uuid FROM jsonb_array_elements_text($2::jsonb) AS x`, [activityId, JSON.stringify(people)]);
  }
}

/** Users among `ids` that belong to organisation `orgId` and are not disabled. */
export async function usersOfOrg(q: Queryable, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await q.query<{ id: string }>(
    `SELECT u.id FROM users u WHERE u.org_id = $1 AND NOT u.disabled AND u.id IN (SELECT x::uuid FROM jsonb_array_elements_text($2::jsonb) AS x)`,
    [orgId, JSON.stringify(ids)],
  );
  return new Set(r.rows.map((x) => x.id));
}

export interface EvidenceRow {
  id: string;
  case_id: string;
  activity_id: string | null;
  sha256: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  kind: EvidenceKind;
  description: string;
  custodian_user_id: string;
  custodian_name?: string;
  sealed_at: Date | null;
  added_by: string;
  added_by_name?: string;
  added_at: Date;
}

export async function insertEvidence(tx: Tx, e: EvidenceRow): Promise<void> {
  await tx.query(
    `INSERT INTO evidence_files (id, case_id, activity_id, sha256, filename, media_type, size_bytes, kind, description, custodian_user_id, sealed_at, added_by, added_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [e.id, e.case_id, e.activity_id, e.sha256, e.filename, e.media_type, e.size_bytes, e.kind, e.description, e.custodian_user_id, e.sealed_at, e.added_by, e.added_at],
  );
}

/**
 * The evidence row as an INSERT … SELECT … FROM `from`, for use as a CTE of a larger statement
 * (the row is written only if `from` yields one).
 */
export function insertEvidenceSql(p: (v: SqlParam) => string, e: EvidenceRow, from: string): string {
  return `INSERT INTO evidence_files (id, case_id, activity_id, sha256, filename, media_type, size_bytes, kind, description, custodian_user_id, sealed_at, added_by, added_at)
     SELECT ${p(e.id)}::uuid, ${p(e.case_id)}::uuid, ${p(e.activity_id)}::uuid, ${p(e.sha256)}, ${p(e.filename)}, ${p(e.media_type)}, ${p(e.size_bytes)}::bigint, ${p(e.kind)}, ${p(e.description)},
       ${p(e.custodian_user_id)}::uuid, ${p(e.sealed_at)}::timestamptz, ${p(e.added_by)}::uuid, ${p(e.added_at)}::timestamptz FROM ${from}`;
}

export const EVIDENCE_SELECT = `SELECT e.*, (SELECT display_name FROM users WHERE id = e.custodian_user_id) AS custodian_name,
  (SELECT display_name FROM users WHERE id = e.added_by) AS added_by_name FROM evidence_files e`;

export async function listEvidence(q: Queryable, caseId: string): Promise<EvidenceRow[]> {
  return (await q.query<EvidenceRow>(`${EVIDENCE_SELECT} WHERE e.case_id = $1 ORDER BY e.added_at, e.id`, [caseId])).rows.map(numeric);
}

export async function findEvidence(q: Queryable, caseId: string, id: string): Promise<EvidenceRow | undefined> {
  const row = (await q.query<EvidenceRow>(`${EVIDENCE_SELECT} WHERE e.case_id = $1 AND e.id = $2`, [caseId, id])).rows[0];
  return row && numeric(row);
}

function numeric(r: EvidenceRow): EvidenceRow {
  return { ...r, size_bytes: Number(r.size_bytes) };
}

export interface CustodyEventRow {
  seq: number;
  at: Date;
  type: string;
  actor: string | null;
  actor_org: string | null;
  data: Record<string, unknown>;
}

/** The chain of custody: every evidence event from the hash-chained audit log, oldest first. */
export async function custodyEvents(q: Queryable, caseId: string, evidenceId: string): Promise<CustodyEventRow[]> {
  return (
    await q.query<CustodyEventRow>(
      `SELECT a.seq, a.at, a.type, u.display_name AS actor, o.name AS actor_org, (a.payload::json)->'data' AS data
       FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN organisations o ON o.id = u.org_id
       WHERE a.subject_id = $1 AND a.case_id = $2 AND a.type LIKE 'evidence.%' ORDER BY a.seq`,
      [evidenceId, caseId],
    )
  ).rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
