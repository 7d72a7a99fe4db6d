import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { authorizeCase } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';

export const UNDERTAKING_VERSION = 'cn-2017-art12-v1';

export const UNDERTAKING_TEXT = {
  'zh-CN': '本人承诺：对在本次网络安全审查中获悉的信息严格保密，不将其用于网络安全审查以外的目的（《网络产品和服务安全审查办法（试行）》第十二条）。',
  en: 'I undertake to keep confidential the information I obtain in this cybersecurity review and to use it for no purpose other than the review (Art. 12 of the Measures).',
} as const;

/** Art. 12: before first access to a case's confidential material. Accepting twice changes nothing. */
export async function acceptUndertaking(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<{ acceptedAt: Date; alreadyAccepted: boolean }> {
  authorizeCase(ctx.actor, 'undertaking.accept', loaded);
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const c = loaded!;
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ accepted_at: Date }>(
      `INSERT INTO confidentiality_undertakings (case_id, user_id, accepted_at, text_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, user_id) DO NOTHING RETURNING accepted_at`,
      [c.id, actor.userId, at, UNDERTAKING_VERSION],
    );
    if (r.rows.length === 0) return { acceptedAt: at, alreadyAccepted: true };
    await appendAudit(tx, { type: 'undertaking.accepted', actor, at, caseId: c.id, subjectId: actor.userId, data: { textVersion: UNDERTAKING_VERSION } });
    return { acceptedAt: at, alreadyAccepted: false };
  });
}
