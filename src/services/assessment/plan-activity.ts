import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext, UserActor } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { ActivityRow } from '../../db/repos/assessment.ts';
import { insertActivityReturning, usersOfOrg } from '../../db/repos/assessment.ts';
import { ACTIVITY_METHODS } from '../../assessment/plan.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { auditCtes } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

const strict = { additionalProperties: false } as const;
export const DateString = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const UuidString = Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
export const People = Type.Array(UuidString, { maxItems: 50, uniqueItems: true, description: 'Users of the assigned assessor organisation who carry the activity out' });

export const PlanActivityInput = Type.Object(
  {
    method: Type.Union(ACTIVITY_METHODS.map((m) => Type.Literal(m)), { description: 'Art. 3 method' }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    scope: Type.String({ minLength: 1, maxLength: 4000, description: 'What the activity covers' }),
    plannedStart: Type.Optional(DateString),
    plannedEnd: Type.Optional(DateString),
    people: Type.Optional(People),
  },
  strict,
);

/** People on an activity work for the assigned assessor (Art. 11: the assessment is its work). */
export async function checkPeople(ctx: ActorContext, c: LoadedCase, people: readonly string[], path: string): Promise<void> {
  const ok = await usersOfOrg(ctx.db, c.assessor_org_id ?? '00000000-0000-0000-0000-000000000000', people);
  const bad = people.filter((u) => !ok.has(u));
  if (bad.length) {
    throw new AppError('validation_failed', `not staff of the assigned assessor organisation: ${bad.join(', ')}`, {
      errors: bad.map((u) => ({ path: `${path}/${people.indexOf(u)}`, message: 'not a user of the assigned assessor organisation' })),
    });
  }
}

export function checkDates(start: string | null | undefined, end: string | null | undefined, path: string): void {
  if (start && end && end < start) throw new AppError('validation_failed', `${path}: the end (${end}) is before the start (${start})`, { errors: [{ path, message: 'ends before it starts' }] });
}

export function userActor(ctx: ActorContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated');
  return ctx.actor;
}

/** Art. 3, 11: the assigned assessor plans an activity by one of the Article 3 methods. */
export async function planActivity(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<ActivityRow> {
  authorizeAssessment(ctx.actor, 'assessment.plan', loaded);
  const input = validateInput(PlanActivityInput, raw, '/body');
  const c = loaded!;
  const actor = userActor(ctx);
  checkDates(input.plannedStart, input.plannedEnd, '/body/plannedEnd');
  const people = input.people ?? [];
  await checkPeople(ctx, c, people, '/body/people');
  const id = randomUUID();
  const at = ctx.now();
  // One statement: the activity, its people and its audit event land together or not at all.
  return insertActivityReturning(
    ctx.db.singleStatement(),
    { id, caseId: c.id, method: input.method, title: input.title, scope: input.scope, plannedStart: input.plannedStart ?? null, plannedEnd: input.plannedEnd ?? null, createdBy: actor.userId, at },
    people,
    (p) => auditCtes(p, { type: 'assessment.activity_planned', actor, at, caseId: c.id, subjectId: id, data: { activityId: id, method: input.method, title: input.title } }, 'a'),
  );
}
