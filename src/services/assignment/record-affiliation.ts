import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput, DaySchema } from '../validate.ts';


export const RecordAffiliationInput = Type.Object(
  {
    userId: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    role: Type.String({ minLength: 1, maxLength: 200, description: 'Position held (employee, adviser, board member…)' }),
    startedOn: DaySchema,
    endedOn: Type.Optional(DaySchema),
  },
  { additionalProperties: false },
);

/** Art. 11: where an expert works; while employed by a case's supplier or assessor they can't sit on its panel. */
export async function recordAffiliation(ctx: ActorContext, raw: unknown): Promise<{ id: string }> {
  const input = validateInput(RecordAffiliationInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'affiliation.record');
  if (input.endedOn && input.endedOn < input.startedOn) throw new AppError('validation_failed', 'endedOn is before startedOn', { errors: [{ path: '/body/endedOn', message: `must be on or after ${input.startedOn}` }] });
  const id = randomUUID();
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ u: number; o: number }>('SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS u, (SELECT count(*) FROM organisations WHERE id = $2)::int AS o', [input.userId, input.orgId]);
    if (!r.rows[0]?.u) throw new AppError('validation_failed', 'userId names no user', { errors: [{ path: '/body/userId', message: 'unknown user' }] });
    if (!r.rows[0]?.o) throw new AppError('validation_failed', 'orgId names no organisation', { errors: [{ path: '/body/orgId', message: 'unknown organisation' }] });
    await tx.query(
      'INSERT INTO person_affiliations (id, user_id, org_id, role, started_on, ended_on, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, input.userId, input.orgId, input.role, input.startedOn, input.endedOn ?? null, actorUserId(ctx.actor), at],
    );
    await appendAudit(tx, { type: 'affiliation.recorded', actor: ctx.actor, at, subjectId: id, data: { affiliationId: id, userId: input.userId, orgId: input.orgId, role: input.role, startedOn: input.startedOn, endedOn: input.endedOn ?? null } });
    return { id };
  });
}
