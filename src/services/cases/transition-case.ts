import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { TransitionAction } from '../../domain/lifecycle.ts';
import { isCaseState, ruleFor } from '../../domain/lifecycle.ts';
import type { CaseAbilities } from '../../policies/index.ts';
import { authorizeTransition, serializeAbilities } from '../../policies/index.ts';
import { auditCtes } from '../../audit/log.ts';
import type { CaseRow, LoadedCase } from '../../db/repos/cases.ts';
import { applyTransition, guardFacts, loadCase } from '../../db/repos/cases.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { findRegime } from '../../regime/index.ts';
import { ClockError, dateInShanghai } from '../../domain/clock.ts';
import { validateInput } from '../validate.ts';
import { actionSpec } from './action-inputs.ts';
import { clockAfter, clockExtendable } from './case-clock.ts';
import { diagnoseTarget, targetCondition } from './action-targets.ts';

export interface TransitionCaseInput {
  action: TransitionAction;
  /** The action's own fields (see ACTION_INPUTS). */
  body: unknown;
}

/**
 * One lifecycle step, atomically: the conditional update on the state the case was loaded in, the
 * action's own writes, the clock, and the audit event, in one transaction. If another step won
 * the race the update matches no row and nothing is written.
 */
export async function transitionCase(ctx: ActorContext, loaded: LoadedCase | undefined, input: TransitionCaseInput): Promise<{ row: CaseRow; abilities: CaseAbilities }> {
  if (!loaded) throw new AppError('not_found', 'No such case');
  const profile = findRegime(loaded.regime_id);
  if (!profile) throw new AppError('internal', `case ${loaded.ref} runs under unknown regime ${loaded.regime_id}`);
  const facts = guardFacts(loaded, clockExtendable(profile, loaded.clock));
  authorizeTransition(ctx.actor, input.action, loaded, facts);
  const rule = ruleFor(loaded.state, input.action)!;
  const spec = actionSpec(input.action);
  const body = validateInput(spec.input, input.body ?? {}, '/body') as { note?: string } & Record<string, unknown>;
  const at = ctx.now();
  const effect = spec.effect?.(body, { caseId: loaded.id, reviewRound: loaded.review_round, regimeId: loaded.regime_id, actorUserId: actorUserId(ctx.actor), at }) ?? {};
  let clock;
  try {
    clock = clockAfter(profile, loaded.clock, input.action, rule.to, rule, at);
  } catch (e) {
    if (e instanceof ClockError) throw new AppError('guard_failed', e.message, { guard: 'clock' });
    throw e;
  }
  const today = dateInShanghai(at);
  const event = {
    type: 'case.transitioned' as const,
    actor: ctx.actor,
    at,
    caseId: loaded.id,
    data: {
      ref: loaded.ref,
      action: input.action,
      from: loaded.state,
      to: rule.to,
      articles: [...profile.citations[input.action]],
      ...(body.note ? { note: body.note } : {}),
      ...(effect.detail ? { detail: effect.detail } : {}),
    },
  };
  // One statement is one transaction: the conditional update, the action's own writes and the
  // audit event (written only if the update matched) commit together or not at all.
  const tx = ctx.db.singleStatement();
  let row: CaseRow | undefined;
  try {
    row = await applyTransition(tx, {
      id: loaded.id,
      version: loaded.version,
      from: loaded.state,
      to: rule.to,
      at,
      clock,
      set: effect.set ?? {},
      effects: effect.effects ?? [],
      conditions: targetCondition(input.action, body, today),
      audit: (p) => auditCtes(p, event, 'c'),
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', `"${input.action}" was already recorded for this person on this case`);
    throw e;
  }
  if (!row) {
    throw (await ctx.db.transaction((t) => diagnoseTarget(t, input.action, body, loaded, today))) ??
      new AppError('conflict', `case ${loaded.ref} changed while "${input.action}" was being applied; reload and retry`);
  }
  if (!isCaseState(row.state)) throw new AppError('internal', `unexpected state ${row.state}`);
  const after: LoadedCase = { ...loaded, ...row, actor_is_expert: loaded.actor_is_expert, ...COUNT_DELTAS[input.action]?.(loaded) };
  return { row: after, abilities: serializeAbilities(ctx.actor, after, guardFacts(after, clockExtendable(profile, after.clock))) };
}

/** How a step changes the counts guards look at, so the next abilities need no extra query. */
const COUNT_DELTAS: Partial<Record<TransitionAction, (c: LoadedCase) => Partial<LoadedCase>>> = {
  assign_expert: (c) => ({ expert_count: c.expert_count + 1 }),
  record_finding: (c) => ({ finding_count: c.finding_count + 1 }),
  give_opinion: (c) => ({ opinion_count: c.opinion_count + 1 }),
  request_supplement: (c) => ({ open_supplements: c.open_supplements + 1 }),
  provide_supplement: () => ({ open_supplements: 0 }),
  reopen: () => ({ opinion_count: 0 }),
};

export async function loadCaseForActor(ctx: ActorContext, idOrRef: string): Promise<LoadedCase | undefined> {
  return loadCase(ctx.db, idOrRef, actorUserId(ctx.actor));
}
