import { Type } from '@sinclair/typebox';
import type { ActorContext, UserActor } from '../../domain/actor.ts';
import { findUserForSignIn, insertSession, toActor } from '../../db/repos/identity.ts';
import { appendAudit } from '../../audit/log.ts';
import { dummyPasswordHash, newSecret, secretDigest, verifyPassword } from '../../auth/secrets.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const SignInInput = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export async function signIn(ctx: ActorContext, raw: unknown): Promise<{ secret: string; expiresAt: Date; actor: UserActor }> {
  const input = validateInput(SignInInput, raw, '/body');
  const row = await findUserForSignIn(ctx.db, input.username);
  const ok = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!row || !ok || row.disabled) throw new AppError('invalid_credentials');
  const actor = toActor(row);
  const secret = newSecret('nrs');
  const expiresAt = new Date(ctx.now().getTime() + SESSION_TTL_MS);
  await ctx.db.transaction(async (tx) => {
    await insertSession(tx, secretDigest(secret), actor.userId, expiresAt);
    await appendAudit(tx, { type: 'user.signed_in', actor, at: ctx.now(), subjectId: actor.userId, data: { method: 'password' } });
  });
  return { secret, expiresAt, actor };
}
