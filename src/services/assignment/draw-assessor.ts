import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { CaseState } from '../../domain/lifecycle.ts';
import { DRAW_ALGORITHM, drawIndex, newDrawSeed, sortEligible } from '../../domain/assignment-draw.ts';
import { dateInShanghai } from '../../domain/clock.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { applyTransition, guardFacts } from '../../db/repos/cases.ts';
import { authorizeTransition } from '../../policies/index.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';
import { auditCtes } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { assessorEligibleSql, listEligibleAssessors } from './eligibility.ts';

export const DrawAssessorInput = Type.Object({ note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false });

/**
 * When a draw may happen: in planning, as the lifecycle's `assign_assessor`; later only to replace
 * an assessor removed by an upheld complaint (Art. 14), while the case is still being assessed.
 */
const DRAW_WHEN = {
  planning: 'assign',
  assessing: 'reassign',
  awaiting_supplement: 'reassign',
  expert_evaluation: 'reassign',
} as const satisfies Partial<Record<CaseState, 'assign' | 'reassign'>>;

function drawMode(state: CaseState): 'assign' | 'reassign' | undefined {
  return (DRAW_WHEN as Partial<Record<CaseState, 'assign' | 'reassign'>>)[state];
}

/** Flags a successful draw settles: the case has an assessor it may have again. */
const SETTLED_FLAGS = ['reassignment_required', 'accreditation_suspended', 'accreditation_revoked'];

export interface DrawResult {
  drawId: string;
  algorithm: string;
  seed: string;
  eligible: string[];
  pickIndex: number;
  assessorOrgId: string;
}

/**
 * Art. 7, 11: picks the assessor at random among those accredited for the case's scope and free
 * of conflict, and records seed, list and pick (see `assignment-draw.ts`) with the assignment in
 * one statement; if the pick stopped being eligible meanwhile, nothing is written.
 */
export async function drawAssessor(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<DrawResult> {
  const input = validateInput(DrawAssessorInput, raw ?? {}, '/body');
  authorizeCaseRegistry(ctx.actor, 'assignment.draw', loaded);
  const c = loaded!;
  const mode = drawMode(c.state);
  if (mode === 'assign') authorizeTransition(ctx.actor, 'assign_assessor', c, guardFacts(c, false));
  if (mode === undefined || (mode === 'reassign' && c.assessor_org_id !== null)) {
    throw new AppError('illegal_transition', `an assessor is drawn in planning, or later only after the assigned one was removed; the case is ${c.state}${c.assessor_org_id ? ' with an assessor' : ''}`, { state: c.state });
  }
  const at = ctx.now();
  const today = dateInShanghai(at);
  const eligible = sortEligible(await listEligibleAssessors(ctx.db, c.id, today));
  if (eligible.length === 0) {
    throw new AppError('guard_failed', 'no third-party organisation is accredited for this case’s scope and free of conflict with the supplier (Art. 7, 11)', { guard: 'eligible_assessor' });
  }
  const seed = newDrawSeed();
  const pickIndex = drawIndex(seed, c.id, eligible.length);
  const pick = eligible[pickIndex]!;
  const drawId = randomUUID();
  const by = actorUserId(ctx.actor);
  const tx = ctx.db.singleStatement();
  const row = await applyTransition(tx, {
    id: c.id,
    version: c.version,
    from: c.state,
    to: c.state,
    at,
    clock: c.clock,
    set: { assessor_org_id: pick },
    conditions: [(p) => assessorEligibleSql(`${p(pick)}::uuid`, 'c0', p(today)), ...(mode === 'reassign' ? [() => 'c0.assessor_org_id IS NULL'] : [])],
    effects: [
      (p) => `INSERT INTO assignment_draws (id, case_id, review_round, algorithm, seed, eligible_org_ids, pick_index, picked_org_id, drawn_by, drawn_at)
        SELECT ${p(drawId)}, c.id, c.review_round, ${p(DRAW_ALGORITHM)}, ${p(seed)}, ${p(eligible)}::uuid[], ${p(pickIndex)}, ${p(pick)}, ${p(by)}, ${p(at)} FROM c`,
      (p) => `UPDATE case_flags f SET resolved_at = ${p(at)}, resolved_by = ${p(by)} FROM c
        WHERE f.case_id = c.id AND f.resolved_at IS NULL AND f.kind = ANY (${p(SETTLED_FLAGS)}::text[])`,
    ],
    audit: (p) =>
      auditCtes(p, {
        type: 'assignment.drawn',
        actor: ctx.actor,
        at,
        caseId: c.id,
        subjectId: drawId,
        data: { ref: c.ref, drawId, algorithm: DRAW_ALGORITHM, seed, eligible, pickIndex, assessorOrgId: pick, articles: ['7', '11'], ...(input.note ? { note: input.note } : {}) },
      }, 'c'),
  });
  if (!row) throw new AppError('conflict', `case ${c.ref} or the eligibility of the drawn organisation changed during the draw; nothing was recorded, draw again`);
  return { drawId, algorithm: DRAW_ALGORITHM, seed, eligible, pickIndex, assessorOrgId: pick };
}
