import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { createCase } from '../cases/create-case.ts';
import { loadCaseForActor, transitionCase } from '../cases/transition-case.ts';

export const TriageBreachInput = Type.Union([
  Type.Object({ outcome: Type.Literal('dismiss'), reason: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
  // The reported case is under supervision: it goes back to review (Art. 3 continuous supervision).
  Type.Object({ outcome: Type.Literal('rereview'), reason: Type.String({ minLength: 1, maxLength: 4000 }), caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false }),
  // No case to reopen: the Office opens one on the users' report (Art. 8).
  Type.Object({ outcome: Type.Literal('new_case'), reason: Type.String({ minLength: 1, maxLength: 4000 }), title: Type.String({ minLength: 1, maxLength: 300 }), supplierOrgId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
]);

const STATUS_FOR = { dismiss: 'dismissed', rereview: 'rereview_opened', new_case: 'case_opened' } as const;

interface ReportRow {
  id: string;
  status: string;
  case_id: string | null;
  product: string;
  description: string;
  version: number;
}

/**
 * The Office triages a breach report once: dismiss it, send the case back to re-review through the
 * lifecycle's `trigger_rereview`, or open a new case. The lifecycle step runs first; the report is
 * then closed on the version it was read at, so a second triage of the same report is refused.
 */
export async function triageBreachReport(ctx: ActorContext, reportId: string, raw: unknown): Promise<{ status: string; caseId: string | null }> {
  const input = validateInput(TriageBreachInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'breach.triage');
  const report = (await ctx.db.query<ReportRow>('SELECT id, status, case_id, product, description, version FROM breach_reports WHERE id = $1', [reportId])).rows[0];
  if (!report) throw new AppError('not_found', 'No such breach report');
  if (report.status !== 'received') throw new AppError('illegal_status_change', `the report was already triaged (${report.status})`, { status: report.status });
  let caseId: string | null = null;
  switch (input.outcome) {
    case 'dismiss':
      break;
    case 'rereview': {
      const target = input.caseId ?? report.case_id;
      if (!target) throw new AppError('validation_failed', 'the report names no published case; give caseId', { errors: [{ path: '/body/caseId', message: 'required' }] });
      const loaded = await loadCaseForActor(ctx, target);
      const r = await transitionCase(ctx, loaded, { action: 'trigger_rereview', body: { trigger: 'commitment_breach', reason: input.reason, note: `breach report ${report.id}` } });
      caseId = r.row.id;
      break;
    }
    case 'new_case': {
      const c = await createCase(ctx, {
        action: 'open_review',
        title: input.title,
        productName: report.product,
        description: `Opened on breach report ${report.id}: ${report.description}`.slice(0, 20000),
        ...(input.supplierOrgId ? { supplierOrgId: input.supplierOrgId } : {}),
      });
      caseId = c.id;
      break;
    }
  }
  const at = ctx.now();
  const status = STATUS_FOR[input.outcome];
  await ctx.db.transaction(async (tx) => {
    const u = await tx.query(
      `UPDATE breach_reports SET status = $2, triage_reason = $3, triaged_by = $4, triaged_at = $5, resulting_case_id = $6, version = version + 1 WHERE id = $1 AND version = $7`,
      [report.id, status, input.reason, actorUserId(ctx.actor), at, caseId, report.version],
    );
    if (u.rowCount === 0) throw new AppError('conflict', 'the report was triaged meanwhile');
    await appendAudit(tx, { type: 'breach.triaged', actor: ctx.actor, at, caseId, subjectId: report.id, data: { reportId: report.id, outcome: input.outcome, reason: input.reason, resultingCaseId: caseId } });
  });
  return { status, caseId };
}
