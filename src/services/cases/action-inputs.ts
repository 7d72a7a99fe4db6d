/**
 * What each lifecycle action takes as input, and what it writes beside the state change. One
 * table: the HTTP layer publishes these schemas in OpenAPI, the transition service validates with
 * them and applies the effects inside its conditional update.
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { UuidSchema } from '../validate.ts';
import type { Static, TSchema } from '@sinclair/typebox';
import type { SqlParam } from '../../db/db.ts';
import type { TransitionAction } from '../../domain/lifecycle.ts';
import { OUTCOMES } from '../../domain/lifecycle.ts';
import { DecideInput, decideEffect } from '../decisions/decide-input.ts';
import { checkReleaseSector } from '../decisions/release-scope.ts';
import type { ReleaseScope } from '../../policies/index.ts';
import { dateInShanghai } from '../../domain/clock.ts';
import { AppError } from '../../errors.ts';
import { findingClauseEffect, RECORD_FINDING_REFS } from '../assessment/record-finding-refs.ts';

const Note = Type.Optional(Type.String({ maxLength: 4000, description: 'Free-text note kept in the timeline' }));
const Reason = Type.String({ minLength: 1, maxLength: 4000 });
const strict = { additionalProperties: false } as const;

export const NoteInput = Type.Object({ note: Note }, strict);
export const ReasonInput = Type.Object({ reason: Reason, note: Note }, strict);

export const ReleaseScopeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('public') }, strict),
  Type.Object({ kind: Type.Literal('sector'), sector: Type.String({ minLength: 1, maxLength: 64 }) }, strict),
  Type.Object({ kind: Type.Literal('organisations'), orgIds: Type.Array(UuidSchema, { minItems: 1, maxItems: 200, uniqueItems: true }) }, strict),
  Type.Object({ kind: Type.Literal('internal') }, strict),
]);

export const Severity = Type.Union(['critical', 'high', 'medium', 'low', 'info'].map((s) => Type.Literal(s)));
export const OutcomeSchema = Type.Union(OUTCOMES.map((o) => Type.Literal(o)));
export const TriggerSchema = Type.Union(['advisory', 'change_notice', 'complaint', 'commitment_breach'].map((s) => Type.Literal(s)));

type Placeholder = (v: SqlParam) => string;

export interface EffectContext {
  caseId: string;
  /** The review round the step is taken in (raised by `reopen`). */
  reviewRound: number;
  /** The regime the case runs under (to validate cited articles). */
  regimeId?: string;
  actorUserId: string | null;
  at: Date;
}

export interface ActionEffect {
  set?: Record<string, SqlParam>;
  effects?: ((p: Placeholder) => string)[];
  /** What the timeline shows for this step besides the note. */
  detail?: Record<string, unknown>;
}

interface ActionSpec<S extends TSchema> {
  input: S;
  // Method syntax keeps the parameter bivariant, so the table can be checked against ActionSpec<TSchema>.
  effect?(input: Static<S>, ctx: EffectContext): ActionEffect;
}

function spec<S extends TSchema>(input: S, effect?: (input: Static<S>, ctx: EffectContext) => ActionEffect): ActionSpec<S> {
  return effect ? { input, effect } : { input };
}

