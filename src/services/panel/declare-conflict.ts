import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { lockPanel } from '../../db/repos/panels.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { authorizePanel } from '../../policies/index.ts';
import { validateInput } from '../validate.ts';
import { memberOf, requirePanel, requireUnsigned } from './panel-common.ts';

export const DeclareConflictInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 4000, description: 'The conflict of interest' }) }, { additionalProperties: false });

/**
 * An expert who finds a conflict of interest declares it and is recused (Art. 6, and the
 * objectivity Art. 11 asks of the review). A recused expert cannot score; a sheet already in
 * cannot be withdrawn by a late recusal — the Office must see it and re-compose the panel.
 */
export async function declareConflict(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ recusedAt: Date }> {
  authorizePanel(ctx.actor, 'panel.declare_conflict', loaded);
  const c = loaded!;
  const input = validateInput(DeclareConflictInput, raw, '/body');
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const panel = requirePanel(await lockPanel(tx, c.id, c.review_round), c);
    requireUnsigned(panel);
    const m = memberOf(panel, actor.userId);
    if (m.recused_at) throw new AppError('conflict', `you were already recused on ${m.recused_at.toISOString()}`);
    if (m.scored) throw new AppError('guard_failed', 'you have already scored; tell the Office, which decides whether the panel must be re-composed', { guard: 'not_scored' });
    await tx.query('UPDATE expert_panel_members SET recused_at = $3, recusal_reason = $4 WHERE panel_id = $1 AND user_id = $2', [panel.id, actor.userId, at, input.reason]);
    await appendAudit(tx, { type: 'panel.member_recused', actor, at, caseId: c.id, subjectId: panel.id, data: { panelId: panel.id, expertUserId: actor.userId, reason: input.reason } });
    return { recusedAt: at };
  });
}
