import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const ResolveCaseFlagInput = Type.Object({ note: Type.String({ minLength: 1, maxLength: 4000, description: 'What the Office did about it' }) }, { additionalProperties: false });

/** The Office closes a flag it has dealt with otherwise than by a new draw (which settles flags itself). */
export async function resolveCaseFlag(ctx: ActorContext, loaded: LoadedCase | undefined, flagId: string, raw: unknown): Promise<{ resolved: true }> {
  const input = validateInput(ResolveCaseFlagInput, raw, '/body');
  authorizeCaseRegistry(ctx.actor, 'flag.resolve', loaded);
  const c = loaded!;
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ kind: string }>('UPDATE case_flags SET resolved_at = $3, resolved_by = $4 WHERE id = $1 AND case_id = $2 AND resolved_at IS NULL RETURNING kind', [flagId, c.id, at, actorUserId(ctx.actor)]);
    const flag = r.rows[0];
    if (!flag) throw new AppError('not_found', 'No open flag with this id on this case');
    await appendAudit(tx, { type: 'case.flag_resolved', actor: ctx.actor, at, caseId: c.id, subjectId: flagId, data: { flagId, kind: flag.kind, note: input.note } });
    return { resolved: true as const };
  });
}
