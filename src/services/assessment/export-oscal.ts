import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { listActivities, listEvidence } from '../../db/repos/assessment.ts';
import { listFindings } from '../../db/repos/findings.ts';
import type { OscalCaseBundle } from '../../assessment/oscal-assessment.ts';
import { toAssessmentPlan, toAssessmentResults, toPoam } from '../../assessment/oscal-assessment.ts';
import { authorizeAssessment } from '../../policies/index.ts';

export const OSCAL_EXPORTS = {
  'assessment-plan': toAssessmentPlan,
  'assessment-results': toAssessmentResults,
  poam: toPoam,
} as const satisfies Record<string, (b: OscalCaseBundle) => Record<string, unknown>>;
export type OscalExportKind = keyof typeof OSCAL_EXPORTS;

async function loadBundle(ctx: ActorContext, c: LoadedCase): Promise<OscalCaseBundle> {
  const [orgs, steps, activities, evidence, findings] = await Promise.all([
    ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM organisations WHERE id = $1 OR id = $2', [c.assessor_org_id, c.supplier_org_id]),
    ctx.db.query<{ started: Date | null; submitted: Date | null }>(
      `SELECT max(at) FILTER (WHERE (payload::json)->'data'->>'action' = 'start_assessment') AS started,
              max(at) FILTER (WHERE (payload::json)->'data'->>'action' = 'submit_assessment') AS submitted
       FROM audit_events WHERE case_id = $1 AND type = 'case.transitioned'`,
      [c.id],
    ),
    listActivities(ctx.db, c.id),
    listEvidence(ctx.db, c.id),
    listFindings(ctx.db, c.id),
  ]);
  const personIds = [...new Set(activities.flatMap((a) => a.people.map((p) => p.user_id)))];
  const people = personIds.length
    ? (await ctx.db.query<{ id: string; name: string; org_id: string }>('SELECT id, display_name AS name, org_id FROM users WHERE id IN (SELECT x::uuid FROM jsonb_array_elements_text($1::jsonb) AS x) ORDER BY id', [JSON.stringify(personIds)])).rows
    : [];
  const org = (id: string | null) => (id ? orgs.rows.find((o) => o.id === id) ?? null : null);
  const started = steps.rows[0]?.started ?? null;
  const submitted = steps.rows[0]?.submitted ?? null;
  return {
    caseId: c.id,
    ref: c.ref,
    title: c.title,
    productName: c.product_name,
    productVersion: c.product_version,
    reviewRound: c.review_round,
    assessor: org(c.assessor_org_id),
    supplier: org(c.supplier_org_id),
    people: people.map((p) => ({ id: p.id, name: p.name, orgId: p.org_id })),
    activities,
    evidence,
    findings,
    startedAt: started ? new Date(started) : new Date(c.created_at),
    submittedAt: submitted && (!started || new Date(submitted) >= new Date(started)) ? new Date(submitted) : null,
    now: ctx.now(),
  };
}

/** OSCAL 1.1 assessment-plan, assessment-results or POA&M of a case (Art. 11). */
export async function exportCaseOscal(ctx: ActorContext, loaded: LoadedCase | undefined, kind: OscalExportKind): Promise<Record<string, unknown>> {
  authorizeAssessment(ctx.actor, 'oscal.export', loaded);
  return OSCAL_EXPORTS[kind](await loadBundle(ctx, loaded!));
}
