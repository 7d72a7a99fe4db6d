import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { ViolationChange } from '../../domain/complaints.ts';
import { allowedFrom, VIOLATION_CHANGES } from '../../domain/complaints.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const ChangeViolationInput = Type.Object(
  {
    action: Type.Union((Object.keys(VIOLATION_CHANGES) as ViolationChange[]).map((a) => Type.Literal(a))),
    note: Type.String({ minLength: 1, maxLength: 4000, description: 'The penalty imposed, or why the record is closed' }),
  },
  { additionalProperties: false },
);

export async function changeViolationStatus(ctx: ActorContext, violationId: string, raw: unknown): Promise<{ status: string }> {
  const input = validateInput(ChangeViolationInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'violation.record');
  const change = VIOLATION_CHANGES[input.action];
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const v = (await tx.query<{ id: string; status: string; case_id: string | null }>('SELECT id, status, case_id FROM violations WHERE id = $1 FOR UPDATE', [violationId])).rows[0];
    if (!v) throw new AppError('not_found', 'No such violation record');
    if (!allowedFrom(change.from, v.status)) throw new AppError('illegal_status_change', `cannot ${input.action} a violation record that is ${v.status}`, { status: v.status });
    await tx.query(`UPDATE violations SET status = $2, penalty = CASE WHEN $3 THEN $4 ELSE penalty END, updated_at = $5, version = version + 1 WHERE id = $1`, [v.id, change.to, input.action === 'penalise', input.note, at]);
    await appendAudit(tx, { type: 'violation.status_changed', actor: ctx.actor, at, caseId: v.case_id, subjectId: v.id, data: { violationId: v.id, from: v.status, to: change.to, note: input.note } });
    return { status: change.to };
  });
}
