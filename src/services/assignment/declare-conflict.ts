import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

const Id = Type.String({ format: 'uuid' });

export const DeclareConflictInput = Type.Object(
  {
    counterpartOrgId: Id,
    reason: Type.String({ minLength: 1, maxLength: 4000 }),
    /** The Office records on behalf of an organisation or a person; others declare for themselves. */
    declarantOrgId: Type.Optional(Id),
    declarantUserId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/**
 * Art. 11: an organisation (assessor) or a person (expert) declares a conflict with another
 * organisation, usually a supplier; from then on it is never eligible for that supplier's cases.
 */
export async function declareConflict(ctx: ActorContext, raw: unknown): Promise<{ id: string }> {
  const input = validateInput(DeclareConflictInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'conflict.declare');
  const a = ctx.actor;
  const onBehalf = a.kind === 'system' || (a.kind === 'user' && a.orgKind === 'review_office');
  let declarantOrgId: string | null = null;
  let declarantUserId: string | null = null;
  if (onBehalf) {
    if (!input.declarantOrgId === !input.declarantUserId) throw new AppError('validation_failed', 'name exactly one declarant: declarantOrgId or declarantUserId', { errors: [{ path: '/body', message: 'exactly one declarant' }] });
    declarantOrgId = input.declarantOrgId ?? null;
    declarantUserId = input.declarantUserId ?? null;
  } else if (a.kind === 'user') {
    if (input.declarantOrgId || input.declarantUserId) throw new AppError('validation_failed', 'you declare for yourself or your organisation; leave the declarant out', { errors: [{ path: '/body', message: 'declarant not allowed' }] });
    // Experts are persons on a panel; an assessor declares for its whole organisation.
    if (a.orgKind === 'experts_committee') declarantUserId = a.userId;
    else declarantOrgId = a.orgId;
  }
  const at = ctx.now();
  const id = randomUUID();
  return ctx.db.transaction(async (tx) => {
    const known = await tx.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM organisations WHERE id = $1)::int + (SELECT count(*) FROM organisations WHERE id = $2)::int + (SELECT count(*) FROM users WHERE id = $3)::int AS n`,
      [input.counterpartOrgId, declarantOrgId, declarantUserId],
    );
    if ((known.rows[0]?.n ?? 0) !== 2) throw new AppError('validation_failed', 'an organisation or person named does not exist', { errors: [{ path: '/body', message: 'unknown organisation or user' }] });
    await tx.query(
      `INSERT INTO conflict_declarations (id, declarant_org_id, declarant_user_id, counterpart_org_id, reason, declared_by, declared_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, declarantOrgId, declarantUserId, input.counterpartOrgId, input.reason, actorUserId(a), at],
    );
    await appendAudit(tx, { type: 'conflict.declared', actor: a, at, subjectId: id, data: { declarationId: id, declarantOrgId, declarantUserId, counterpartOrgId: input.counterpartOrgId, reason: input.reason } });
    return { id };
  });
}
