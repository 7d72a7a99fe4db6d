import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';

/** The Office's queue of breach reports, newest first. */
export async function listBreachReports(ctx: ActorContext, filter: { status?: string; limit?: number } = {}) {
  authorizeRegistry(ctx.actor, 'breach.list');
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT id, case_ref AS "caseRef", case_id AS "caseId", template_id AS "templateId", product, description, contact, reported_at AS "reportedAt",
       status, triage_reason AS "triageReason", triaged_at AS "triagedAt", resulting_case_id AS "resultingCaseId"
     FROM breach_reports WHERE $1::text IS NULL OR status = $1 ORDER BY reported_at DESC, id LIMIT $2`,
    [filter.status ?? null, Math.min(filter.limit ?? 50, 200)],
  );
  return rows;
}
