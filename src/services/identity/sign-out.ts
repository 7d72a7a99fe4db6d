import type { ActorContext } from '../../domain/actor.ts';
import { deleteSession } from '../../db/repos/identity.ts';
import { appendAudit } from '../../audit/log.ts';
import { secretDigest } from '../../auth/secrets.ts';
import { forgetCredential } from './resolve-actor.ts';

export async function signOut(ctx: ActorContext, sessionSecret: string): Promise<void> {
  forgetCredential(sessionSecret);
  if (ctx.actor.kind !== 'user') return;
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    if ((await deleteSession(tx, secretDigest(sessionSecret))) > 0) {
      await appendAudit(tx, { type: 'user.signed_out', actor, at: ctx.now(), subjectId: actor.userId, data: {} });
    }
  });
}
