import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Tx } from '../../db/db.ts';
import type { Actor, ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { ComplaintChange } from '../../domain/complaints.ts';
import { allowedFrom, COMPLAINT_CHANGES, COMPLAINT_REMEDIES } from '../../domain/complaints.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { changeAccreditationInTx } from '../accreditation/change-accreditation-status.ts';

export const DecideComplaintInput = Type.Object(
  {
    action: Type.Union((Object.keys(COMPLAINT_CHANGES) as ComplaintChange[]).map((a) => Type.Literal(a))),
    reason: Type.String({ minLength: 1, maxLength: 4000 }),
    remedies: Type.Optional(Type.Array(Type.Union(COMPLAINT_REMEDIES.map((r) => Type.Literal(r))), { uniqueItems: true, description: 'Only with "uphold"' })),
  },
  { additionalProperties: false },
);

interface ComplaintRow {
  id: string;
  case_id: string;
  case_ref: string;
  status: string;
  respondent_org_id: string;
  complainant_org_id: string;
  assessor_org_id: string | null;
  version: number;
}

/**
 * Art. 14: the Office investigates and decides. Upholding may remove the respondent as the case's
 * assessor (recorded as a conflict with the supplier so no later draw picks it, and the case is
 * flagged for a new draw) and/or suspend its accreditation (Art. 7) — all in one transaction.
 */
export async function decideComplaint(ctx: ActorContext, complaintId: string, raw: unknown): Promise<{ status: string; remedies: string[] }> {
  const input = validateInput(DecideComplaintInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'complaint.investigate');
  const change = COMPLAINT_CHANGES[input.action];
  const remedies = input.remedies ?? [];
  if (remedies.length && input.action !== 'uphold') throw new AppError('validation_failed', 'remedies follow only an upheld complaint', { errors: [{ path: '/body/remedies', message: 'only with uphold' }] });
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const c = (await tx.query<ComplaintRow>(
      `SELECT k.id, k.case_id, cs.ref AS case_ref, k.status, k.respondent_org_id, k.complainant_org_id, cs.assessor_org_id, k.version
       FROM complaints k JOIN cases cs ON cs.id = k.case_id WHERE k.id = $1 FOR UPDATE OF k`,
      [complaintId],
    )).rows[0];
    if (!c) throw new AppError('not_found', 'No such complaint');
    if (!allowedFrom(change.from, c.status)) throw new AppError('illegal_status_change', `cannot ${input.action} a complaint that is ${c.status}`, { status: c.status });
    await tx.query('UPDATE complaints SET status = $2, outcome_text = $3, remedies = $4, updated_at = $5, version = version + 1 WHERE id = $1', [c.id, change.to, input.reason, remedies, at]);
    await tx.query('INSERT INTO complaint_events (id, complaint_id, from_status, to_status, reason, actor_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [randomUUID(), c.id, c.status, change.to, input.reason, actorUserId(ctx.actor), at]);
    if (remedies.includes('reassignment')) await removeAssessor(tx, ctx.actor, at, c, input.reason);
    if (remedies.includes('suspend_accreditation')) {
      const active = (await tx.query<{ id: string }>(`SELECT id FROM accreditations WHERE org_id = $1 AND status = 'active' ORDER BY id`, [c.respondent_org_id])).rows;
      if (!active.length) throw new AppError('guard_failed', 'the respondent holds no active accreditation to suspend', { guard: 'accredited' });
      for (const a of active) await changeAccreditationInTx(tx, ctx.actor, at, a.id, 'suspend', `upheld complaint ${c.id}: ${input.reason}`);
    }
    await appendAudit(tx, { type: 'complaint.status_changed', actor: ctx.actor, at, caseId: c.case_id, subjectId: c.id, data: { complaintId: c.id, from: c.status, to: change.to, reason: input.reason, remedies } });
    return { status: change.to, remedies };
  });
}

async function removeAssessor(tx: Tx, actor: Actor, at: Date, c: ComplaintRow, reason: string): Promise<void> {
  if (c.assessor_org_id !== c.respondent_org_id) throw new AppError('guard_failed', 'reassignment applies when the respondent is the case’s assessor', { guard: 'respondent_is_assessor' });
  const by = actorUserId(actor);
  const u = await tx.query('UPDATE cases SET assessor_org_id = NULL, version = version + 1, updated_at = $3 WHERE id = $1 AND assessor_org_id = $2', [c.case_id, c.respondent_org_id, at]);
  if (u.rowCount === 0) throw new AppError('conflict', `case ${c.case_ref} changed meanwhile; reload and retry`);
  // The respondent stays excluded from this supplier's cases (Art. 11), so a new draw can't pick it again.
  await tx.query(
    `INSERT INTO conflict_declarations (id, declarant_org_id, counterpart_org_id, reason, declared_by, declared_at)
     SELECT $1, $2, s.supplier_org_id, $3, $4, $5 FROM cases s WHERE s.id = $6 AND s.supplier_org_id IS NOT NULL`,
    [randomUUID(), c.respondent_org_id, `upheld complaint ${c.id}`, by, at, c.case_id],
  );
  const flagId = randomUUID();
  await tx.query(`INSERT INTO case_flags (id, case_id, kind, detail, source_id, raised_at, raised_by) VALUES ($1, $2, 'reassignment_required', $3, $4, $5, $6)`, [flagId, c.case_id, reason, c.id, at, by]);
  await appendAudit(tx, { type: 'assessor.cleared', actor, at, caseId: c.case_id, subjectId: c.id, data: { ref: c.case_ref, assessorOrgId: c.respondent_org_id, complaintId: c.id } });
  await appendAudit(tx, { type: 'case.flagged', actor, at, caseId: c.case_id, subjectId: flagId, data: { flagId, kind: 'reassignment_required', detail: reason, sourceId: c.id } });
}
