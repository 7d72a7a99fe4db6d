import { randomUUID } from 'node:crypto';
import type { Queryable, Tx } from '../db.ts';
import type { AccreditationStatus, CaseFlagKind } from '../../domain/accreditation.ts';

export interface AccreditationRow {
  id: string;
  org_id: string;
  org_name: string;
  product_categories: string[];
  methods: string[];
  valid_from: string;
  valid_to: string;
  status: AccreditationStatus;
  granted_at: Date;
  updated_at: Date;
  version: number;
  history: { action: string; from: string | null; to: string; reason: string; by: string | null; at: string }[];
}

export interface NewAccreditation {
  orgId: string;
  productCategories: readonly string[];
  methods: readonly string[];
  validFrom: string;
  validTo: string;
  reason: string;
  byUserId: string | null;
  at: Date;
}

export async function insertAccreditation(tx: Tx, a: NewAccreditation): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `WITH a AS (INSERT INTO accreditations (id, org_id, product_categories, methods, valid_from, valid_to, status, granted_by, granted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $8) RETURNING id)
     INSERT INTO accreditation_events (id, accreditation_id, action, from_status, to_status, reason, actor_user_id, at)
       SELECT $9, a.id, 'grant', NULL, 'active', $10, $7, $8 FROM a`,
    [id, a.orgId, [...a.productCategories], [...a.methods], a.validFrom, a.validTo, a.byUserId, a.at, randomUUID(), a.reason],
  );
  return id;
}

const SELECT = `SELECT a.id, a.org_id, o.name AS org_name, a.product_categories, a.methods, a.valid_from::text, a.valid_to::text, a.status,
    a.granted_at, a.updated_at, a.version,
    COALESCE((SELECT json_agg(json_build_object('action', e.action, 'from', e.from_status, 'to', e.to_status, 'reason', e.reason,
      'by', (SELECT display_name FROM users WHERE id = e.actor_user_id), 'at', e.at) ORDER BY e.at, e.id)
      FROM accreditation_events e WHERE e.accreditation_id = a.id), '[]') AS history
  FROM accreditations a JOIN organisations o ON o.id = a.org_id`;

export async function listAccreditations(q: Queryable, orgId: string | null): Promise<AccreditationRow[]> {
  return (await q.query<AccreditationRow>(`${SELECT} WHERE $1::uuid IS NULL OR a.org_id = $1 ORDER BY o.name, a.valid_to DESC`, [orgId])).rows;
}

export async function lockAccreditation(tx: Tx, id: string): Promise<AccreditationRow | undefined> {
  return (await tx.query<AccreditationRow>(`${SELECT} WHERE a.id = $1 FOR UPDATE OF a`, [id])).rows[0];
}

export async function setAccreditationStatus(tx: Tx, id: string, action: string, from: AccreditationStatus, to: AccreditationStatus, reason: string, byUserId: string | null, at: Date): Promise<void> {
  await tx.query(
    `WITH u AS (UPDATE accreditations SET status = $3, updated_at = $6, version = version + 1 WHERE id = $1 AND status = $2 RETURNING id)
     INSERT INTO accreditation_events (id, accreditation_id, action, from_status, to_status, reason, actor_user_id, at)
       SELECT $7, u.id, $4, $2, $3, $5, $8, $6 FROM u`,
    [id, from, to, action, reason, at, randomUUID(), byUserId],
  );
}

/** Flags, once per case and kind while unresolved, every open case the organisation assesses. */
export async function flagOpenCasesOf(tx: Tx, orgId: string, openStates: readonly string[], kind: CaseFlagKind, detail: string, sourceId: string, byUserId: string | null, at: Date): Promise<{ flag_id: string; case_id: string }[]> {
  const r = await tx.query<{ flag_id: string; case_id: string }>(
    `INSERT INTO case_flags (id, case_id, kind, detail, source_id, raised_at, raised_by)
       SELECT gen_random_uuid(), c.id, $3, $4, $5, $6, $7 FROM cases c
       WHERE c.assessor_org_id = $1 AND c.state = ANY ($2::text[])
         AND NOT EXISTS (SELECT 1 FROM case_flags f WHERE f.case_id = c.id AND f.kind = $3 AND f.resolved_at IS NULL)
     RETURNING id AS flag_id, case_id`,
    [orgId, [...openStates], kind, detail, sourceId, at, byUserId],
  );
  return r.rows;
}

export interface CaseFlagRow {
  id: string;
  case_id: string;
  kind: CaseFlagKind;
  detail: string;
  source_id: string | null;
  raised_at: Date;
  resolved_at: Date | null;
}

export async function listCaseFlags(q: Queryable, caseId: string): Promise<CaseFlagRow[]> {
  return (await q.query<CaseFlagRow>('SELECT id, case_id, kind, detail, source_id, raised_at, resolved_at FROM case_flags WHERE case_id = $1 ORDER BY raised_at, id', [caseId])).rows;
}

export interface AccreditationSummary {
  /** Holds an active accreditation valid today. */
  activeToday: boolean;
  statuses: string[];
  validTo: string | null;
}

/** Per organisation: whether any accreditation is active today, and the latest end date. */
export async function accreditationSummaries(q: Queryable, today: string): Promise<Map<string, AccreditationSummary>> {
  const r = await q.query<{ org_id: string; active_today: boolean; statuses: string[]; valid_to: string | null }>(
    `SELECT org_id, bool_or(status = 'active' AND valid_from <= $1::date AND valid_to >= $1::date) AS active_today,
       array_agg(DISTINCT status) AS statuses, max(valid_to)::text AS valid_to
     FROM accreditations GROUP BY org_id`,
    [today],
  );
  return new Map(r.rows.map((x) => [x.org_id, { activeToday: x.active_today, statuses: x.statuses, validTo: x.valid_to }]));
}
