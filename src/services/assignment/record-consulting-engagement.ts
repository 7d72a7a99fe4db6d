import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput, DaySchema } from '../validate.ts';


export const RecordConsultingInput = Type.Object(
  {
    consultantOrgId: Type.String({ format: 'uuid' }),
    clientOrgId: Type.String({ format: 'uuid' }),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    startedOn: DaySchema,
    endedOn: Type.Optional(DaySchema),
  },
  { additionalProperties: false },
);

/** Art. 11: consulting work for a supplier conflicts the consultant for two years after it ends. */
export async function recordConsultingEngagement(ctx: ActorContext, raw: unknown): Promise<{ id: string }> {
  const input = validateInput(RecordConsultingInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'consulting.record');
  if (input.endedOn && input.endedOn < input.startedOn) throw new AppError('validation_failed', 'endedOn is before startedOn', { errors: [{ path: '/body/endedOn', message: `must be on or after ${input.startedOn}` }] });
  if (input.consultantOrgId === input.clientOrgId) throw new AppError('validation_failed', 'an organisation does not consult for itself', { errors: [{ path: '/body/clientOrgId', message: 'same as consultantOrgId' }] });
  const id = randomUUID();
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const n = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations WHERE id = ANY ($1::uuid[])', [[input.consultantOrgId, input.clientOrgId]])).rows[0]?.n ?? 0;
    if (n !== 2) throw new AppError('validation_failed', 'consultantOrgId or clientOrgId names no organisation', { errors: [{ path: '/body', message: 'unknown organisation' }] });
    await tx.query(
      'INSERT INTO consulting_engagements (id, consultant_org_id, client_org_id, description, started_on, ended_on, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, input.consultantOrgId, input.clientOrgId, input.description, input.startedOn, input.endedOn ?? null, actorUserId(ctx.actor), at],
    );
    await appendAudit(tx, { type: 'consulting.recorded', actor: ctx.actor, at, subjectId: id, data: { engagementId: id, consultantOrgId: input.consultantOrgId, clientOrgId: input.clientOrgId, startedOn: input.startedOn, endedOn: input.endedOn ?? null } });
    return { id };
  });
}
