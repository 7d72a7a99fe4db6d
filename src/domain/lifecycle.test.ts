import { describe, expect, it } from 'vitest';
import type { CaseRole, CaseState, GuardFacts, GuardId, TransitionRule } from './lifecycle.ts';
import {
  ALL_CASE_ACTIONS,
  CASE_ROLES,
  CASE_STATES,
  CREATE_ACTION_NAMES,
  CREATE_ACTIONS,
  GUARDS,
  TRANSITIONS,
  TRANSITION_ACTIONS,
  actionsInState,
  checkAction,
  isCaseState,
  isTerminal,
  legalActions,
  ruleFor,
} from './lifecycle.ts';

/** Facts under which every guard of the table passes (outcome aside: see `approved` / `notApproved`). */
const ALL_MET: GuardFacts = {
  origin: 'cii_procurement',
  assessorAssigned: true,
  expertCount: 2,
  opinionCount: 2,
  findingCount: 1,
  outcome: 'passed',
  openSupplementRequests: 1,
  materialCount: 1,
  clockExtendable: true,
};

/** Facts of a fresh case: no guard but `notApproved`'s opposite can pass. */
const NOTHING: GuardFacts = {
  origin: 'cii_procurement',
  assessorAssigned: false,
  expertCount: 0,
  opinionCount: 0,
  findingCount: 0,
  outcome: null,
  openSupplementRequests: 0,
  materialCount: 0,
  clockExtendable: false,
};

const ALL_ROLES: ReadonlySet<CaseRole> = new Set(CASE_ROLES);
const only = (...r: CaseRole[]): ReadonlySet<CaseRole> => new Set(r);

function rows(): [CaseState, string, TransitionRule][] {
  return CASE_STATES.flatMap((s) => Object.entries(TRANSITIONS[s] as Record<string, TransitionRule>).map(([a, r]) => [s, a, r] as [CaseState, string, TransitionRule]));
}

/**
 * The table's edges written out: `state action → to [guard] [clock]`. A change to any edge, guard or
 * clock effect of the lifecycle has to be made here too, on purpose.
 */
const EXPECTED_EDGES = `
intake              accept                      → triage
intake              dismiss                     → closed_not_required
intake              withdraw                    → closed
intake              terminate                   → closed
determination       extend_clock                → determination       guard:clockExtendable
determination       determine_affects_security  → triage
determination       determine_no_impact         → closed_not_required
determination       withdraw                    → closed
determination       terminate                   → closed
triage              extend_clock                → triage              guard:clockExtendable
triage              open                        → planning
triage              decline                     → closed_not_required
triage              withdraw                    → closed
triage              terminate                   → closed
planning            extend_clock                → planning            guard:clockExtendable
planning            assign_assessor             → planning
planning            assign_expert               → planning
planning            start_assessment            → assessing           guard:assessorAssigned
planning            withdraw                    → closed
planning            terminate                   → closed
assessing           extend_clock                → assessing           guard:clockExtendable
assessing           assign_expert               → assessing
assessing           record_finding              → assessing
assessing           request_supplement          → awaiting_supplement clock:pause
assessing           submit_assessment           → expert_evaluation   guard:expertsAssigned
assessing           withdraw                    → closed
assessing           terminate                   → closed
awaiting_supplement provide_supplement          → assessing           guard:materialProvided clock:resume
awaiting_supplement withdraw                    → closed
awaiting_supplement terminate                   → closed
expert_evaluation   extend_clock                → expert_evaluation   guard:clockExtendable
expert_evaluation   give_opinion                → expert_evaluation   guard:notRecused
expert_evaluation   decide                      → decided             guard:allOpinionsIn
expert_evaluation   withdraw                    → closed
expert_evaluation   terminate                   → closed
decided             release                     → released
decided             terminate                   → closed
released            begin_supervision           → supervision         guard:approved
released            close                       → closed              guard:notApproved
supervision         trigger_rereview            → rereview
supervision         revoke                      → closed
supervision         expire                      → closed
rereview            reopen                      → triage
rereview            terminate                   → closed
`;

function describeRule(s: string, a: string, r: TransitionRule): string {
  return [s, a, '→', r.to, r.guard ? `guard:${r.guard}` : '', r.clock ? `clock:${r.clock}` : ''].filter(Boolean).join(' ');
}