export const ACTION_INPUTS = {
  accept: spec(NoteInput),
  dismiss: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  withdraw: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  terminate: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  determine_affects_security: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  determine_no_impact: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  open: spec(NoteInput),
  decline: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  extend_clock: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  assign_assessor: spec(Type.Object({ assessorOrgId: UuidSchema, note: Note }, strict), (i) => ({
    set: { assessor_org_id: i.assessorOrgId },
    detail: { assessorOrgId: i.assessorOrgId },
  })),
  assign_expert: spec(Type.Object({ expertUserId: UuidSchema, note: Note }, strict), (i, ctx) => ({
    effects: [(p) => `INSERT INTO case_members (case_id, user_id, role, added_at) SELECT c.id, ${p(i.expertUserId)}, 'expert', ${p(ctx.at)} FROM c`],
    detail: { expertUserId: i.expertUserId },
  })),
  start_assessment: spec(NoteInput),
  record_finding: spec(
    Type.Object(
      {
        category: Type.Integer({ minimum: 1, maximum: 5, description: 'Art. 4 risk category, 1–5' }),
        severity: Severity,
        title: Type.String({ minLength: 1, maxLength: 300 }),
        description: Type.Optional(Type.String({ maxLength: 20000 })),
        method: Type.Optional(Type.Union(['lab_testing', 'onsite_check', 'online_monitoring', 'background_investigation', 'third_party_assessment'].map((m) => Type.Literal(m)))),
        ...RECORD_FINDING_REFS,
        note: Note,
      },
      strict,
    ),
    (i, ctx) => {
      const id = randomUUID();
      return {
        effects: [
          (p) => `INSERT INTO findings (id, case_id, category, severity, title, description, method, recorded_by, recorded_at, activity_id)
            SELECT ${p(id)}, c.id, ${p(i.category)}, ${p(i.severity)}, ${p(i.title)}, ${p(i.description ?? '')}, ${p(i.method ?? null)}, ${p(ctx.actorUserId)}, ${p(ctx.at)}, ${p(i.activityId ?? null)}::uuid FROM c`,
          ...findingClauseEffect(id, i),
        ],
        detail: { findingId: id, category: i.category, severity: i.severity, title: i.title },
      };
    },
  ),
  request_supplement: spec(
    Type.Object({ request: Reason, dueDate: Type.Optional(Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'When the supplier should answer by (information request)' })), note: Note }, strict),
    (i, ctx) => {
      if (i.dueDate && i.dueDate < dateInShanghai(ctx.at)) {
        throw new AppError('validation_failed', `the due date ${i.dueDate} has already passed`, { errors: [{ path: '/body/dueDate', message: 'in the past' }] });
      }
      const id = randomUUID();
      return {
        effects: [
          (p) => `INSERT INTO supplement_requests (id, case_id, request_text, requested_by, requested_at, due_date)
            SELECT ${p(id)}, c.id, ${p(i.request)}, ${p(ctx.actorUserId)}, ${p(ctx.at)}, ${p(i.dueDate ?? null)}::date FROM c`,
        ],
        detail: { requestId: id, ...(i.dueDate ? { dueDate: i.dueDate } : {}) },
      };
    },
  ),
  provide_supplement: spec(NoteInput, (_i, ctx) => ({
    effects: [(p) => `UPDATE supplement_requests s SET answered_at = ${p(ctx.at)} FROM c WHERE s.case_id = c.id AND s.answered_at IS NULL`],
  })),
  submit_assessment: spec(Type.Object({ summary: Reason, note: Note }, strict), (i) => ({ detail: { summary: i.summary } })),
  give_opinion: spec(Type.Object({ recommendation: OutcomeSchema, opinion: Reason, note: Note }, strict), (i, ctx) => {
    const id = randomUUID();
    return {
      effects: [
        (p) => `INSERT INTO expert_opinions (id, case_id, expert_user_id, recommendation, opinion, given_at, review_round)
          SELECT ${p(id)}, c.id, ${p(ctx.actorUserId)}, ${p(i.recommendation)}, ${p(i.opinion)}, ${p(ctx.at)}, c.review_round FROM c`,
      ],
      detail: { opinionId: id, recommendation: i.recommendation },
    };
  }),
  decide: spec(DecideInput, decideEffect),
  release: spec(
    Type.Object({ scope: ReleaseScopeSchema, publicSummary: Type.String({ minLength: 1, maxLength: 4000 }), note: Note }, strict),
    (i, ctx) => {
      checkReleaseSector(i.scope as ReleaseScope, ctx.regimeId);
      return {
        set: { release_scope: i.scope as unknown as SqlParam, public_summary: i.publicSummary, released_at: ctx.at },
        detail: { scope: i.scope },
      };
    },
  ),
  begin_supervision: spec(NoteInput),
  close: spec(NoteInput),
  trigger_rereview: spec(Type.Object({ trigger: TriggerSchema, reason: Reason, note: Note }, strict), (i) => ({
    detail: { trigger: i.trigger, reason: i.reason },
  })),
  revoke: spec(ReasonInput, (i) => ({ detail: { reason: i.reason } })),
  expire: spec(NoteInput),
  reopen: spec(NoteInput, (_i, ctx) => ({ set: { outcome: null, decision_text: null, review_round: ctx.reviewRound + 1 }, detail: { reviewRound: ctx.reviewRound + 1 } })),
} satisfies Record<TransitionAction, ActionSpec<TSchema>>;

export function actionSpec(action: TransitionAction): ActionSpec<TSchema> {
  return ACTION_INPUTS[action] as ActionSpec<TSchema>;
}
