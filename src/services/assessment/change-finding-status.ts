import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { FindingRow } from '../../db/repos/findings.ts';
import { findFinding } from '../../db/repos/findings.ts';
import { checkFindingStatusChange, FINDING_STATUSES } from '../../assessment/finding-status.ts';
import { authorizeCase } from '../../policies/index.ts';
import { isTerminal } from '../../domain/lifecycle.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { userActor } from './plan-activity.ts';

export const ChangeFindingStatusInput = Type.Object(
  { status: Type.Union(FINDING_STATUSES.map((s) => Type.Literal(s))), reason: Type.String({ minLength: 1, maxLength: 4000, description: 'Why; kept in the finding’s history' }) },
  { additionalProperties: false },
);

/**
 * One move along FINDING_STATUS_TRANSITIONS, with its reason in the history. The update is
 * conditional on the status the move was decided on; a concurrent change makes it match nothing.
 */
export async function changeFindingStatus(ctx: ActorContext, loaded: LoadedCase | undefined, findingId: string, raw: unknown): Promise<FindingRow> {
  const roles = authorizeCase(ctx.actor, 'case.read_findings', loaded);
  const input = validateInput(ChangeFindingStatusInput, raw, '/body');
  const c = loaded!;
  const actor = userActor(ctx);
  if (isTerminal(c.state)) throw new AppError('forbidden', `the case is ${c.state}; its findings no longer change`);
  const f = await findFinding(ctx.db, c.id, findingId);
  if (!f) throw new AppError('not_found', 'No such finding');
  const check = checkFindingStatusChange(f.status, input.status, roles);
  if (!check.ok) {
    if (check.reason === 'role') throw new AppError('forbidden', `your role on this case may not move a finding from ${f.status} to ${input.status}`, { allowed: check.allowed });
    throw new AppError('illegal_status_change', `a finding that is ${f.status} cannot become ${input.status}`, { from: f.status, allowed: check.allowed });
  }
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query('UPDATE findings SET status = $1, status_changed_at = $2 WHERE id = $3 AND case_id = $4 AND status = $5', [input.status, at, f.id, c.id, f.status]);
    if (r.rowCount === 0) throw new AppError('conflict', 'the finding changed meanwhile; reload and retry');
    await tx.query(
      'INSERT INTO finding_status_changes (id, finding_id, case_id, from_status, to_status, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [randomUUID(), f.id, c.id, f.status, input.status, input.reason, actor.userId, at],
    );
    await appendAudit(tx, { type: 'finding.status_changed', actor, at, caseId: c.id, subjectId: f.id, data: { findingId: f.id, from: f.status, to: input.status, reason: input.reason } });
  });
  return (await findFinding(ctx.db, c.id, f.id))!;
}