describe('transition table integrity', () => {
  it('has a row for every state and no row for anything else', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_STATES].sort());
    expect(new Set(CASE_STATES).size).toBe(CASE_STATES.length);
  });

  it('matches the expected edges exactly (states, targets, guards, clock effects)', () => {
    const expected = EXPECTED_EDGES.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' '));
    const actual = rows().map(([s, a, r]) => describeRule(s, a, r));
    expect(actual).toEqual(expected);
  });

  it('sends every action to a known state', () => {
    for (const [s, a, r] of rows()) expect(isCaseState(r.to), `${s}.${a} → ${r.to}`).toBe(true);
    for (const [a, c] of Object.entries(CREATE_ACTIONS)) expect(isCaseState(c.to), `${a} → ${c.to}`).toBe(true);
  });

  it('names only known roles, at least one per rule, without duplicates', () => {
    for (const [s, a, r] of rows()) {
      expect(r.roles.length, `${s}.${a}`).toBeGreaterThan(0);
      expect(new Set(r.roles).size, `${s}.${a}`).toBe(r.roles.length);
      for (const role of r.roles) expect(CASE_ROLES, `${s}.${a}`).toContain(role);
    }
  });

  it('names only guards that exist', () => {
    for (const [s, a, r] of rows()) if (r.guard) expect(Object.keys(GUARDS), `${s}.${a}`).toContain(r.guard);
  });

  it('has exactly two terminal states, and they allow no action at all', () => {
    const terminal = CASE_STATES.filter(isTerminal);
    expect(terminal.sort()).toEqual(['closed', 'closed_not_required']);
    for (const s of terminal) {
      expect(actionsInState(s)).toEqual([]);
      expect(legalActions(s, ALL_ROLES, ALL_MET)).toEqual([]);
      for (const a of TRANSITION_ACTIONS) expect(checkAction(s, a, ALL_ROLES, ALL_MET)).toEqual({ ok: false, reason: 'illegal_in_state' });
    }
  });

  it('lets every non-terminal state reach a terminal state', () => {
    for (const start of CASE_STATES.filter((s) => !isTerminal(s))) {
      const seen = new Set<CaseState>([start]);
      const queue: CaseState[] = [start];
      let reached = false;
      while (queue.length) {
        const s = queue.shift()!;
        if (isTerminal(s)) reached = true;
        for (const r of Object.values(TRANSITIONS[s]) as TransitionRule[]) {
          if (!seen.has(r.to)) {
            seen.add(r.to);
            queue.push(r.to);
          }
        }
      }
      expect(reached, `${start} cannot reach a terminal state`).toBe(true);
    }
  });

  it('reaches every state from some create action', () => {
    const seen = new Set<CaseState>(Object.values(CREATE_ACTIONS).map((c) => c.to));
    const queue = [...seen];
    while (queue.length) {
      const s = queue.shift()!;
      for (const r of Object.values(TRANSITIONS[s]) as TransitionRule[]) {
          if (!seen.has(r.to)) {
            seen.add(r.to);
            queue.push(r.to);
          }
        }
    }
    expect([...seen].sort()).toEqual([...CASE_STATES].sort());
  });

  it('gives every open stage before a decision a way to be withdrawn or terminated (DESIGN §2)', () => {
    for (const s of ['intake', 'determination', 'triage', 'planning', 'assessing', 'awaiting_supplement', 'expert_evaluation'] as const) {
      expect(ruleFor(s, 'terminate')?.to, s).toBe('closed');
      expect(ruleFor(s, 'withdraw')?.to, s).toBe('closed');
    }
  });

  it('pauses the clock only into awaiting_supplement and resumes it only out of it', () => {
    for (const [s, a, r] of rows()) {
      if (r.clock === 'pause') expect(r.to, `${s}.${a}`).toBe('awaiting_supplement');
      if (r.clock === 'resume') expect(s, `${s}.${a}`).toBe('awaiting_supplement');
    }
    expect(ruleFor('awaiting_supplement', 'provide_supplement')?.clock).toBe('resume');
  });

  it('lists actions without duplicates and create actions apart from transitions', () => {
    expect(new Set(TRANSITION_ACTIONS).size).toBe(TRANSITION_ACTIONS.length);
    expect(new Set(ALL_CASE_ACTIONS).size).toBe(ALL_CASE_ACTIONS.length);
    expect([...TRANSITION_ACTIONS].sort()).toEqual([...new Set(rows().map(([, a]) => a))].sort());
    for (const c of CREATE_ACTION_NAMES) expect(TRANSITION_ACTIONS as readonly string[]).not.toContain(c);
    expect(ALL_CASE_ACTIONS).toEqual([...CREATE_ACTION_NAMES, ...TRANSITION_ACTIONS]);
  });

  it('creates cases with the expected origin and first state', () => {
    expect(CREATE_ACTIONS).toEqual({
      declare_procurement: { to: 'determination', roles: ['operator'], origin: 'cii_procurement' },
      open_review: { to: 'triage', roles: ['office'], origin: 'national_requirement' },
      open_sector_review: { to: 'triage', roles: ['regulator'], origin: 'sector_review' },
      request_review: { to: 'intake', roles: ['association'], origin: 'association_request' },
      report_concern: { to: 'intake', roles: ['public'], origin: 'user_report' },
    });
  });
});

