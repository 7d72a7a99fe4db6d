import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { COMMITMENT_TEMPLATE_IDS } from '../../domain/commitments.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { validateInput } from '../validate.ts';

export const ReportBreachInput = Type.Object(
  {
    caseRef: Type.Optional(Type.String({ pattern: '^NR-\\d{4}-\\d{6}$', description: 'Reference of the published review, if known' })),
    templateId: Type.Optional(Type.Union(COMMITMENT_TEMPLATE_IDS.map((t) => Type.Literal(t)))),
    product: Type.String({ minLength: 1, maxLength: 300 }),
    description: Type.String({ minLength: 10, maxLength: 10000 }),
    contact: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'How the Office may reach the reporter (optional)' })),
  },
  { additionalProperties: false },
);

/**
 * Art. 3 public supervision: anyone, signed in or not, reports a suspected breach of a commitment.
 * A reference links the report to a case only if that case's result was published, so the form
 * can't be used to learn which cases exist.
 */
export async function reportBreach(ctx: ActorContext, raw: unknown): Promise<{ id: string; status: 'received' }> {
  const input = validateInput(ReportBreachInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'breach.report');
  const id = randomUUID();
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO breach_reports (id, case_ref, case_id, template_id, product, description, contact, reported_by, reported_at, status)
       VALUES ($1, $2, (SELECT c.id FROM cases c WHERE c.ref = $2 AND c.released_at IS NOT NULL AND c.release_scope->>'kind' = 'public'), $3, $4, $5, $6, $7, $8, 'received')`,
      [id, input.caseRef ?? null, input.templateId ?? null, input.product, input.description, input.contact ?? null, actorUserId(ctx.actor), at],
    );
    await appendAudit(tx, { type: 'breach.reported', actor: ctx.actor, at, subjectId: id, data: { reportId: id, caseRef: input.caseRef ?? null, templateId: input.templateId ?? null, product: input.product } });
  });
  return { id, status: 'received' };
}
