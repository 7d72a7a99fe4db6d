import type { Queryable } from '../db.ts';
import type { FindingStatus } from '../../assessment/finding-status.ts';

export interface FindingRow {
  id: string;
  case_id: string;
  category: number;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  title: string;
  description: string;
  method: string | null;
  status: FindingStatus;
  status_changed_at: Date | null;
  activity_id: string | null;
  evidence_id: string | null;
  source: Record<string, unknown> | null;
  recorded_by: string;
  recorded_by_name: string | null;
  recorded_at: Date;
  clauses: { catalogue_id: string; clause_id: string; label: string | null; title: string; title_zh: string | null }[];
}

export const FINDING_SELECT = `SELECT f.id, f.case_id, f.category, f.severity, f.title, f.description, f.method, f.status, f.status_changed_at,
    f.activity_id, f.evidence_id, f.source, f.recorded_by, (SELECT display_name FROM users WHERE id = f.recorded_by) AS recorded_by_name, f.recorded_at,
    COALESCE((SELECT json_agg(json_build_object('catalogue_id', fc.catalogue_id, 'clause_id', fc.clause_id, 'label', cc.label, 'title', cc.title, 'title_zh', cc.title_zh)
        ORDER BY fc.catalogue_id, cc.ord)
      FROM finding_clauses fc JOIN catalogue_clauses cc ON cc.catalogue_id = fc.catalogue_id AND cc.clause_id = fc.clause_id
      WHERE fc.finding_id = f.id), '[]') AS clauses
  FROM findings f`;

export async function listFindings(q: Queryable, caseId: string, statuses?: readonly FindingStatus[]): Promise<FindingRow[]> {
  const params: unknown[] = [caseId];
  let where = 'f.case_id = $1';
  if (statuses?.length) {
    params.push(JSON.stringify(statuses));
    where += ' AND f.status IN (SELECT jsonb_array_elements_text($2::jsonb))';
  }
  return (await q.query<FindingRow>(`${FINDING_SELECT} WHERE ${where} ORDER BY f.recorded_at, (f.source->>'runIndex')::int NULLS FIRST, (f.source->>'resultIndex')::int NULLS FIRST, f.id`, params as string[])).rows;
}

export async function findFinding(q: Queryable, caseId: string, id: string): Promise<FindingRow | undefined> {
  return (await q.query<FindingRow>(`${FINDING_SELECT} WHERE f.case_id = $1 AND f.id = $2`, [caseId, id])).rows[0];
}

export interface StatusChangeRow {
  id: string;
  from_status: FindingStatus;
  to_status: FindingStatus;
  reason: string;
  changed_by: string;
  changed_by_name: string | null;
  changed_at: Date;
}

export async function findingHistory(q: Queryable, findingId: string): Promise<StatusChangeRow[]> {
  return (
    await q.query<StatusChangeRow>(
      `SELECT s.id, s.from_status, s.to_status, s.reason, s.changed_by, u.display_name AS changed_by_name, s.changed_at
       FROM finding_status_changes s LEFT JOIN users u ON u.id = s.changed_by WHERE s.finding_id = $1 ORDER BY s.changed_at, s.id`,
      [findingId],
    )
  ).rows;
}