describe('ruleFor / isCaseState', () => {
  it('finds a rule only for an own action of the state', () => {
    expect(ruleFor('triage', 'open')?.to).toBe('planning');
    expect(ruleFor('triage', 'decide')).toBeUndefined();
    expect(ruleFor('triage', 'no_such_action')).toBeUndefined();
    // Inherited members of a plain object are not actions.
    for (const a of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) expect(ruleFor('triage', a), a).toBeUndefined();
  });

  it('recognises states', () => {
    for (const s of CASE_STATES) expect(isCaseState(s)).toBe(true);
    for (const s of ['', 'Triage', 'open', 'closed ', 'toString']) expect(isCaseState(s), s).toBe(false);
  });
});

describe('checkAction', () => {
  it('says illegal_in_state before looking at roles or guards', () => {
    expect(checkAction('triage', 'decide', only('public'), NOTHING)).toEqual({ ok: false, reason: 'illegal_in_state' });
    expect(checkAction('triage', 'toString', ALL_ROLES, ALL_MET)).toEqual({ ok: false, reason: 'illegal_in_state' });
  });

  it('says role_not_allowed before evaluating the guard', () => {
    // start_assessment's guard fails on NOTHING, but the supplier may not take it in the first place.
    expect(checkAction('planning', 'start_assessment', only('public', 'supplier'), NOTHING)).toEqual({ ok: false, reason: 'role_not_allowed' });
  });

  it('reports the failing guard and its stable reason', () => {
    expect(checkAction('planning', 'start_assessment', only('office'), NOTHING)).toEqual({
      ok: false,
      reason: 'guard_failed',
      guard: 'assessorAssigned',
      detail: 'assessor_not_assigned',
    });
  });

  it('passes with the rule when role and guard hold', () => {
    const r = checkAction('planning', 'start_assessment', only('office'), { ...NOTHING, assessorAssigned: true });
    expect(r).toEqual({ ok: true, rule: TRANSITIONS.planning.start_assessment });
  });

  it('accepts any one of several allowed roles', () => {
    expect(checkAction('assessing', 'request_supplement', only('assessor'), NOTHING).ok).toBe(true);
    expect(checkAction('assessing', 'request_supplement', only('office'), NOTHING).ok).toBe(true);
    expect(checkAction('assessing', 'request_supplement', only('supplier', 'expert', 'public'), NOTHING).ok).toBe(false);
  });

  it('never lets the empty role set do anything', () => {
    for (const [s, a] of rows()) expect(checkAction(s, a, new Set(), ALL_MET).ok, `${s}.${a}`).toBe(false);
  });
});

