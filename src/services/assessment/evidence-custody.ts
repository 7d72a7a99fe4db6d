import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { CustodyEventRow, EvidenceRow } from '../../db/repos/assessment.ts';
import { custodyEvents, findEvidence } from '../../db/repos/assessment.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { userActor, UuidString } from './plan-activity.ts';

export const TransferEvidenceInput = Type.Object(
  { toUserId: UuidString, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

/**
 * Custody passes between the assessor's staff and the Office, never to the supplier. A sealed
 * file stays with its last custodian. The update is conditional on the custodian it was decided
 * on, so a concurrent transfer can't be lost.
 */
export async function transferEvidence(ctx: ActorContext, loaded: LoadedCase | undefined, evidenceId: string, raw: unknown): Promise<EvidenceRow> {
  authorizeAssessment(ctx.actor, 'evidence.transfer', loaded);
  const input = validateInput(TransferEvidenceInput, raw, '/body');
  const c = loaded!;
  const actor = userActor(ctx);
  const e = await findEvidence(ctx.db, c.id, evidenceId);
  if (!e) throw new AppError('not_found', 'No such evidence');
  if (e.sealed_at) throw new AppError('conflict', 'the evidence is sealed; custody no longer moves');
  if (input.toUserId === e.custodian_user_id) throw new AppError('validation_failed', 'that user already holds the evidence', { errors: [{ path: '/body/toUserId', message: 'already the custodian' }] });
  const target = await ctx.db.query<{ org_id: string; kind: string; disabled: boolean }>('SELECT u.org_id, o.kind, u.disabled FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = $1', [input.toUserId]);
  const t = target.rows[0];
  if (!t || t.disabled || !(t.org_id === c.assessor_org_id || t.kind === 'review_office')) {
    throw new AppError('validation_failed', 'custody passes only to staff of the assigned assessor or of the Review Office', { errors: [{ path: '/body/toUserId', message: 'not an eligible custodian' }] });
  }
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query('UPDATE evidence_files SET custodian_user_id = $1 WHERE id = $2 AND case_id = $3 AND custodian_user_id = $4 AND sealed_at IS NULL', [input.toUserId, e.id, c.id, e.custodian_user_id]);
    if (r.rowCount === 0) throw new AppError('conflict', 'the evidence changed hands meanwhile; reload and retry');
    await appendAudit(tx, { type: 'evidence.transferred', actor, at, caseId: c.id, subjectId: e.id, data: { evidenceId: e.id, fromUserId: e.custodian_user_id, toUserId: input.toUserId, reason: input.reason } });
  });
  return (await findEvidence(ctx.db, c.id, e.id))!;
}

/** Sealing fixes the file: its hash is recorded once more and custody stops moving. */
export async function sealEvidence(ctx: ActorContext, loaded: LoadedCase | undefined, evidenceId: string): Promise<EvidenceRow> {
  authorizeAssessment(ctx.actor, 'evidence.seal', loaded);
  const c = loaded!;
  const actor = userActor(ctx);
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ sha256: string }>('UPDATE evidence_files SET sealed_at = $1 WHERE id = $2 AND case_id = $3 AND sealed_at IS NULL RETURNING sha256', [at, evidenceId, c.id]);
    const row = r.rows[0];
    if (!row) {
      const e = await findEvidence(tx, c.id, evidenceId);
      throw e ? new AppError('conflict', `the evidence was already sealed at ${new Date(e.sealed_at!).toISOString()}`) : new AppError('not_found', 'No such evidence');
    }
    await appendAudit(tx, { type: 'evidence.sealed', actor, at, caseId: c.id, subjectId: evidenceId, data: { evidenceId, sha256: row.sha256 } });
  });
  return (await findEvidence(ctx.db, c.id, evidenceId))!;
}

export async function getEvidenceCustody(ctx: ActorContext, loaded: LoadedCase | undefined, evidenceId: string): Promise<{ evidence: EvidenceRow; events: CustodyEventRow[] }> {
  authorizeAssessment(ctx.actor, 'evidence.custody_log', loaded);
  const c = loaded!;
  const evidence = await findEvidence(ctx.db, c.id, evidenceId);
  if (!evidence) throw new AppError('not_found', 'No such evidence');
  return { evidence, events: await custodyEvents(ctx.db, c.id, evidenceId) };
}
