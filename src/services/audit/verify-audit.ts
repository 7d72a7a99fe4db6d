import type { ActorContext } from '../../domain/actor.ts';
import type { VerifyResult } from '../../audit/log.ts';
import { verifyAuditChain } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';

/** Recomputes the whole chain. The Office, the Committee and the platform operator may run it. */
export async function verifyAudit(ctx: ActorContext): Promise<VerifyResult> {
  const a = ctx.actor;
  const allowed = a.kind === 'system' || (a.kind === 'user' && (a.orgKind === 'review_office' || a.orgKind === 'review_committee'));
  if (!allowed) throw new AppError(a.kind === 'public' ? 'unauthenticated' : 'forbidden', 'only the Review Office or Committee may verify the audit log');
  return verifyAuditChain(ctx.db);
}