describe('legalActions / actionsInState', () => {
  it('lists every action of the state, whoever takes it', () => {
    expect(actionsInState('released')).toEqual(['begin_supervision', 'close']);
    expect(actionsInState('closed')).toEqual([]);
  });

  it('filters by role and guard', () => {
    expect(legalActions('triage', only('office'), NOTHING)).toEqual(['open', 'decline', 'terminate']);
    expect(legalActions('triage', only('office'), { ...NOTHING, clockExtendable: true })).toEqual(['extend_clock', 'open', 'decline', 'terminate']);
    expect(legalActions('triage', only('operator'), NOTHING)).toEqual(['withdraw']);
    expect(legalActions('triage', only('supplier', 'public'), NOTHING)).toEqual([]);
    expect(legalActions('planning', only('office'), NOTHING)).toEqual(['assign_assessor', 'assign_expert', 'terminate']);
    expect(legalActions('released', only('office'), { ...NOTHING, outcome: 'passed_with_conditions' })).toEqual(['begin_supervision']);
    expect(legalActions('released', only('office'), { ...NOTHING, outcome: 'not_passed' })).toEqual(['close']);
    expect(legalActions('released', only('office'), NOTHING)).toEqual([]);
  });

  it('is exactly the actions for which checkAction is ok', () => {
    const factsList = [NOTHING, ALL_MET, { ...ALL_MET, outcome: 'not_passed' as const }];
    for (const s of CASE_STATES) {
      for (const role of CASE_ROLES) {
        for (const f of factsList) {
          const expected = actionsInState(s).filter((a) => checkAction(s, a, only(role), f).ok);
          expect(legalActions(s, only(role), f), `${s} ${role}`).toEqual(expected);
        }
      }
    }
  });
});

describe('guards', () => {
  const cases: [GuardId, Partial<GuardFacts>, string | null][] = [
    ['assessorAssigned', {}, 'assessor_not_assigned'],
    ['assessorAssigned', { assessorAssigned: true }, null],
    ['expertsAssigned', {}, 'no_expert_assigned'],
    ['expertsAssigned', { expertCount: 1 }, null],
    ['allOpinionsIn', {}, 'expert_opinions_missing'],
    // No panel is not "all opinions in": a decision needs at least one expert's opinion (Art. 6).
    ['allOpinionsIn', { expertCount: 0, opinionCount: 0 }, 'expert_opinions_missing'],
    ['allOpinionsIn', { expertCount: 2, opinionCount: 1 }, 'expert_opinions_missing'],
    ['allOpinionsIn', { expertCount: 2, opinionCount: 2 }, null],
    ['allOpinionsIn', { expertCount: 1, opinionCount: 3 }, null],
    // With a formed panel (Art. 6), the signed comprehensive assessment decides, not the opinion count.
    ['allOpinionsIn', { panelFormed: true, expertCount: 2, opinionCount: 2 }, 'comprehensive_assessment_not_signed'],
    ['allOpinionsIn', { panelFormed: true, panelAssessmentSigned: true }, null],
    ['notRecused', {}, null],
    ['notRecused', { actorRecused: true }, 'expert_recused_for_a_conflict'],
    ['materialProvided', {}, 'no_material_provided'],
    ['materialProvided', { materialCount: 1 }, null],
    ['approved', {}, 'outcome_not_approved'],
    ['approved', { outcome: 'passed' }, null],
    ['approved', { outcome: 'passed_with_conditions' }, null],
    ['approved', { outcome: 'not_passed' }, 'outcome_not_approved'],
    ['notApproved', {}, 'outcome_approved'],
    ['notApproved', { outcome: 'not_passed' }, null],
    ['notApproved', { outcome: 'passed' }, 'outcome_approved'],
    ['notApproved', { outcome: 'passed_with_conditions' }, 'outcome_approved'],
    ['clockExtendable', {}, 'no_clock_extension_available'],
    ['clockExtendable', { clockExtendable: true }, null],
  ];
  it.each(cases)('%s with %o → %s', (guard, facts, expected) => {
    expect(GUARDS[guard]({ ...NOTHING, ...facts })).toBe(expected);
  });

  it('covers every guard in the list above', () => {
    expect(new Set(cases.map(([g]) => g))).toEqual(new Set(Object.keys(GUARDS)));
  });

  it('makes approved and notApproved mutually exclusive for every outcome', () => {
    for (const outcome of [null, 'passed', 'passed_with_conditions', 'not_passed'] as const) {
      const f = { ...NOTHING, outcome };
      const passes = [GUARDS.approved(f), GUARDS.notApproved(f)].filter((x) => x === null).length;
      expect(passes, String(outcome)).toBe(outcome === null ? 0 : 1);
    }
  });
});
