/**
 * The case lifecycle: the single source of truth for which action moves a case from which state
 * to which, who may take it, and the guard it must pass. The article each action rests on lives
 * in the regime profile (`citations`), because numbering differs between regimes.
 */

export const CASE_STATES = [
  'intake',
  'determination',
  'triage',
  'planning',
  'assessing',
  'awaiting_supplement',
  'expert_evaluation',
  'decided',
  'released',
  'supervision',
  'rereview',
  'closed_not_required',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Roles a party can hold on a case. `public` is anyone, signed in or not. */
export const CASE_ROLES = [
  'office',
  'committee',
  'operator',
  'protection_dept',
  'regulator',
  'association',
  'supplier',
  'assessor',
  'expert',
  'reporter',
  /** A named organisation or sector the result was released to (Art. 8 "within a certain scope"). */
  'recipient',
  'public',
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const OUTCOMES = ['passed', 'passed_with_conditions', 'not_passed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Facts a guard may look at; loaded with the case in the same query. */
export interface GuardFacts {
  origin: CaseOrigin;
  assessorAssigned: boolean;
  expertCount: number;
  opinionCount: number;
  findingCount: number;
  outcome: Outcome | null;
  /** Open information requests to the supplier. */
  openSupplementRequests: number;
  materialCount: number;
  /** The running stage clock has an extension left under the regime's clock rule. */
  clockExtendable: boolean;
  /** An Experts Committee panel was formed for this review round (Art. 6). */
  panelFormed?: boolean;
  /** That panel's comprehensive assessment is signed. */
  panelAssessmentSigned?: boolean;
  /** The acting expert declared a conflict and was recused from this round's panel. */
  actorRecused?: boolean;
}

export const CASE_ORIGINS = ['cii_procurement', 'national_requirement', 'association_request', 'user_report', 'sector_review'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export type GuardId = keyof typeof GUARDS;

/** Guards return null when satisfied, or the reason (a stable code) they are not. */
export const GUARDS = {
  assessorAssigned: (f: GuardFacts) => (f.assessorAssigned ? null : 'assessor_not_assigned'),
  expertsAssigned: (f: GuardFacts) => (f.expertCount > 0 ? null : 'no_expert_assigned'),
  // With a formed panel, the signed comprehensive assessment (quorum scored, Art. 6) is what the
  // decision rests on; without one, every assigned expert's opinion.
  allOpinionsIn: (f: GuardFacts) =>
    f.panelFormed
      ? f.panelAssessmentSigned ? null : 'comprehensive_assessment_not_signed'
      : f.expertCount > 0 && f.opinionCount >= f.expertCount ? null : 'expert_opinions_missing',
  notRecused: (f: GuardFacts) => (f.actorRecused ? 'expert_recused_for_a_conflict' : null),
  materialProvided: (f: GuardFacts) => (f.materialCount > 0 ? null : 'no_material_provided'),
  approved: (f: GuardFacts) => (f.outcome === 'passed' || f.outcome === 'passed_with_conditions' ? null : 'outcome_not_approved'),
  notApproved: (f: GuardFacts) => (f.outcome === 'not_passed' ? null : 'outcome_approved'),
  clockExtendable: (f: GuardFacts) => (f.clockExtendable ? null : 'no_clock_extension_available'),
} as const satisfies Record<string, (f: GuardFacts) => string | null>;

export interface TransitionRule {
  to: CaseState;
  roles: readonly CaseRole[];
  guard?: GuardId;
  /** The clock is paused while the case waits on the supplier (time waiting does not count). */
  clock?: 'pause' | 'resume';
}

/** Actions that create a case: no `from` state. */
export const CREATE_ACTIONS = {
  declare_procurement: { to: 'determination', roles: ['operator'], origin: 'cii_procurement' },
  open_review: { to: 'triage', roles: ['office'], origin: 'national_requirement' },
  open_sector_review: { to: 'triage', roles: ['regulator'], origin: 'sector_review' },
  request_review: { to: 'intake', roles: ['association'], origin: 'association_request' },
  report_concern: { to: 'intake', roles: ['public'], origin: 'user_report' },
} as const satisfies Record<string, { to: CaseState; roles: readonly CaseRole[]; origin: CaseOrigin }>;
export type CreateAction = keyof typeof CREATE_ACTIONS;


/**
 * state × action → rule. Self-loops (`to` equal to the state) are recorded steps that don't move
 * the case, such as assigning an assessor during planning.
 */
export const TRANSITIONS = {
  intake: {
    accept: { to: 'triage', roles: ['office'] },
    dismiss: { to: 'closed_not_required', roles: ['office'] },
    withdraw: { to: 'closed', roles: ['association'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  determination: {
    extend_clock: { to: 'determination', roles: ['office'], guard: 'clockExtendable' },
    determine_affects_security: { to: 'triage', roles: ['protection_dept'] },
    determine_no_impact: { to: 'closed_not_required', roles: ['protection_dept'] },
    withdraw: { to: 'closed', roles: ['operator'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  triage: {
    extend_clock: { to: 'triage', roles: ['office'], guard: 'clockExtendable' },
    open: { to: 'planning', roles: ['office'] },
    decline: { to: 'closed_not_required', roles: ['office'] },
    withdraw: { to: 'closed', roles: ['operator', 'association'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  planning: {
    extend_clock: { to: 'planning', roles: ['office'], guard: 'clockExtendable' },
    assign_assessor: { to: 'planning', roles: ['office'] },
    assign_expert: { to: 'planning', roles: ['office'] },
    start_assessment: { to: 'assessing', roles: ['office'], guard: 'assessorAssigned' },
    withdraw: { to: 'closed', roles: ['operator', 'association'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  assessing: {
    extend_clock: { to: 'assessing', roles: ['office'], guard: 'clockExtendable' },
    assign_expert: { to: 'assessing', roles: ['office'] },
    record_finding: { to: 'assessing', roles: ['assessor'] },
    request_supplement: { to: 'awaiting_supplement', roles: ['assessor', 'office'], clock: 'pause' },
    submit_assessment: { to: 'expert_evaluation', roles: ['assessor'], guard: 'expertsAssigned' },
    withdraw: { to: 'closed', roles: ['operator', 'association'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  awaiting_supplement: {
    provide_supplement: { to: 'assessing', roles: ['supplier'], guard: 'materialProvided', clock: 'resume' },
    withdraw: { to: 'closed', roles: ['operator', 'association'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  expert_evaluation: {
    extend_clock: { to: 'expert_evaluation', roles: ['office'], guard: 'clockExtendable' },
    give_opinion: { to: 'expert_evaluation', roles: ['expert'], guard: 'notRecused' },
    decide: { to: 'decided', roles: ['office'], guard: 'allOpinionsIn' },
    withdraw: { to: 'closed', roles: ['operator', 'association'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  decided: {
    release: { to: 'released', roles: ['office'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  released: {
    begin_supervision: { to: 'supervision', roles: ['office'], guard: 'approved' },
    close: { to: 'closed', roles: ['office'], guard: 'notApproved' },
  },
  supervision: {
    trigger_rereview: { to: 'rereview', roles: ['office', 'regulator'] },
    revoke: { to: 'closed', roles: ['office'] },
    expire: { to: 'closed', roles: ['office'] },
  },
  rereview: {
    reopen: { to: 'triage', roles: ['office'] },
    terminate: { to: 'closed', roles: ['office'] },
  },
  closed_not_required: {},
  closed: {},
} as const satisfies Record<CaseState, Record<string, TransitionRule>>;

type TransitionTable = typeof TRANSITIONS;
export type TransitionAction = { [S in CaseState]: keyof TransitionTable[S] }[CaseState] & string;
export type CaseAction = TransitionAction | CreateAction;

export const TRANSITION_ACTIONS: readonly TransitionAction[] = [
  ...new Set(CASE_STATES.flatMap((s) => Object.keys(TRANSITIONS[s]) as TransitionAction[])),
];
export const CREATE_ACTION_NAMES = Object.keys(CREATE_ACTIONS) as CreateAction[];
export const ALL_CASE_ACTIONS: readonly CaseAction[] = [...CREATE_ACTION_NAMES, ...TRANSITION_ACTIONS];

export function ruleFor(state: CaseState, action: string): TransitionRule | undefined {
  const row = TRANSITIONS[state] as Record<string, TransitionRule>;
  return Object.prototype.hasOwnProperty.call(row, action) ? row[action] : undefined;
}

/** Terminal states: nothing further can happen. */
export function isTerminal(state: CaseState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

export function isCaseState(s: string): s is CaseState {
  return (CASE_STATES as readonly string[]).includes(s);
}

export type ActionCheck =
  | { ok: true; rule: TransitionRule }
  | { ok: false; reason: 'illegal_in_state' }
  | { ok: false; reason: 'role_not_allowed' }
  | { ok: false; reason: 'guard_failed'; guard: GuardId; detail: string };

/** Is `action` legal now for someone holding `roles`? Pure: the policy layer and services share it. */
export function checkAction(state: CaseState, action: string, roles: ReadonlySet<CaseRole>, facts: GuardFacts): ActionCheck {
  const rule = ruleFor(state, action);
  if (!rule) return { ok: false, reason: 'illegal_in_state' };
  if (!rule.roles.some((r) => roles.has(r))) return { ok: false, reason: 'role_not_allowed' };
  if (rule.guard) {
    const detail = GUARDS[rule.guard](facts);
    if (detail) return { ok: false, reason: 'guard_failed', guard: rule.guard, detail };
  }
  return { ok: true, rule };
}

/** The actions the holder of `roles` could take now (guards included). */
export function legalActions(state: CaseState, roles: ReadonlySet<CaseRole>, facts: GuardFacts): TransitionAction[] {
  return (Object.keys(TRANSITIONS[state]) as TransitionAction[]).filter((a) => checkAction(state, a, roles, facts).ok);
}

/** Every action the table allows in `state`, whoever takes it (for 409 answers). */
export function actionsInState(state: CaseState): TransitionAction[] {
  return Object.keys(TRANSITIONS[state]) as TransitionAction[];
}
