import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { DecisionConditionRow, DecisionReasonRow } from '../../db/repos/decisions.ts';
import { loadDecisionDetail } from '../../db/repos/decisions.ts';
import { authorizePanel, canOnCase } from '../../policies/index.ts';

export interface DecisionView {
  outcome: string | null;
  text: string | null;
  reviewRound: number;
  reasons: DecisionReasonRow[];
  conditions: DecisionConditionRow[];
  /** What the viewer may do here, so the UI never re-derives it. */
  abilities: { 'condition.update': boolean };
}

/** The decision of the current round with its reasons and conditions (and each condition's history). */
export async function getDecision(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<DecisionView> {
  const roles = authorizePanel(ctx.actor, 'decision.read', loaded);
  const c = loaded!;
  const d = await loadDecisionDetail(ctx.db, c.id, c.review_round);
  return { outcome: c.outcome, text: c.decision_text, reviewRound: c.review_round, ...d, abilities: { 'condition.update': canOnCase(roles, 'condition.update') } };
}
