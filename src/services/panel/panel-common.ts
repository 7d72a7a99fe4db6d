import type { LoadedCase } from '../../db/repos/cases.ts';
import type { PanelDetail, PanelMemberRow } from '../../db/repos/panels.ts';
import type { CaseState } from '../../domain/lifecycle.ts';
import type { PanelProgress } from '../../domain/panel.ts';
import { AppError } from '../../errors.ts';
import { findRegime } from '../../regime/index.ts';
import type { PanelRules } from '../../regime/types.ts';

/** States in which the Office may (re)compose the panel, and in which experts score (after the third-party assessment, Art. 6). */
export const PANEL_STATES = {
  proposeMembers: ['planning', 'assessing', 'awaiting_supplement', 'expert_evaluation'],
  score: ['expert_evaluation'],
} as const satisfies Record<string, readonly CaseState[]>;

export function inStates(state: CaseState, allowed: readonly CaseState[], what: string): void {
  if (!allowed.includes(state)) throw new AppError('illegal_transition', `${what} is not possible while the case is ${state} (possible in: ${allowed.join(', ')})`, { state });
}

export function panelRules(c: LoadedCase): PanelRules {
  const rules = findRegime(c.regime_id)?.panel;
  if (!rules) throw new AppError('guard_failed', `the regime ${c.regime_id} defines no Experts Committee panel`, { guard: 'panel_rules' });
  return rules;
}

export function requirePanel(p: PanelDetail | undefined, c: LoadedCase): PanelDetail {
  if (!p) throw new AppError('not_found', `no Experts Committee panel has been formed for round ${c.review_round} of case ${c.ref}`);
  return p;
}

export function requireUnsigned(p: PanelDetail): void {
  if (p.assessment) throw new AppError('conflict', `the comprehensive assessment was already signed at ${p.assessment.signed_at.toISOString()}; the panel is closed`);
}

export function memberOf(p: PanelDetail, userId: string): PanelMemberRow {
  const m = p.members.find((x) => x.user_id === userId);
  if (!m) throw new AppError('forbidden', 'you are not a member of this case’s Experts Committee panel');
  return m;
}

export function requireSitting(p: PanelDetail, userId: string): PanelMemberRow {
  const m = memberOf(p, userId);
  if (m.recused_at) throw new AppError('guard_failed', `you were recused on ${m.recused_at.toISOString()} (${m.recusal_reason ?? ''}); a recused expert cannot take part`, { guard: 'not_recused' });
  return m;
}

export function progress(p: PanelDetail): PanelProgress {
  const sitting = p.members.filter((m) => !m.recused_at);
  return { sitting: sitting.length, scored: sitting.filter((m) => m.scored).length, deadline: p.scoring_deadline };
}
