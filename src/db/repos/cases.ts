import type { Queryable, SqlParam, Tx } from '../db.ts';
import type { CaseOrigin, CaseState, GuardFacts, Outcome } from '../../domain/lifecycle.ts';
import type { CaseAccessFacts, ReleaseScope } from '../../policies/index.ts';
import type { StageClock } from '../../domain/clock.ts';

export interface CaseRow extends CaseAccessFacts {
  id: string;
  ref: string;
  regime_id: string;
  state: CaseState;
  origin: CaseOrigin;
  title: string;
  product_name: string;
  product_version: string | null;
  description: string;
  sector: string | null;
  system_name: string | null;
  outcome: Outcome | null;
  decision_text: string | null;
  release_scope: ReleaseScope | null;
  public_summary: string | null;
  released_at: Date | null;
  clock: StageClock | null;
  version: number;
  review_round: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A case as loaded for one actor: the row plus the counts guards need and the actor's own links. */
export interface LoadedCase extends CaseRow {
  expert_count: number;
  opinion_count: number;
  finding_count: number;
  material_count: number;
  open_supplements: number;
  /** Art. 6 panel of the current round, and whether its comprehensive assessment is signed. */
  panel_formed?: boolean;
  panel_assessment_signed?: boolean;
  actor_recused?: boolean;
}

const LOAD_SQL = `SELECT c.*,
  (SELECT count(*) FROM case_members m WHERE m.case_id = c.id AND m.role = 'expert')::int AS expert_count,
  (SELECT count(*) FROM expert_opinions o WHERE o.case_id = c.id AND o.review_round = c.review_round)::int AS opinion_count,
  (SELECT count(*) FROM findings f WHERE f.case_id = c.id)::int AS finding_count,
  -- Material that answers an open request: uploaded since the oldest request still open.
  (SELECT count(*) FROM materials mt WHERE mt.case_id = c.id AND mt.activity_seq > COALESCE(
     (SELECT min(s.activity_seq) FROM supplement_requests s WHERE s.case_id = c.id AND s.answered_at IS NULL), 0))::int AS material_count,
  (SELECT count(*) FROM supplement_requests s WHERE s.case_id = c.id AND s.answered_at IS NULL)::int AS open_supplements,
  EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = $2) AS actor_is_expert,
  EXISTS (SELECT 1 FROM confidentiality_undertakings u WHERE u.case_id = c.id AND u.user_id = $2) AS actor_undertaking,
  EXISTS (SELECT 1 FROM expert_panels ep WHERE ep.case_id = c.id AND ep.review_round = c.review_round) AS panel_formed,
  EXISTS (SELECT 1 FROM comprehensive_assessments ca WHERE ca.case_id = c.id AND ca.review_round = c.review_round) AS panel_assessment_signed,
  EXISTS (SELECT 1 FROM expert_panels ep JOIN expert_panel_members em ON em.panel_id = ep.id
    WHERE ep.case_id = c.id AND ep.review_round = c.review_round AND em.user_id = $2 AND em.recused_at IS NOT NULL) AS actor_recused`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Looks a case up by id or by its reference (NR-2026-000001). */
export async function loadCase(q: Queryable, idOrRef: string, actorUserId: string | null): Promise<LoadedCase | undefined> {
  const where = UUID.test(idOrRef) ? 'c.id = $1' : 'c.ref = $1';
  return (await q.query<LoadedCase>(`${LOAD_SQL} FROM cases c WHERE ${where}`, [idOrRef, actorUserId])).rows[0];
}

export function guardFacts(c: LoadedCase, clockExtendable: boolean): GuardFacts {
  return {
    origin: c.origin,
    assessorAssigned: c.assessor_org_id !== null,
    expertCount: c.expert_count,
    opinionCount: c.opinion_count,
    findingCount: c.finding_count,
    outcome: c.outcome,
    openSupplementRequests: c.open_supplements,
    materialCount: c.material_count,
    clockExtendable,
    panelFormed: c.panel_formed ?? false,
    panelAssessmentSigned: c.panel_assessment_signed ?? false,
    actorRecused: c.actor_recused ?? false,
  };
}

export interface NewCase {
  id: string;
  regimeId: string;
  state: CaseState;
  origin: CaseOrigin;
  title: string;
  productName: string;
  productVersion: string | null;
  description: string;
  sector: string | null;
  systemName: string | null;
  supplierOrgId: string | null;
  operatorOrgId: string | null;
  associationOrgId: string | null;
  reporterUserId: string | null;
  clock: StageClock | null;
  createdBy: string | null;
  at: Date;
}

export async function insertCase(tx: Tx, c: NewCase): Promise<CaseRow> {
  const r = await tx.query<CaseRow>(
    `INSERT INTO cases (id, ref, regime_id, state, origin, title, product_name, product_version, description, sector, system_name,
       supplier_org_id, operator_org_id, association_org_id, reporter_user_id, clock, created_by, created_at, updated_at)
     VALUES ($1, 'NR-' || to_char($17::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('case_ref_seq')::text, 6, '0'),
       $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
     RETURNING *, false AS actor_is_expert, false AS actor_undertaking`,
    [c.id, c.regimeId, c.state, c.origin, c.title, c.productName, c.productVersion, c.description, c.sector, c.systemName,
      c.supplierOrgId, c.operatorOrgId, c.associationOrgId, c.reporterUserId, c.clock as unknown as SqlParam, c.createdBy, c.at],
  );
  return r.rows[0]!;
}

/** Parameter list builder: `p(value)` appends and returns its placeholder. */
export function paramList(initial: SqlParam[] = []): { params: SqlParam[]; p: (v: SqlParam) => string } {
  const params = [...initial];
  return { params, p: (v) => (params.push(v), `$${params.length}`) };
}

export interface TransitionWrite {
  id: string;
  /** The version the step was decided on: a step on a stale read matches no row (no lost update). */
  version: number;
  from: CaseState;
  to: CaseState;
  at: Date;
  clock: StageClock | null;
  /** Extra columns of `cases` to set. */
  set: Record<string, SqlParam>;
  /** Data-modifying statements run with the update, each referring to the updated row as `c`. */
  effects: ((p: (v: SqlParam) => string) => string)[];
  /** Extra conditions on the case row `c0` (the action's target must be eligible). */
  conditions: ((p: (v: SqlParam) => string) => string)[];
  /** CTEs appended last (the audit event), written only if the case row was updated. */
  audit?: (p: (v: SqlParam) => string) => string;
}

const SETTABLE = new Set(['assessor_org_id', 'outcome', 'decision_text', 'release_scope', 'public_summary', 'released_at', 'review_round']);

/**
 * The conditional update at the heart of every transition: it changes the row only if the case is
 * still in `from`, and runs the action's own inserts in the same statement. Zero rows means the
 * case moved on under us (or an effect's condition failed) and nothing was written.
 */
export async function applyTransition(tx: Tx, w: TransitionWrite): Promise<CaseRow | undefined> {
  const { params, p } = paramList();
  const sets = [`state = ${p(w.to)}`, `version = c0.version + 1`, `updated_at = ${p(w.at)}`, `clock = ${p(w.clock as unknown as SqlParam)}`];
  for (const [col, v] of Object.entries(w.set)) {
    if (!SETTABLE.has(col)) throw new Error(`column ${col} is not settable by a transition`);
    sets.push(`${col} = ${p(v)}`);
  }
  const where = [`c0.id = ${p(w.id)} AND c0.state = ${p(w.from)} AND c0.version = ${p(w.version)}`, ...w.conditions.map((c) => c(p))].join(' AND ');
  const ctes = w.effects.map((e, i) => `, e${i} AS (${e(p)})`).join('') + (w.audit ? `, ${w.audit(p)}` : '');
  const sql = `WITH c AS (UPDATE cases c0 SET ${sets.join(', ')} WHERE ${where} RETURNING c0.*)${ctes} SELECT c.* FROM c`;
  return (await tx.query<CaseRow>(sql, params)).rows[0];
}

export interface CaseListFilter {
  state?: CaseState;
  limit: number;
  /** Keyset cursor: created_at and id of the last row of the previous page. */
  after?: { createdAt: string; id: string };
}

/**
 * One row of the case list. PostgreSQL builds the item's JSON itself (the API's field names, ISO
 * timestamps), so the server neither parses dates and columns into objects nor serialises them
 * back: the list page is the hottest read there is. Only the stage clock needs the regime's
 * calendar, which lives in code, so it comes apart and `item` carries `"clock":null`.
 */
export interface CaseListRow {
  id: string;
  regime_id: string;
  clock: StageClock | null;
  /** The item's JSON text. */
  item: string;
  /** created_at at full (microsecond) precision, for the keyset cursor: a Date would round it to milliseconds and skip rows. */
  cursor_at: string;
}

export async function listCases(q: Queryable, f: CaseListFilter, visibility: (p: (v: SqlParam) => string) => string | null): Promise<CaseListRow[]> {
  const { params, p } = paramList();
  const where: string[] = [];
  const vis = visibility(p);
  if (vis) where.push(vis);
  if (f.state) where.push(`c.state = ${p(f.state)}`);
  if (f.after) where.push(`(c.created_at, c.id) < (${p(f.after.createdAt)}::timestamptz, ${p(f.after.id)}::uuid)`);
  const sql = `SELECT c.id, c.regime_id, c.clock, to_json(c.created_at) #>> '{}' AS cursor_at,
      json_build_object('id', c.id, 'ref', c.ref, 'state', c.state, 'title', c.title, 'productName', c.product_name,
        'supplierName', (SELECT o.name FROM organisations o WHERE o.id = c.supplier_org_id), 'sector', c.sector, 'origin', c.origin,
        'outcome', c.outcome, 'clock', NULL, 'createdAt', c.created_at, 'updatedAt', c.updated_at)::text AS item
    FROM cases c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${p(f.limit)}`;
  return (await q.query<CaseListRow>(sql, params)).rows;
}

/** Everything a case page shows, in one query; the presenter drops what the viewer's role may not see. */
export interface CaseDetailRow extends LoadedCase {
  supplier_name: string | null;
  operator_name: string | null;
  assessor_name: string | null;
  association_name: string | null;
  timeline: { seq: number; at: string; type: string; actor: string | null; data: Record<string, unknown> }[];
  materials: { id: string; sha256: string; filename: string; media_type: string; size_bytes: number; kind: string; confidential: boolean; authenticity_statement: string; uploaded_at: string; uploaded_by: string }[];
  findings: { id: string; category: number; severity: string; title: string; description: string; method: string | null; status: string; recorded_at: string; recorded_by: string }[];
  opinions: { id: string; round: number; expert: string; recommendation: string; opinion: string; given_at: string }[];
  experts: { user_id: string; display_name: string }[];
  supplements: { id: string; request_text: string; requested_at: string; answered_at: string | null }[];
  /** Art. 7, 14: things the Office must act on (an assessor's accreditation suspended, a reassignment). */
  flags: { id: string; kind: string; detail: string; raised_at: string; resolved_at: string | null }[];
}

export async function loadCaseDetail(q: Queryable, idOrRef: string, actorUserId: string | null): Promise<CaseDetailRow | undefined> {
  const where = UUID.test(idOrRef) ? 'c.id = $1' : 'c.ref = $1';
  const sql = `${LOAD_SQL},
    (SELECT name FROM organisations WHERE id = c.supplier_org_id) AS supplier_name,
    (SELECT name FROM organisations WHERE id = c.operator_org_id) AS operator_name,
    (SELECT name FROM organisations WHERE id = c.assessor_org_id) AS assessor_name,
    (SELECT name FROM organisations WHERE id = c.association_org_id) AS association_name,
    COALESCE((SELECT json_agg(json_build_object('seq', a.seq, 'at', a.at, 'type', a.type,
        'actor', (SELECT display_name FROM users WHERE id = a.actor_user_id), 'data', (a.payload::json)->'data') ORDER BY a.seq)
      FROM audit_events a WHERE a.case_id = c.id AND a.type IN ('case.created', 'case.transitioned')), '[]') AS timeline,
    COALESCE((SELECT json_agg(json_build_object('id', m.id, 'sha256', m.sha256, 'filename', m.filename, 'media_type', m.media_type,
        'size_bytes', m.size_bytes, 'kind', m.kind, 'confidential', m.confidential, 'authenticity_statement', m.authenticity_statement,
        'uploaded_at', m.uploaded_at, 'uploaded_by', (SELECT display_name FROM users WHERE id = m.uploaded_by)) ORDER BY m.uploaded_at)
      FROM materials m WHERE m.case_id = c.id), '[]') AS materials,
    COALESCE((SELECT json_agg(json_build_object('id', f.id, 'category', f.category, 'severity', f.severity, 'title', f.title,
        'description', f.description, 'method', f.method, 'status', f.status, 'recorded_at', f.recorded_at,
        'recorded_by', (SELECT display_name FROM users WHERE id = f.recorded_by)) ORDER BY f.recorded_at)
      FROM findings f WHERE f.case_id = c.id), '[]') AS findings,
    COALESCE((SELECT json_agg(json_build_object('id', o.id, 'round', o.review_round, 'expert', (SELECT display_name FROM users WHERE id = o.expert_user_id),
        'recommendation', o.recommendation, 'opinion', o.opinion, 'given_at', o.given_at) ORDER BY o.given_at)
      FROM expert_opinions o WHERE o.case_id = c.id), '[]') AS opinions,
    COALESCE((SELECT json_agg(json_build_object('user_id', u.id, 'display_name', u.display_name) ORDER BY u.display_name)
      FROM case_members m JOIN users u ON u.id = m.user_id WHERE m.case_id = c.id AND m.role = 'expert'), '[]') AS experts,
    COALESCE((SELECT json_agg(json_build_object('id', s.id, 'request_text', s.request_text, 'requested_at', s.requested_at,
        'answered_at', s.answered_at) ORDER BY s.requested_at)
      FROM supplement_requests s WHERE s.case_id = c.id), '[]') AS supplements,
    COALESCE((SELECT json_agg(json_build_object('id', f.id, 'kind', f.kind, 'detail', f.detail, 'raised_at', f.raised_at, 'resolved_at', f.resolved_at) ORDER BY f.raised_at, f.id)
      FROM case_flags f WHERE f.case_id = c.id), '[]') AS flags
    FROM cases c WHERE ${where}`;
  return (await q.query<CaseDetailRow>(sql, [idOrRef, actorUserId])).rows[0];
}

export interface PublicRegisterRow {
  ref: string;
  title: string;
  product_name: string;
  product_version: string | null;
  supplier_name: string | null;
  outcome: Outcome;
  public_summary: string | null;
  released_at: Date;
  /** Approved and under continuing supervision (Art. 3). */
  under_supervision: boolean;
}

/** Art. 8, 13: what was released to the public, and nothing else. */
// A re-opened case keeps its release fields but has no outcome until decided again: not listed.
const PUBLIC_RELEASED = `c.released_at IS NOT NULL AND c.outcome IS NOT NULL AND c.release_scope->>'kind' = 'public'`;

export async function listPublicRegister(q: Queryable, limit: number, offset: number): Promise<{ rows: PublicRegisterRow[]; total: number }> {
  const r = await q.query<PublicRegisterRow>(
    `SELECT c.ref, c.title, c.product_name, c.product_version, (SELECT name FROM organisations WHERE id = c.supplier_org_id) AS supplier_name,
       c.outcome, c.public_summary, c.released_at, c.state = 'supervision' AS under_supervision
     FROM cases c WHERE ${PUBLIC_RELEASED} ORDER BY c.released_at DESC LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${PUBLIC_RELEASED}`)).rows[0]?.n ?? 0;
  return { rows: r.rows, total };
}
