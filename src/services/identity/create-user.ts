import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { findOrganisation, findOrganisationByName, insertUser } from '../../db/repos/identity.ts';
import { appendAudit } from '../../audit/log.ts';
import { hashPassword } from '../../auth/secrets.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { requireAdministrator } from './administrators.ts';

export const CreateUserInput = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 10, maxLength: 256 }),
    /** Organisation id or exact name. */
    organisation: Type.String({ minLength: 1, maxLength: 200 }),
    locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

export async function createUser(ctx: ActorContext, raw: unknown): Promise<{ id: string; username: string; orgId: string }> {
  const input = validateInput(CreateUserInput, raw, '/body');
  requireAdministrator(ctx.actor);
  const org = /^[0-9a-f-]{36}$/i.test(input.organisation) ? await findOrganisation(ctx.db, input.organisation) : await findOrganisationByName(ctx.db, input.organisation);
  if (!org) throw new AppError('validation_failed', `no organisation "${input.organisation}"`, { errors: [{ path: '/body/organisation', message: 'unknown organisation' }] });
  // Hashing is slow on purpose; do it before the transaction so the lock is held briefly.
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      await insertUser(tx, { id, orgId: org.id, username: input.username, displayName: input.displayName, passwordHash, locale: input.locale ?? 'zh-CN' });
      await appendAudit(tx, { type: 'user.created', actor: ctx.actor, at: ctx.now(), subjectId: id, data: { username: input.username, orgId: org.id } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', `user name "${input.username}" is taken`);
    throw e;
  }
  return { id, username: input.username, orgId: org.id };
}
