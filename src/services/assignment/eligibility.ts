/**
 * Who may assess a case (Art. 7, 11), as one SQL condition used both by the conditional update
 * that assigns (so a suspension or a new conflict can't slip between check and write) and by the
 * draw that lists the eligible; and, when the condition fails, the precise reasons why.
 */
import type { Queryable, SqlParam } from '../../db/db.ts';
import { paramList } from '../../db/repos/cases.ts';

/** Consulting for the supplier this recently (or ongoing) conflicts an assessor (Art. 11). */
export const CONSULTING_LOOKBACK = '2 years';

/**
 * An active accreditation, valid on `today`, whose scope covers the case's product category and
 * methods. `c` is the case row alias, `org` an SQL expression for the organisation id.
 */
export function accreditationCoversSql(org: string, c: string, today: string): string {
  return `EXISTS (SELECT 1 FROM accreditations ac WHERE ac.org_id = ${org} AND ac.status = 'active'
      AND ac.valid_from <= ${today}::date AND ac.valid_to >= ${today}::date
      AND (${c}.product_category IS NULL OR ${c}.product_category = ANY (ac.product_categories))
      AND ${c}.assessment_methods <@ ac.methods)`;
}

/** No conflict with the case's supplier (Art. 11): not the supplier, its group, its consultant, a declarant, or an expert's employer. */
export function assessorUnconflictedSql(org: string, c: string, today: string): string {
  return `${org} IS DISTINCT FROM ${c}.supplier_org_id
    AND NOT EXISTS (SELECT 1 FROM organisations ga JOIN organisations gs ON gs.id = ${c}.supplier_org_id
      WHERE ga.id = ${org} AND ga.group_name IS NOT NULL AND ga.group_name = gs.group_name)
    AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.withdrawn_at IS NULL AND d.counterpart_org_id = ${c}.supplier_org_id
      AND (d.declarant_org_id = ${org} OR d.declarant_user_id IN (SELECT du.id FROM users du WHERE du.org_id = ${org})))
    AND NOT EXISTS (SELECT 1 FROM consulting_engagements e WHERE e.consultant_org_id = ${org} AND e.client_org_id = ${c}.supplier_org_id
      AND e.started_on <= ${today}::date AND (e.ended_on IS NULL OR e.ended_on >= (${today}::date - interval '${CONSULTING_LOOKBACK}')::date))
    AND NOT EXISTS (SELECT 1 FROM case_members cm JOIN person_affiliations pa ON pa.user_id = cm.user_id
      WHERE cm.case_id = ${c}.id AND pa.org_id = ${org} AND pa.started_on <= ${today}::date AND (pa.ended_on IS NULL OR pa.ended_on >= ${today}::date))`;
}

export function assessorEligibleSql(org: string, c: string, today: string): string {
  return `EXISTS (SELECT 1 FROM organisations a WHERE a.id = ${org} AND a.kind = 'third_party_assessor')
    AND ${accreditationCoversSql(org, c, today)} AND ${assessorUnconflictedSql(org, c, today)}`;
}

/** An expert is barred while employed by the supplier or the assessor, or after declaring a conflict with either (Art. 11). */
export function expertUnconflictedSql(user: string, c: string, today: string): string {
  return `NOT EXISTS (SELECT 1 FROM person_affiliations pa WHERE pa.user_id = ${user} AND pa.org_id IN (${c}.supplier_org_id, ${c}.assessor_org_id)
      AND pa.started_on <= ${today}::date AND (pa.ended_on IS NULL OR pa.ended_on >= ${today}::date))
    AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.withdrawn_at IS NULL AND d.declarant_user_id = ${user}
      AND d.counterpart_org_id IN (${c}.supplier_org_id, ${c}.assessor_org_id))`;
}

/** The eligible assessors of a case, as the draw records them (ids only; sorting is the draw's). */
export async function listEligibleAssessors(q: Queryable, caseId: string, today: string): Promise<string[]> {
  const params: SqlParam[] = [caseId, today];
  const r = await q.query<{ id: string }>(
    `SELECT o.id FROM organisations o, cases c0 WHERE c0.id = $1 AND o.kind = 'third_party_assessor' AND ${assessorEligibleSql('o.id', 'c0', '$2')}`,
    params,
  );
  return r.rows.map((x) => x.id);
}

