import type { CaseState, TransitionAction, TransitionRule } from '../../domain/lifecycle.ts';
import type { StageClock } from '../../domain/clock.ts';
import { dateInShanghai, extendClock, pauseClock, resumeClock, startClock } from '../../domain/clock.ts';
import type { RegimeProfile } from '../../regime/types.ts';

/**
 * The stage clock after a step. A state with a rule in the regime starts its own clock; waiting
 * on the supplier pauses the running one and answering resumes it (the waiting time does not
 * count); a state without a rule stops any clock. The 2017 profile has no rules, so its cases
 * carry no clock.
 */
export function clockAfter(profile: RegimeProfile, current: StageClock | null, action: TransitionAction | 'create', to: CaseState, rule: Pick<TransitionRule, 'clock'> | null, at: Date): StageClock | null {
  const today = dateInShanghai(at);
  const cal = profile.calendar;
  if (rule?.clock === 'pause') return current && current.pausedOn === null ? pauseClock(current, today) : current;
  if (rule?.clock === 'resume') return current && current.pausedOn !== null ? resumeClock(current, today, cal) : current;
  if (action === 'extend_clock') {
    const stageRule = current ? profile.clocks[current.stage] : undefined;
    return current && stageRule ? extendClock(current, stageRule, today, cal) : current;
  }
  if (current && current.stage === to) return current;
  const stageRule = profile.clocks[to];
  return stageRule ? startClock(to, stageRule, today, cal) : null;
}

export function clockExtendable(profile: RegimeProfile, clock: StageClock | null): boolean {
  if (!clock) return false;
  const rule = profile.clocks[clock.stage];
  return !!rule?.extensionDays && clock.extendedDays === 0;
}
