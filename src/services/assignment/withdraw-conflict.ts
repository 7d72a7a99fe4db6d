import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';

/**
 * A declaration is withdrawn only by the Office (Art. 11): a party that could withdraw its own
 * declaration could make itself eligible again at will.
 */
export async function withdrawConflict(ctx: ActorContext, declarationId: string): Promise<{ withdrawn: true }> {
  authorizeRegistry(ctx.actor, 'conflict.list');
  if (ctx.actor.kind === 'user' && ctx.actor.orgKind !== 'review_office') throw new AppError('forbidden', 'only the Review Office withdraws a conflict declaration');
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query('UPDATE conflict_declarations SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL RETURNING id', [declarationId, at]);
    if (r.rowCount === 0) throw new AppError('not_found', 'No standing conflict declaration with this id');
    await appendAudit(tx, { type: 'conflict.withdrawn', actor: ctx.actor, at, subjectId: declarationId, data: { declarationId } });
    return { withdrawn: true as const };
  });
}
