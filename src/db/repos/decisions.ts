import type { Queryable } from '../db.ts';

export interface DecisionReasonRow {
  position: number;
  articles: string[];
  text: string;
}

export interface DecisionConditionRow {
  id: string;
  position: number;
  text: string;
  owner_org_id: string;
  owner_name: string;
  due_date: string;
  status: 'open' | 'met' | 'overdue' | 'waived';
  history: { from: string | null; to: string; note: string; at: string; actor: string | null }[];
}

export async function loadDecisionDetail(q: Queryable, caseId: string, reviewRound: number): Promise<{ reasons: DecisionReasonRow[]; conditions: DecisionConditionRow[] }> {
  const r = await q.query<{ reasons: DecisionReasonRow[]; conditions: DecisionConditionRow[] }>(
    `SELECT
       COALESCE((SELECT json_agg(json_build_object('position', r.position, 'articles', r.articles, 'text', r.text) ORDER BY r.position)
         FROM decision_reasons r WHERE r.case_id = $1 AND r.review_round = $2), '[]') AS reasons,
       COALESCE((SELECT json_agg(json_build_object('id', d.id, 'position', d.position, 'text', d.text, 'owner_org_id', d.owner_org_id,
           'owner_name', (SELECT name FROM organisations WHERE id = d.owner_org_id), 'due_date', d.due_date::text, 'status', d.status,
           'history', COALESCE((SELECT json_agg(json_build_object('from', e.from_status, 'to', e.to_status, 'note', e.note, 'at', e.at,
               'actor', (SELECT display_name FROM users WHERE id = e.actor_user_id)) ORDER BY e.seq)
             FROM decision_condition_events e WHERE e.condition_id = d.id), '[]')) ORDER BY d.position)
         FROM decision_conditions d WHERE d.case_id = $1 AND d.review_round = $2), '[]') AS conditions`,
    [caseId, reviewRound],
  );
  return r.rows[0]!;
}
