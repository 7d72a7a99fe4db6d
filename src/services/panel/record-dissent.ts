import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { lockPanel } from '../../db/repos/panels.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { authorizePanel } from '../../policies/index.ts';
import { scoresRevealed } from '../../domain/panel.ts';
import { validateInput } from '../validate.ts';
import { progress, requirePanel, requireSitting, requireUnsigned } from './panel-common.ts';

export const RecordDissentInput = Type.Object({ text: Type.String({ minLength: 1, maxLength: 20000, description: 'The dissenting opinion' }) }, { additionalProperties: false });

/**
 * A member who disagrees with the panel's result attaches a dissenting opinion; it is carried in
 * the signed comprehensive assessment. Only once the scores are open (one dissents from a result
 * one can see) and before signing.
 */
export async function recordDissent(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ dissentId: string }> {
  authorizePanel(ctx.actor, 'panel.dissent', loaded);
  const c = loaded!;
  const input = validateInput(RecordDissentInput, raw, '/body');
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const at = ctx.now();
  const dissentId = randomUUID();
  const dup = () => new AppError('conflict', 'you already recorded a dissenting opinion in this review round');
  try {
    return await ctx.db.transaction(async (tx) => {
      const panel = requirePanel(await lockPanel(tx, c.id, c.review_round), c);
      requireUnsigned(panel);
      requireSitting(panel, actor.userId);
      if (!scoresRevealed(progress(panel), at)) throw new AppError('guard_failed', 'the scores are still sealed; a dissent can be recorded once they are open', { guard: 'scores_revealed' });
      if (panel.dissents.some((d) => d.expert_user_id === actor.userId)) throw dup();
      await tx.query('INSERT INTO expert_dissents (id, panel_id, expert_user_id, text, recorded_at) VALUES ($1, $2, $3, $4, $5)', [dissentId, panel.id, actor.userId, input.text, at]);
      await appendAudit(tx, { type: 'panel.dissent_recorded', actor, at, caseId: c.id, subjectId: panel.id, data: { panelId: panel.id, dissentId } });
      return { dissentId };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw dup();
    throw e;
  }
}
