import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { insertApiToken } from '../../db/repos/identity.ts';
import { appendAudit } from '../../audit/log.ts';
import { newSecret, secretDigest } from '../../auth/secrets.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const CreateApiTokenInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })) },
  { additionalProperties: false },
);

/** A token for scripts, acting as its user. Shown once; only its digest is kept. */
export async function createApiToken(ctx: ActorContext, raw: unknown): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const input = validateInput(CreateApiTokenInput, raw, '/body');
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const id = randomUUID();
  const token = newSecret('nrt');
  const expiresAt = input.expiresInDays ? new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000) : null;
  await ctx.db.transaction(async (tx) => {
    await insertApiToken(tx, { id, userId: actor.userId, name: input.name, digest: secretDigest(token), expiresAt });
    await appendAudit(tx, { type: 'api_token.created', actor, at: ctx.now(), subjectId: actor.userId, data: { tokenId: id, name: input.name } });
  });
  return { id, token, expiresAt };
}
