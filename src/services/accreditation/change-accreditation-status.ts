import { Type } from '@sinclair/typebox';
import type { Tx } from '../../db/db.ts';
import type { Actor, ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { AccreditationChangeAction } from '../../domain/accreditation.ts';
import { ACCREDITATION_CHANGES, changeAllowed, OPEN_CASE_STATES } from '../../domain/accreditation.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { flagOpenCasesOf, lockAccreditation, setAccreditationStatus } from '../../db/repos/accreditations.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const ChangeAccreditationInput = Type.Object(
  {
    action: Type.Union((Object.keys(ACCREDITATION_CHANGES) as AccreditationChangeAction[]).map((a) => Type.Literal(a))),
    reason: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);

/**
 * Suspend, reinstate or revoke (Art. 7). Suspension and revocation flag, in the same transaction,
 * every open case the organisation is assigned to, so the Office can reassign it.
 */
export async function changeAccreditationStatus(ctx: ActorContext, accreditationId: string, raw: unknown): Promise<{ status: string; flaggedCases: string[] }> {
  const input = validateInput(ChangeAccreditationInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'accreditation.manage');
  const at = ctx.now();
  return ctx.db.transaction((tx) => changeAccreditationInTx(tx, ctx.actor, at, accreditationId, input.action, input.reason));
}

/** The change inside a caller's transaction (an upheld complaint suspends in its own). Authorization is the caller's. */
export async function changeAccreditationInTx(tx: Tx, actor: Actor, at: Date, accreditationId: string, action: AccreditationChangeAction, reason: string): Promise<{ status: string; flaggedCases: string[] }> {
  const change = ACCREDITATION_CHANGES[action];
  const by = actorUserId(actor);
  const a = await lockAccreditation(tx, accreditationId);
  if (!a) throw new AppError('not_found', 'No such accreditation');
  if (!changeAllowed(action, a.status)) {
    throw new AppError('illegal_status_change', `cannot ${action} an accreditation that is ${a.status}`, { status: a.status });
  }
  await setAccreditationStatus(tx, a.id, action, a.status, change.to, reason, by, at);
  const flags = change.flag
    ? await flagOpenCasesOf(tx, a.org_id, OPEN_CASE_STATES, change.flag, `accreditation of ${a.org_name} ${change.to}: ${reason}`, a.id, by, at)
    : [];
  await appendAudit(tx, {
    type: 'accreditation.status_changed',
    actor,
    at,
    subjectId: a.id,
    data: { accreditationId: a.id, orgId: a.org_id, action, from: a.status, to: change.to, reason, flaggedCases: flags.map((f) => f.case_id) },
  });
  for (const f of flags) {
    await appendAudit(tx, { type: 'case.flagged', actor, at, caseId: f.case_id, subjectId: f.flag_id, data: { flagId: f.flag_id, kind: change.flag!, detail: reason, sourceId: a.id } });
  }
  return { status: change.to, flaggedCases: flags.map((f) => f.case_id) };
}
