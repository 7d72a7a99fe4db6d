import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { ActivityRow, EvidenceRow } from '../../db/repos/assessment.ts';
import { ACTIVITY_SELECT, EVIDENCE_SELECT } from '../../db/repos/assessment.ts';
import type { FindingRow } from '../../db/repos/findings.ts';
import { FINDING_SELECT } from '../../db/repos/findings.ts';
import type { OscalCaseBundle } from '../../assessment/oscal-assessment.ts';
import { toAssessmentPlan, toAssessmentResults, toPoam } from '../../assessment/oscal-assessment.ts';
import { authorizeAssessment } from '../../policies/index.ts';

export const OSCAL_EXPORTS = {
  'assessment-plan': toAssessmentPlan,
  'assessment-results': toAssessmentResults,
  poam: toPoam,
} as const satisfies Record<string, (b: OscalCaseBundle) => Record<string, unknown>>;
export type OscalExportKind = keyof typeof OSCAL_EXPORTS;

/** json_agg gives timestamps as text: back to the Dates the repositories' rows carry. */
function revive<T extends object>(rows: T[] | null, dates: readonly (keyof T)[]): T[] {
  return (rows ?? []).map((r) => {
    const out: T = { ...r };
    for (const k of dates) if (out[k] !== null && out[k] !== undefined) (out as Record<keyof T, unknown>)[k] = new Date(out[k] as string);
    return out;
  });
}

/**
 * Everything the three OSCAL documents draw on, in one statement (the same row shapes as
 * `listActivities`, `listEvidence` and `listFindings`, in their order).
 */
async function loadBundle(ctx: ActorContext, c: LoadedCase): Promise<OscalCaseBundle> {
  const { rows } = await ctx.db.query<{
    orgs: { id: string; name: string }[] | null;
    started: Date | null;
    submitted: Date | null;
    activities: ActivityRow[] | null;
    evidence: EvidenceRow[] | null;
    findings: FindingRow[] | null;
    people: { id: string; name: string; org_id: string }[] | null;
  }>(
    `SELECT
       (SELECT json_agg(json_build_object('id', o.id, 'name', o.name)) FROM organisations o WHERE o.id = $2 OR o.id = $3) AS orgs,
       (SELECT max(at) FILTER (WHERE (payload::json)->'data'->>'action' = 'start_assessment') FROM audit_events WHERE case_id = $1 AND type = 'case.transitioned') AS started,
       (SELECT max(at) FILTER (WHERE (payload::json)->'data'->>'action' = 'submit_assessment') FROM audit_events WHERE case_id = $1 AND type = 'case.transitioned') AS submitted,
       (SELECT json_agg(x ORDER BY x.created_at, x.id) FROM (${ACTIVITY_SELECT} WHERE a.case_id = $1) x) AS activities,
       (SELECT json_agg(x ORDER BY x.added_at, x.id) FROM (${EVIDENCE_SELECT} WHERE e.case_id = $1) x) AS evidence,
       (SELECT json_agg(x ORDER BY x.recorded_at, (x.source->>'runIndex')::int NULLS FIRST, (x.source->>'resultIndex')::int NULLS FIRST, x.id) FROM (${FINDING_SELECT} WHERE f.case_id = $1) x) AS findings,
       (SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name, 'org_id', u.org_id) ORDER BY u.id) FROM users u
          WHERE u.id IN (SELECT ap.user_id FROM assessment_activity_people ap JOIN assessment_activities aa ON aa.id = ap.activity_id WHERE aa.case_id = $1)) AS people`,
    [c.id, c.assessor_org_id, c.supplier_org_id],
  );
  const b = rows[0]!;
  const activities = revive(b.activities, ['created_at', 'updated_at']);
  const evidence = revive(b.evidence, ['sealed_at', 'added_at']).map((e) => ({ ...e, size_bytes: Number(e.size_bytes) }));
  const findings = revive(b.findings, ['status_changed_at', 'recorded_at']);
  const people = b.people ?? [];
  const org = (id: string | null) => (id ? (b.orgs ?? []).find((o) => o.id === id) ?? null : null);
  const { started, submitted } = b;
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
