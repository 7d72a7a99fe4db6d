import type { Queryable, Tx } from '../db.ts';

export interface PanelRow {
  id: string;
  case_id: string;
  review_round: number;
  quorum: number;
  scoring_deadline: Date;
  formed_by: string;
  formed_at: Date;
}

export interface PanelMemberRow {
  user_id: string;
  display_name: string;
  proposed_at: Date;
  recused_at: Date | null;
  recusal_reason: string | null;
  scored: boolean;
}

export interface ScoreSheetRow {
  id: string;
  expert_user_id: string;
  category_scores: Record<string, number>;
  trustworthiness: number;
  rationale: string;
  submitted_at: Date;
}

export interface DissentRow {
  id: string;
  expert_user_id: string;
  text: string;
  recorded_at: Date;
}

export interface AssessmentRow {
  body: string;
  key_id: string;
  signature: string;
  signed_at: Date;
  signed_by: string;
}

/** A panel with everything about it, in one query. Scores are returned here; what a viewer sees of them is the service's decision. */
export interface PanelDetail extends PanelRow {
  members: PanelMemberRow[];
  sheets: ScoreSheetRow[];
  dissents: DissentRow[];
  assessment: AssessmentRow | null;
}

export async function loadPanel(q: Queryable, caseId: string, reviewRound: number, opts: { forUpdate?: boolean } = {}): Promise<PanelDetail | undefined> {
  const r = await q.query<PanelDetail>(
    `SELECT p.*,
       COALESCE((SELECT json_agg(json_build_object('user_id', m.user_id, 'display_name', u.display_name, 'proposed_at', m.proposed_at,
           'recused_at', m.recused_at, 'recusal_reason', m.recusal_reason,
           'scored', EXISTS (SELECT 1 FROM expert_score_sheets s WHERE s.panel_id = p.id AND s.expert_user_id = m.user_id)) ORDER BY m.proposed_at, m.user_id)
         FROM expert_panel_members m JOIN users u ON u.id = m.user_id WHERE m.panel_id = p.id), '[]') AS members,
       COALESCE((SELECT json_agg(json_build_object('id', s.id, 'expert_user_id', s.expert_user_id, 'category_scores', s.category_scores,
           'trustworthiness', s.trustworthiness, 'rationale', s.rationale, 'submitted_at', s.submitted_at) ORDER BY s.submitted_at, s.id)
         FROM expert_score_sheets s WHERE s.panel_id = p.id), '[]') AS sheets,
       COALESCE((SELECT json_agg(json_build_object('id', d.id, 'expert_user_id', d.expert_user_id, 'text', d.text, 'recorded_at', d.recorded_at) ORDER BY d.recorded_at, d.id)
         FROM expert_dissents d WHERE d.panel_id = p.id), '[]') AS dissents,
       (SELECT json_build_object('body', a.body, 'key_id', a.key_id, 'signature', a.signature, 'signed_at', a.signed_at, 'signed_by', a.signed_by)
         FROM comprehensive_assessments a WHERE a.panel_id = p.id) AS assessment
     FROM expert_panels p WHERE p.case_id = $1 AND p.review_round = $2${opts.forUpdate ? ' FOR UPDATE OF p' : ''}`,
    [caseId, reviewRound],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  // json_build_object gives timestamps as text and numerics as numbers.
  return {
    ...row,
    scoring_deadline: new Date(row.scoring_deadline),
    members: row.members.map((m) => ({ ...m, proposed_at: new Date(m.proposed_at), recused_at: m.recused_at ? new Date(m.recused_at) : null })),
    sheets: row.sheets.map((s) => ({ ...s, trustworthiness: Number(s.trustworthiness), submitted_at: new Date(s.submitted_at) })),
    dissents: row.dissents.map((d) => ({ ...d, recorded_at: new Date(d.recorded_at) })),
    assessment: row.assessment ? { ...row.assessment, signed_at: new Date(row.assessment.signed_at) } : null,
  };
}

/** Locks the panel row: writes to one panel are serialized (recusal vs scoring vs signing). */
export async function lockPanel(tx: Tx, caseId: string, reviewRound: number): Promise<PanelDetail | undefined> {
  return loadPanel(tx, caseId, reviewRound, { forUpdate: true });
}
