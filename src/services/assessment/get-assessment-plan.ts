import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { ActivityRow, EvidenceRow } from '../../db/repos/assessment.ts';
import { listActivities, listEvidence } from '../../db/repos/assessment.ts';
import { authorizeAssessment, canAssess, caseRoles } from '../../policies/index.ts';

/** The plan with its activities; the evidence list only for roles that may see it. */
export async function getAssessmentPlan(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<{ activities: ActivityRow[]; evidence: EvidenceRow[] | null }> {
  authorizeAssessment(ctx.actor, 'assessment.read_plan', loaded);
  const c = loaded!;
  const seesEvidence = canAssess(caseRoles(ctx.actor, c), 'evidence.list', c);
  const [activities, evidence] = await Promise.all([listActivities(ctx.db, c.id), seesEvidence ? listEvidence(ctx.db, c.id) : Promise.resolve(null)]);
  return { activities, evidence };
}
