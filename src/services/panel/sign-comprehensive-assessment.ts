import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { PanelDetail } from '../../db/repos/panels.ts';
import { lockPanel } from '../../db/repos/panels.ts';
import { canonicalJson } from '../../audit/log.ts';
import { writeWithAudit } from '../../audit/with-audit.ts';
import { AppError } from '../../errors.ts';
import { authorizePanel } from '../../policies/index.ts';
import type { PanelAggregates } from '../../domain/panel.ts';
import { aggregateSheets, signingBlocker } from '../../domain/panel.ts';
import type { PanelRules } from '../../regime/types.ts';
import { keyDirFor, signingKey } from '../../signing/keys.ts';
import type { Signature } from '../../signing/envelope.ts';
import { sha256Hex, signContent } from '../../signing/envelope.ts';
import { PANEL_STATES, inStates, panelRules, progress, requirePanel, requireUnsigned } from './panel-common.ts';

export interface ComprehensiveAssessment {
  schema: 'netreview.comprehensive-assessment/v1';
  caseId: string;
  ref: string;
  regimeId: string;
  reviewRound: number;
  panelId: string;
  quorum: number;
  scoringDeadline: string;
  members: { expertUserId: string; recused: boolean; recusalReason: string | null; scored: boolean }[];
  aggregates: PanelAggregates;
  dissents: { expertUserId: string; text: string }[];
  signedAt: string;
}

export function assessmentBody(c: LoadedCase, p: PanelDetail, rules: PanelRules, at: Date): ComprehensiveAssessment {
  const sitting = new Set(p.members.filter((m) => !m.recused_at).map((m) => m.user_id));
  const sheets = p.sheets.filter((s) => sitting.has(s.expert_user_id)).map((s) => ({ expertUserId: s.expert_user_id, categoryScores: s.category_scores, trustworthiness: s.trustworthiness }));
  return {
    schema: 'netreview.comprehensive-assessment/v1',
    caseId: c.id,
    ref: c.ref,
    regimeId: c.regime_id,
    reviewRound: c.review_round,
    panelId: p.id,
    quorum: p.quorum,
    scoringDeadline: p.scoring_deadline.toISOString(),
    members: p.members.map((m) => ({ expertUserId: m.user_id, recused: m.recused_at !== null, recusalReason: m.recusal_reason, scored: m.scored })),
    aggregates: aggregateSheets(sheets, rules),
    dissents: p.dissents.map((d) => ({ expertUserId: d.expert_user_id, text: d.text })),
    signedAt: at.toISOString(),
  };
}

/**
 * Art. 6: the panel's comprehensive assessment — aggregated scores, dispersion flags and dissents —
 * sealed with the Experts Committee's Ed25519 key once a quorum has scored and the scores are open.
 * The decision of a case with a panel rests on this (the `allOpinionsIn` guard).
 */
export async function signComprehensiveAssessment(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<{ body: ComprehensiveAssessment; signature: Signature }> {
  authorizePanel(ctx.actor, 'panel.sign', loaded);
  const c = loaded!;
  inStates(c.state, PANEL_STATES.score, 'signing the comprehensive assessment');
  const rules = panelRules(c);
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const at = ctx.now();
  const key = signingKey(keyDirFor(ctx.blobDir), 'experts_committee');
  return ctx.db.transaction(async (tx) => {
    const panel = requirePanel(await lockPanel(tx, c.id, c.review_round), c);
    requireUnsigned(panel);
    const blocker = signingBlocker(progress(panel), panel.quorum, at);
    if (blocker) throw new AppError('guard_failed', `the comprehensive assessment cannot be signed yet: ${blocker}`, { guard: 'panel_quorum' });
    const body = assessmentBody(c, panel, rules, at);
    const text = canonicalJson(body);
    const signature = signContent(text, key, 'assessment', at);
    await writeWithAudit(tx, (p) => `INSERT INTO comprehensive_assessments (panel_id, case_id, review_round, body, key_id, signature, signed_at, signed_by)
      VALUES (${[panel.id, c.id, c.review_round, text, key.keyId, canonicalJson(signature), at, actor.userId].map(p).join(', ')}) RETURNING panel_id`, {
      type: 'panel.assessment_signed',
      actor,
      at,
      caseId: c.id,
      subjectId: panel.id,
      data: { panelId: panel.id, keyId: key.keyId, bodySha256: sha256Hex(text), scored: body.aggregates.trustworthiness.n, dispersedCategories: body.aggregates.dispersedCategories },
    });
    return { body, signature };
  });
}