export interface Ineligibility {
  guard: 'accredited' | 'unconflicted';
  reason: string;
}

/** Why an organisation may not assess this case; empty when it may. One query. */
export async function assessorIneligibility(q: Queryable, orgId: string, caseId: string, today: string): Promise<Ineligibility[]> {
  const { params, p } = paramList();
  const org = p(orgId);
  const t = p(today);
  const r = await q.query<{
    accreditations: { status: string; valid_from: string; valid_to: string; product_categories: string[]; methods: string[] }[];
    product_category: string | null;
    assessment_methods: string[];
    is_supplier: boolean;
    same_group: string | null;
    declared: string | null;
    consulting: string | null;
    employs_expert: string | null;
  }>(
    `SELECT c0.product_category, c0.assessment_methods,
       COALESCE((SELECT json_agg(json_build_object('status', ac.status, 'valid_from', ac.valid_from::text, 'valid_to', ac.valid_to::text,
         'product_categories', ac.product_categories, 'methods', ac.methods) ORDER BY ac.valid_to DESC) FROM accreditations ac WHERE ac.org_id = ${org}), '[]') AS accreditations,
       ${org}::uuid = c0.supplier_org_id AS is_supplier,
       (SELECT ga.group_name FROM organisations ga JOIN organisations gs ON gs.id = c0.supplier_org_id WHERE ga.id = ${org} AND ga.group_name = gs.group_name) AS same_group,
       (SELECT d.reason FROM conflict_declarations d WHERE d.withdrawn_at IS NULL AND d.counterpart_org_id = c0.supplier_org_id
          AND (d.declarant_org_id = ${org} OR d.declarant_user_id IN (SELECT du.id FROM users du WHERE du.org_id = ${org})) LIMIT 1) AS declared,
       (SELECT e.description || ' (' || e.started_on::text || ' – ' || COALESCE(e.ended_on::text, 'ongoing') || ')' FROM consulting_engagements e
          WHERE e.consultant_org_id = ${org} AND e.client_org_id = c0.supplier_org_id AND e.started_on <= ${t}::date
          AND (e.ended_on IS NULL OR e.ended_on >= (${t}::date - interval '${CONSULTING_LOOKBACK}')::date) LIMIT 1) AS consulting,
       (SELECT u.display_name FROM case_members cm JOIN person_affiliations pa ON pa.user_id = cm.user_id JOIN users u ON u.id = cm.user_id
          WHERE cm.case_id = c0.id AND pa.org_id = ${org} AND pa.started_on <= ${t}::date AND (pa.ended_on IS NULL OR pa.ended_on >= ${t}::date) LIMIT 1) AS employs_expert
     FROM cases c0 WHERE c0.id = ${p(caseId)}`,
    params,
  );
  const row = r.rows[0];
  if (!row) return [];
  const out: Ineligibility[] = [];
  const valid = row.accreditations.filter((a) => a.valid_from <= today && a.valid_to >= today);
  const active = valid.filter((a) => a.status === 'active');
  if (row.accreditations.length === 0) out.push({ guard: 'accredited', reason: 'the organisation holds no accreditation (Art. 7)' });
  else if (valid.length === 0) out.push({ guard: 'accredited', reason: `no accreditation of the organisation is valid on ${today} (latest ran ${row.accreditations[0]!.valid_from} to ${row.accreditations[0]!.valid_to}) (Art. 7)` });
  else if (active.length === 0) out.push({ guard: 'accredited', reason: `the organisation's accreditation is ${valid[0]!.status} (Art. 7)` });
  else if (!active.some((a) => (row.product_category === null || a.product_categories.includes(row.product_category)) && row.assessment_methods.every((m) => a.methods.includes(m)))) {
    out.push({ guard: 'accredited', reason: `no active accreditation covers product category ${row.product_category ?? '(any)'} with methods ${row.assessment_methods.join(', ') || '(none)'} (Art. 7)` });
  }
  if (row.is_supplier) out.push({ guard: 'unconflicted', reason: 'the organisation is the supplier itself (Art. 11)' });
  if (row.same_group) out.push({ guard: 'unconflicted', reason: `the organisation is in the supplier's corporate group "${row.same_group}" (Art. 11)` });
  if (row.declared) out.push({ guard: 'unconflicted', reason: `a conflict with the supplier was declared: ${row.declared} (Art. 11)` });
  if (row.consulting) out.push({ guard: 'unconflicted', reason: `the organisation did consulting work for the supplier within ${CONSULTING_LOOKBACK}: ${row.consulting} (Art. 11)` });
  if (row.employs_expert) out.push({ guard: 'unconflicted', reason: `the organisation employs ${row.employs_expert}, an expert on this case's panel (Art. 11)` });
  return out;
}

