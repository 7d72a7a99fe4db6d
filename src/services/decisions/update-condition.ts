import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { authorizePanel } from '../../policies/index.ts';
import { validateInput } from '../validate.ts';
import type { ConditionStatus } from './condition-status.ts';
import { CONDITION_TRANSITIONS, conditionStepAllowed } from './condition-status.ts';

export const UpdateConditionInput = Type.Object(
  {
    status: Type.Union((['met', 'overdue', 'waived'] as const).map((s) => Type.Literal(s))),
    note: Type.String({ minLength: 1, maxLength: 4000, description: 'Why: the evidence it was met, or the reason it is waived' }),
  },
  { additionalProperties: false },
);

/** The Office records a condition as met, overdue or waived (Art. 3 supervision of an approved product); each step is kept in its history. */
export async function updateCondition(ctx: ActorContext, loaded: LoadedCase | undefined, conditionId: string, raw: unknown): Promise<{ id: string; status: ConditionStatus }> {
  authorizePanel(ctx.actor, 'condition.update', loaded);
  const c = loaded!;
  const input = validateInput(UpdateConditionInput, raw, '/body');
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const cur = (await tx.query<{ status: ConditionStatus }>('SELECT status FROM decision_conditions WHERE id = $1 AND case_id = $2 FOR UPDATE', [conditionId, c.id])).rows[0];
    if (!cur) throw new AppError('not_found', 'No such condition on this case');
    if (!conditionStepAllowed(cur.status, input.status)) {
      throw new AppError('illegal_transition', `a condition that is ${cur.status} cannot become ${input.status}`, { state: cur.status, legalActions: [...CONDITION_TRANSITIONS[cur.status]] });
    }
    await tx.query('UPDATE decision_conditions SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1', [conditionId, input.status, at]);
    await tx.query('INSERT INTO decision_condition_events (id, condition_id, from_status, to_status, note, actor_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      randomUUID(), conditionId, cur.status, input.status, input.note, actor.userId, at,
    ]);
    await appendAudit(tx, { type: 'decision.condition_status_changed', actor, at, caseId: c.id, subjectId: conditionId, data: { conditionId, from: cur.status, to: input.status, note: input.note } });
    return { id: conditionId, status: input.status };
  });
}
