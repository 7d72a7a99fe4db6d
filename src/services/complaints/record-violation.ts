import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

const Id = Type.String({ format: 'uuid' });

export const RecordViolationInput = Type.Object(
  {
    partyOrgId: Id,
    partyUserId: Type.Optional(Id),
    caseId: Type.Optional(Id),
    complaintId: Type.Optional(Id),
    law: Type.String({ minLength: 1, maxLength: 300, description: 'The law or regulation relied on, e.g. 《中华人民共和国网络安全法》' }),
    article: Type.String({ minLength: 1, maxLength: 50, description: 'Its article, e.g. "第六十六条" or "Art. 66"' }),
    description: Type.String({ minLength: 1, maxLength: 10000 }),
  },
  { additionalProperties: false },
);

/** Art. 15: a violation is dealt with under law — record the party, the law and article relied on, and what happened. */
export async function recordViolation(ctx: ActorContext, raw: unknown): Promise<{ id: string }> {
  const input = validateInput(RecordViolationInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'violation.record');
  const id = randomUUID();
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const r = (await tx.query<{ org: number; user_ok: boolean | null; case_ok: number; complaint_ok: number }>(
      `SELECT (SELECT count(*) FROM organisations WHERE id = $1)::int AS org, (SELECT org_id = $1 FROM users WHERE id = $2) AS user_ok,
         (SELECT count(*) FROM cases WHERE id = $3)::int AS case_ok, (SELECT count(*) FROM complaints WHERE id = $4 AND ($3::uuid IS NULL OR case_id = $3))::int AS complaint_ok`,
      [input.partyOrgId, input.partyUserId ?? null, input.caseId ?? null, input.complaintId ?? null],
    )).rows[0]!;
    const field = (path: string, message: string) => new AppError('validation_failed', `${path.slice(6)}: ${message}`, { errors: [{ path, message }] });
    if (!r.org) throw field('/body/partyOrgId', 'unknown organisation');
    if (input.partyUserId && r.user_ok !== true) throw field('/body/partyUserId', 'not a member of partyOrgId');
    if (input.caseId && !r.case_ok) throw field('/body/caseId', 'unknown case');
    if (input.complaintId && !r.complaint_ok) throw field('/body/complaintId', input.caseId ? 'unknown complaint, or one on another case' : 'unknown complaint');
    await tx.query(
      `INSERT INTO violations (id, party_org_id, party_user_id, case_id, complaint_id, law, article, description, status, recorded_by, recorded_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $10)`,
      [id, input.partyOrgId, input.partyUserId ?? null, input.caseId ?? null, input.complaintId ?? null, input.law, input.article, input.description, actorUserId(ctx.actor), at],
    );
    await appendAudit(tx, { type: 'violation.recorded', actor: ctx.actor, at, caseId: input.caseId ?? null, subjectId: id, data: { violationId: id, partyOrgId: input.partyOrgId, partyUserId: input.partyUserId ?? null, law: input.law, article: input.article } });
    return { id };
  });
}
