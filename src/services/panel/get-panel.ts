import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { ScoreSheetRow } from '../../db/repos/panels.ts';
import { loadPanel } from '../../db/repos/panels.ts';
import { authorizePanel, panelAbilities } from '../../policies/index.ts';
import type { PanelAbility } from '../../policies/index.ts';
import type { PanelAggregates } from '../../domain/panel.ts';
import { aggregateSheets, scoresRevealed, signingBlocker } from '../../domain/panel.ts';
import type { Signature } from '../../signing/envelope.ts';
import { panelRules, progress, requirePanel } from './panel-common.ts';

export interface PanelView {
  id: string;
  reviewRound: number;
  quorum: number;
  scoringDeadline: Date;
  members: { userId: string; displayName: string; proposedAt: Date; recused: boolean; recusedAt: Date | null; recusalReason: string | null; scored: boolean }[];
  sitting: number;
  scored: number;
  /** False while sealed: then `sheets` holds only the viewer's own sheet and there are no aggregates or dissents. */
  revealed: boolean;
  sheets: { id: string; expertUserId: string; categoryScores: Record<string, number>; trustworthiness: number; rationale: string; submittedAt: Date }[];
  aggregates: PanelAggregates | null;
  dissents: { id: string; expertUserId: string; text: string; recordedAt: Date }[] | null;
  signingBlocker: string | null;
  assessment: { body: unknown; signature: Signature } | null;
  abilities: Record<PanelAbility, boolean>;
}

const sheetView = (s: ScoreSheetRow) => ({ id: s.id, expertUserId: s.expert_user_id, categoryScores: s.category_scores, trustworthiness: s.trustworthiness, rationale: s.rationale, submittedAt: s.submitted_at });

/**
 * The panel as the viewer may see it. Independence (Art. 6) is enforced here, not in the UI:
 * until every sitting member has scored or the deadline passed, nobody — other experts, the
 * Office — sees anyone's scores but their own.
 */
export async function getPanel(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<PanelView> {
  authorizePanel(ctx.actor, 'panel.read', loaded);
  const c = loaded!;
  const rules = panelRules(c);
  const panel = requirePanel(await loadPanel(ctx.db, c.id, c.review_round), c);
  const now = ctx.now();
  const prog = progress(panel);
  const revealed = scoresRevealed(prog, now);
  const me = actorUserId(ctx.actor);
  const sitting = new Set(panel.members.filter((m) => !m.recused_at).map((m) => m.user_id));
  const counted = panel.sheets.filter((s) => sitting.has(s.expert_user_id));
  return {
    id: panel.id,
    reviewRound: panel.review_round,
    quorum: panel.quorum,
    scoringDeadline: panel.scoring_deadline,
    members: panel.members.map((m) => ({ userId: m.user_id, displayName: m.display_name, proposedAt: m.proposed_at, recused: m.recused_at !== null, recusedAt: m.recused_at, recusalReason: m.recusal_reason, scored: m.scored })),
    sitting: prog.sitting,
    scored: prog.scored,
    revealed,
    sheets: (revealed ? panel.sheets : panel.sheets.filter((s) => s.expert_user_id === me)).map(sheetView),
    aggregates: revealed && counted.length > 0 ? aggregateSheets(counted.map((s) => ({ expertUserId: s.expert_user_id, categoryScores: s.category_scores, trustworthiness: s.trustworthiness })), rules) : null,
    dissents: revealed ? panel.dissents.map((d) => ({ id: d.id, expertUserId: d.expert_user_id, text: d.text, recordedAt: d.recorded_at })) : null,
    signingBlocker: panel.assessment ? null : signingBlocker(prog, panel.quorum, now),
    assessment: panel.assessment ? { body: JSON.parse(panel.assessment.body) as unknown, signature: JSON.parse(panel.assessment.signature) as Signature } : null,
    abilities: panelAbilities(ctx.actor, c),
  };
}
