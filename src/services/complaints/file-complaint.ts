import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { COMPLAINABLE_KINDS, COMPLAINT_GROUNDS } from '../../domain/complaints.ts';
import type { ComplaintGround } from '../../domain/complaints.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const FileComplaintInput = Type.Object(
  {
    respondentOrgId: Type.String({ format: 'uuid' }),
    respondentUserId: Type.Optional(Type.String({ format: 'uuid' })),
    grounds: Type.Union((Object.keys(COMPLAINT_GROUNDS) as ComplaintGround[]).map((g) => Type.Literal(g))),
    description: Type.String({ minLength: 10, maxLength: 10000 }),
    evidenceSeqs: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200, uniqueItems: true, description: 'Entries (seq) of this case’s material access log' }),
  },
  { additionalProperties: false },
);

/**
 * Art. 14: the supplier complains that a third party or one of its staff was biased or leaked
 * information, citing entries of its own material access log. Each entry must be a read of this
 * case's material: another case's log, or any other event, is refused and nothing is stored.
 */
export async function fileComplaint(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ id: string }> {
  const input = validateInput(FileComplaintInput, raw, '/body');
  authorizeCaseRegistry(ctx.actor, 'complaint.file', loaded);
  const c = loaded!;
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const at = ctx.now();
  const id = randomUUID();
  return ctx.db.transaction(async (tx) => {
    const resp = (await tx.query<{ kind: string; user_ok: boolean | null }>(
      'SELECT o.kind, (SELECT u.org_id = o.id FROM users u WHERE u.id = $2) AS user_ok FROM organisations o WHERE o.id = $1',
      [input.respondentOrgId, input.respondentUserId ?? null],
    )).rows[0];
    if (!resp) throw new AppError('validation_failed', 'respondentOrgId names no organisation', { errors: [{ path: '/body/respondentOrgId', message: 'unknown organisation' }] });
    if (!(COMPLAINABLE_KINDS as readonly string[]).includes(resp.kind)) {
      throw new AppError('validation_failed', `a complaint under Art. 14 concerns a third-party organisation or the experts, not a ${resp.kind}`, { errors: [{ path: '/body/respondentOrgId', message: `is a ${resp.kind}` }] });
    }
    if (input.respondentUserId && resp.user_ok !== true) throw new AppError('validation_failed', 'respondentUserId is not a member of the respondent organisation', { errors: [{ path: '/body/respondentUserId', message: 'not staff of respondentOrgId' }] });
    if (input.evidenceSeqs.length) {
      const ok = new Set((await tx.query<{ seq: string }>(
        `SELECT a.seq::text FROM audit_events a WHERE a.seq = ANY ($1::bigint[]) AND a.type = 'material.read' AND a.case_id = $2`,
        [input.evidenceSeqs, c.id],
      )).rows.map((r) => Number(r.seq)));
      const foreign = input.evidenceSeqs.filter((s) => !ok.has(s));
      if (foreign.length) {
        throw new AppError('validation_failed', `evidence ${foreign.map((s) => `#${s}`).join(', ')} is not an entry of this case's material access log`, {
          errors: foreign.map((s) => ({ path: `/body/evidenceSeqs/${input.evidenceSeqs.indexOf(s)}`, message: 'not a read of this case’s material' })),
        });
      }
    }
    await tx.query(
      `INSERT INTO complaints (id, case_id, complainant_org_id, filed_by, respondent_org_id, respondent_user_id, grounds, description, evidence_seqs, status, filed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'filed', $10, $10)`,
      [id, c.id, actor.orgId, actor.userId, input.respondentOrgId, input.respondentUserId ?? null, input.grounds, input.description, input.evidenceSeqs, at],
    );
    await tx.query(`INSERT INTO complaint_events (id, complaint_id, from_status, to_status, reason, actor_user_id, at) VALUES ($1, $2, NULL, 'filed', 'filed', $3, $4)`, [randomUUID(), id, actor.userId, at]);
    await appendAudit(tx, {
      type: 'complaint.filed',
      actor,
      at,
      caseId: c.id,
      subjectId: id,
      data: { complaintId: id, respondentOrgId: input.respondentOrgId, respondentUserId: input.respondentUserId ?? null, grounds: input.grounds, evidenceSeqs: input.evidenceSeqs },
    });
    return { id };
  });
}
