import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { ActivityRow } from '../../db/repos/assessment.ts';
import { findActivity, setActivityPeople } from '../../db/repos/assessment.ts';
import { ACTIVITY_STATUSES, ACTIVITY_STATUS_TRANSITIONS, activityStatusChangeAllowed } from '../../assessment/plan.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { checkDates, checkPeople, DateString, People, userActor } from './plan-activity.ts';

export const UpdateActivityInput = Type.Object(
  {
    status: Type.Optional(Type.Union(ACTIVITY_STATUSES.map((s) => Type.Literal(s)))),
    scope: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    plannedStart: Type.Optional(DateString),
    plannedEnd: Type.Optional(DateString),
    actualStart: Type.Optional(DateString),
    actualEnd: Type.Optional(DateString),
    people: Type.Optional(People),
  },
  { additionalProperties: false, minProperties: 1 },
);

const COLUMNS = { scope: 'scope', plannedStart: 'planned_start', plannedEnd: 'planned_end', actualStart: 'actual_start', actualEnd: 'actual_end', status: 'status' } as const;

/**
 * Progress of an activity: dates, people, scope, status (only along ACTIVITY_STATUS_TRANSITIONS).
 * The update is conditional on the status it was decided on, so two concurrent changes can't both win.
 */
export async function updateActivity(ctx: ActorContext, loaded: LoadedCase | undefined, activityId: string, raw: unknown): Promise<ActivityRow> {
  authorizeAssessment(ctx.actor, 'assessment.plan', loaded);
  const input = validateInput(UpdateActivityInput, raw, '/body');
  const c = loaded!;
  const actor = userActor(ctx);
  const current = await findActivity(ctx.db, c.id, activityId);
  if (!current) throw new AppError('not_found', 'No such activity');
  if (input.status && input.status !== current.status && !activityStatusChangeAllowed(current.status, input.status)) {
    throw new AppError('illegal_status_change', `an activity that is ${current.status} cannot become ${input.status}`, { allowed: [...ACTIVITY_STATUS_TRANSITIONS[current.status]] });
  }
  checkDates(input.plannedStart ?? current.planned_start, input.plannedEnd ?? current.planned_end, '/body/plannedEnd');
  checkDates(input.actualStart ?? current.actual_start, input.actualEnd ?? current.actual_end, '/body/actualEnd');
  if (input.people) await checkPeople(ctx, c, input.people, '/body/people');
  const at = ctx.now();
  const sets: string[] = [];
  const params: (string | Date)[] = [c.id, activityId, current.status];
  const changes: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    const v = input[key];
    if (v === undefined) continue;
    params.push(v);
    sets.push(`${col} = $${params.length}${col === 'scope' || col === 'status' ? '' : '::date'}`);
    changes[key] = v;
  }
  if (input.people) changes.people = input.people;
  params.push(at);
  sets.push(`updated_at = $${params.length}`);
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query(`UPDATE assessment_activities SET ${sets.join(', ')} WHERE case_id = $1 AND id = $2 AND status = $3`, params);
    if (r.rowCount === 0) throw new AppError('conflict', 'the activity changed meanwhile; reload and retry');
    if (input.people) await setActivityPeople(tx, activityId, input.people);
    await appendAudit(tx, { type: 'assessment.activity_updated', actor, at, caseId: c.id, subjectId: activityId, data: { activityId, changes } });
  });
  return (await findActivity(ctx.db, c.id, activityId))!;
}