/** A user proposed for a panel seat: who they are, and their Art. 11 conflict on the case if any. */
export interface ExpertSeatFacts {
  /** Null when no such user exists. */
  kind: string | null;
  disabled: boolean;
  conflict: string | null;
}

/** The row `expertSeatSql` yields for each proposed user. */
export interface ExpertSeatRow {
  user_id: string;
  kind: string | null;
  disabled: boolean | null;
  employer: string | null;
  declared: string | null;
}

/**
 * For panel formation outside `assign_expert`: who the users are (organisation kind, disabled)
 * and whether each is conflicted on the case (Art. 11) — employed by, or a declared conflict with,
 * the supplier or the assessor — as a SELECT a caller may also run as a CTE of its write.
 */
export function expertSeatSql(caseId: string, userIds: string, today: string): string {
  return `SELECT x.user_id, o.kind, u.disabled,
       (SELECT o2.name FROM person_affiliations pa JOIN organisations o2 ON o2.id = pa.org_id WHERE pa.user_id = x.user_id AND pa.org_id IN (c0.supplier_org_id, c0.assessor_org_id)
          AND pa.started_on <= ${today}::date AND (pa.ended_on IS NULL OR pa.ended_on >= ${today}::date) LIMIT 1) AS employer,
       (SELECT d.reason FROM conflict_declarations d WHERE d.withdrawn_at IS NULL AND d.declarant_user_id = x.user_id
          AND d.counterpart_org_id IN (c0.supplier_org_id, c0.assessor_org_id) LIMIT 1) AS declared
     FROM cases c0 CROSS JOIN unnest(${userIds}::uuid[]) AS x(user_id)
       LEFT JOIN users u ON u.id = x.user_id LEFT JOIN organisations o ON o.id = u.org_id
     WHERE c0.id = ${caseId}`;
}

/** A seat row as facts, the conflict worded as the refusal names it. */
export function seatFacts(row: ExpertSeatRow): ExpertSeatFacts {
  const conflict = row.employer
    ? `employed by ${row.employer}, the case's supplier or assessor (Art. 11)`
    : row.declared
      ? `declared a conflict with the case's supplier or assessor: ${row.declared} (Art. 11)`
      : null;
  return { kind: row.kind, disabled: row.disabled ?? false, conflict };
}

/** A user proposed for a panel seat: who they are, and their Art. 11 conflict on the case if any. */
export interface ExpertSeatFacts {
  /** Null when no such user exists. */
  kind: string | null;
  disabled: boolean;
  conflict: string | null;
}

export async function expertSeatFacts(q: Queryable, caseId: string, userIds: readonly string[], today: string): Promise<Map<string, ExpertSeatFacts>> {
  const r = await q.query<ExpertSeatRow>(expertSeatSql('$1', '$2', '$3'), [caseId, [...userIds], today]);
  return new Map(r.rows.map((row) => [row.user_id, seatFacts(row)]));
}

/** The conflicted among `userIds`, with the reason (see `expertSeatFacts`). */
export async function expertConflicts(q: Queryable, caseId: string, userIds: readonly string[], today: string): Promise<Map<string, string>> {
  const facts = await expertSeatFacts(q, caseId, userIds, today);
  return new Map([...facts].flatMap(([id, f]) => (f.conflict ? [[id, f.conflict] as const] : [])));
}
