import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { lockPanel } from '../../db/repos/panels.ts';
import { writeWithAudit } from '../../audit/with-audit.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { authorizePanel } from '../../policies/index.ts';
import { scoreSheetProblems } from '../../domain/panel.ts';
import { validateInput } from '../validate.ts';
import { PANEL_STATES, inStates, panelRules, requirePanel, requireSitting, requireUnsigned } from './panel-common.ts';

export const SubmitScoresInput = Type.Object(
  {
    categoryScores: Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.Number(), { description: 'Risk score per Art. 4 category ("1"–"5"), on the regime’s scale' }),
    trustworthiness: Type.Number({ description: 'The supplier’s security and trustworthiness, on the regime’s scale' }),
    rationale: Type.Optional(Type.String({ maxLength: 20000 })),
  },
  { additionalProperties: false },
);
export type SubmitScoresInput = Static<typeof SubmitScoresInput>;

/**
 * Art. 6: each sitting expert scores every Art. 4 category and the supplier's trustworthiness,
 * once per round, independently: the sheet is sealed (see `getPanel`) until every sitting member
 * has scored or the deadline passed, and a sheet cannot be changed once submitted.
 */
export async function submitScores(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ sheetId: string; submittedAt: Date }> {
  authorizePanel(ctx.actor, 'panel.score', loaded);
  const c = loaded!;
  const input = validateInput(SubmitScoresInput, raw, '/body');
  const rules = panelRules(c);
  const problems = scoreSheetProblems({ categoryScores: input.categoryScores, trustworthiness: input.trustworthiness }, rules);
  if (problems.length) throw new AppError('validation_failed', problems.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: problems });
  inStates(c.state, PANEL_STATES.score, 'scoring');
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const at = ctx.now();
  const sheetId = randomUUID();
  try {
    return await ctx.db.transaction(async (tx) => {
      const panel = requirePanel(await lockPanel(tx, c.id, c.review_round), c);
      requireUnsigned(panel);
      const m = requireSitting(panel, actor.userId);
      if (m.scored) throw duplicate();
      if (at.getTime() >= panel.scoring_deadline.getTime()) {
        throw new AppError('guard_failed', `the scoring deadline passed at ${panel.scoring_deadline.toISOString()}; the sealed scores are open and a late sheet would not be independent`, { guard: 'before_deadline' });
      }
      const scores = Object.fromEntries(Object.keys(input.categoryScores).sort().map((k) => [k, input.categoryScores[k]!]));
      await writeWithAudit(
        tx,
        (p) => `INSERT INTO expert_score_sheets (id, panel_id, expert_user_id, category_scores, trustworthiness, rationale, submitted_at)
          VALUES (${p(sheetId)}, ${p(panel.id)}, ${p(actor.userId)}, ${p(JSON.stringify(scores))}, ${p(input.trustworthiness)}, ${p(input.rationale ?? '')}, ${p(at)}) RETURNING id`,
        { type: 'panel.scores_submitted', actor, at, caseId: c.id, subjectId: panel.id, data: { panelId: panel.id, sheetId } },
      );
      return { sheetId, submittedAt: at };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}

const duplicate = () => new AppError('conflict', 'you already scored in this review round; a score sheet is final and cannot be submitted twice');
