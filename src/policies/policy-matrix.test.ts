import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HOLDERS, baseFacts, thrown, user } from '../../test/role-holders.ts';
import type { Actor, OrgKind } from '../domain/actor.ts';
import { ORG_KINDS } from '../domain/actor.ts';
import type { CaseAction, CaseRole, CaseState, CreateAction, GuardFacts, TransitionAction, TransitionRule } from '../domain/lifecycle.ts';
import { ALL_CASE_ACTIONS, CASE_ROLES, CASE_STATES, CREATE_ACTIONS, TRANSITIONS, checkAction, isTerminal, legalActions } from '../domain/lifecycle.ts';
import type { CaseAbility, CaseAccessFacts } from './index.ts';
import {
  ABILITY_ARTICLES,
  CASE_ABILITIES,
  authorizeCase,
  authorizeCreate,
  authorizeMaterialRead,
  authorizeTransition,
  can,
  caseRoles,
  caseVisibilitySql,
  creatableActions,
  creatorRoles,
  serializeAbilities,
} from './index.ts';

/*
 * The role × action matrix, written out by hand. Columns are CASE_ROLES in order; `X` allows, `.`
 * denies. Transition rows are `state.action`; create rows are the bare action. Any change to who may
 * do what has to be made here as well, deliberately.
 */
const COLUMNS = 'office committee operator protection_dept regulator association supplier assessor expert reporter recipient public';
const MATRIX = `
                                          off com opr pro reg asn sup asr exp rep rcp pub
declare_procurement                        .   .   X   .   .   .   .   .   .   .   .   .
open_review                                X   .   .   .   .   .   .   .   .   .   .   .
open_sector_review                         .   .   .   .   X   .   .   .   .   .   .   .
request_review                             .   .   .   .   .   X   .   .   .   .   .   .
report_concern                             .   .   .   .   .   .   .   .   .   .   .   X
intake.accept                              X   .   .   .   .   .   .   .   .   .   .   .
intake.dismiss                             X   .   .   .   .   .   .   .   .   .   .   .
intake.withdraw                            .   .   .   .   .   X   .   .   .   .   .   .
intake.terminate                           X   .   .   .   .   .   .   .   .   .   .   .
determination.extend_clock                 X   .   .   .   .   .   .   .   .   .   .   .
determination.determine_affects_security   .   .   .   X   .   .   .   .   .   .   .   .
determination.determine_no_impact          .   .   .   X   .   .   .   .   .   .   .   .
determination.withdraw                     .   .   X   .   .   .   .   .   .   .   .   .
determination.terminate                    X   .   .   .   .   .   .   .   .   .   .   .
triage.extend_clock                        X   .   .   .   .   .   .   .   .   .   .   .
triage.open                                X   .   .   .   .   .   .   .   .   .   .   .
triage.decline                             X   .   .   .   .   .   .   .   .   .   .   .
triage.withdraw                            .   .   X   .   .   X   .   .   .   .   .   .
triage.terminate                           X   .   .   .   .   .   .   .   .   .   .   .
planning.extend_clock                      X   .   .   .   .   .   .   .   .   .   .   .
planning.assign_assessor                   X   .   .   .   .   .   .   .   .   .   .   .
planning.assign_expert                     X   .   .   .   .   .   .   .   .   .   .   .
planning.start_assessment                  X   .   .   .   .   .   .   .   .   .   .   .
planning.withdraw                          .   .   X   .   .   X   .   .   .   .   .   .
planning.terminate                         X   .   .   .   .   .   .   .   .   .   .   .
assessing.extend_clock                     X   .   .   .   .   .   .   .   .   .   .   .
assessing.assign_expert                    X   .   .   .   .   .   .   .   .   .   .   .
assessing.record_finding                   .   .   .   .   .   .   .   X   .   .   .   .
assessing.request_supplement               X   .   .   .   .   .   .   X   .   .   .   .
assessing.submit_assessment                .   .   .   .   .   .   .   X   .   .   .   .
assessing.withdraw                         .   .   X   .   .   X   .   .   .   .   .   .
assessing.terminate                        X   .   .   .   .   .   .   .   .   .   .   .
awaiting_supplement.provide_supplement     .   .   .   .   .   .   X   .   .   .   .   .
awaiting_supplement.withdraw               .   .   X   .   .   X   .   .   .   .   .   .
awaiting_supplement.terminate              X   .   .   .   .   .   .   .   .   .   .   .
expert_evaluation.extend_clock             X   .   .   .   .   .   .   .   .   .   .   .
expert_evaluation.give_opinion             .   .   .   .   .   .   .   .   X   .   .   .
expert_evaluation.decide                   X   .   .   .   .   .   .   .   .   .   .   .
expert_evaluation.withdraw                 .   .   X   .   .   X   .   .   .   .   .   .
expert_evaluation.terminate                X   .   .   .   .   .   .   .   .   .   .   .
decided.release                            X   .   .   .   .   .   .   .   .   .   .   .
decided.terminate                          X   .   .   .   .   .   .   .   .   .   .   .
released.begin_supervision                 X   .   .   .   .   .   .   .   .   .   .   .
released.close                             X   .   .   .   .   .   .   .   .   .   .   .
supervision.trigger_rereview               X   .   .   .   X   .   .   .   .   .   .   .
supervision.revoke                         X   .   .   .   .   .   .   .   .   .   .   .
supervision.expire                         X   .   .   .   .   .   .   .   .   .   .   .
rereview.reopen                            X   .   .   .   .   .   .   .   .   .   .   .
rereview.terminate                         X   .   .   .   .   .   .   .   .   .   .   .
`;

/** Abilities other than lifecycle actions, same columns. */
const ABILITY_MATRIX = `
                                          off com opr pro reg asn sup asr exp rep rcp pub
case.read                                  X   X   X   X   X   X   X   X   X   X   X   .
case.read_timeline                         X   X   X   X   X   X   X   X   X   .   .   .
case.read_findings                         X   X   .   .   X   .   X   X   X   .   .   .
case.read_opinions                         X   X   .   .   .   .   .   .   X   .   .   .
case.read_decision                         X   X   X   X   X   X   X   X   X   .   X   .
material.list                              X   X   .   .   .   .   X   X   X   .   .   .
material.upload                            .   .   .   .   .   .   X   .   .   .   .   .
material.read                              X   .   .   .   .   .   X   X   X   .   .   .
material.access_log                        X   .   .   .   .   .   X   .   .   .   .   .
undertaking.accept                         X   X   .   .   X   .   .   X   X   .   .   .
`;

function parseGrid(grid: string): Map<string, Set<CaseRole>> {
  const out = new Map<string, Set<CaseRole>>();
  for (const line of grid.trim().split('\n').slice(1)) {
    const [key, ...cells] = line.trim().split(/\s+/);
    expect(cells, `row ${key}`).toHaveLength(CASE_ROLES.length);
    expect(out.has(key!), `duplicate row ${key}`).toBe(false);
    out.set(key!, new Set(CASE_ROLES.filter((_, i) => cells[i] === 'X')));
  }
  return out;
}

const EXPECTED = parseGrid(MATRIX);
const EXPECTED_ABILITIES = parseGrid(ABILITY_MATRIX);

const transitionRows = (): [CaseState, TransitionAction, TransitionRule][] =>
  CASE_STATES.flatMap((s) => Object.entries(TRANSITIONS[s] as Record<string, TransitionRule>).map(([a, r]) => [s, a as TransitionAction, r] as [CaseState, TransitionAction, TransitionRule]));

/** Facts under which the guard of `action` holds. */
function passingFacts(action: string): GuardFacts {
  return {
    origin: 'cii_procurement',
    assessorAssigned: true,
    expertCount: 1,
    opinionCount: 1,
    findingCount: 1,
    outcome: action === 'close' ? 'not_passed' : 'passed',
    openSupplementRequests: 1,
    materialCount: 1,
    clockExtendable: true,
  };
}

// --- One actor per role: each holds exactly that role (and `public`) on BASE. ---

const BASE: CaseAccessFacts = baseFacts();

function factsFor(role: CaseRole, over: Partial<CaseAccessFacts> = {}): CaseAccessFacts {
  return { ...BASE, ...HOLDERS[role].facts, ...over };
}


describe('the expected matrix itself', () => {
  it('has its columns in CASE_ROLES order', () => {
    expect(COLUMNS.split(' ')).toEqual([...CASE_ROLES]);
  });

  it('has a row for exactly every create action and every (state, action) of the table', () => {
    const keys = [...Object.keys(CREATE_ACTIONS), ...transitionRows().map(([s, a]) => `${s}.${a}`)];
    expect([...EXPECTED.keys()].sort()).toEqual(keys.sort());
  });

  it('covers every action in ALL_CASE_ACTIONS', () => {
    const actionsInGrid = new Set([...EXPECTED.keys()].map((k) => k.split('.').at(-1)));
    expect([...actionsInGrid].sort()).toEqual([...ALL_CASE_ACTIONS].sort());
  });

  it('has a row for exactly every ability', () => {
    expect([...EXPECTED_ABILITIES.keys()].sort()).toEqual(Object.keys(CASE_ABILITIES).sort());
    expect(Object.keys(ABILITY_ARTICLES).sort()).toEqual(Object.keys(CASE_ABILITIES).sort());
  });
});

describe('role × action (every action, every role)', () => {
  for (const action of ALL_CASE_ACTIONS) {
    it(`${action}`, () => {
      const create = CREATE_ACTIONS[action as CreateAction];
      const rows = EXPECTED.has(action) ? [[null, action] as const] : transitionRows().filter(([, a]) => a === action).map(([s, a]) => [s, a] as const);
      expect(rows.length, action).toBeGreaterThan(0);
      for (const [state] of rows) {
        const allowed = EXPECTED.get(state ? `${state}.${action}` : action)!;
        for (const role of CASE_ROLES) {
          const label = `${state ?? 'create'}.${action} as ${role}`;
          if (state === null) {
            expect(create.roles.some((r: CaseRole) => r === role), label).toBe(allowed.has(role));
            continue;
          }
          // Pure table check, with the action's guard satisfied.
          const check = checkAction(state, action, new Set([role]), passingFacts(action));
          expect(check.ok, label).toBe(allowed.has(role));
          if (!check.ok) expect(check.reason, label).toBe('role_not_allowed');
          // The same through the policy, as an actor who holds exactly this role on a real-looking case.
          const { actor } = HOLDERS[role];
          const c = factsFor(role, { state });
          if (allowed.has(role)) {
            expect([...authorizeTransition(actor, action as TransitionAction, c, passingFacts(action))].sort(), label).toEqual(['public', role].sort());
          } else {
            const e = thrown(() => authorizeTransition(actor, action as TransitionAction, c, passingFacts(action)));
            // Public alone sees no case: 404, never 403.
            expect(e.code, label).toBe(role === 'public' ? 'not_found' : 'forbidden');
          }
        }
      }
    });
  }

  it('answers illegal_transition with the actions legal now for the caller, whatever the role', () => {
    const e = thrown(() => authorizeTransition(HOLDERS.office.actor, 'decide', factsFor('office', { state: 'triage' }), passingFacts('decide')));
    expect(e.code).toBe('illegal_transition');
    expect(e.status).toBe(409);
    expect(e.extra.legalActions).toEqual(['extend_clock', 'open', 'decline', 'terminate']);
    expect(e.extra.state).toBe('triage');
    const s = thrown(() => authorizeTransition(HOLDERS.supplier.actor, 'decide', factsFor('supplier', { state: 'triage' }), passingFacts('decide')));
    expect(s.code).toBe('illegal_transition');
    expect(s.extra.legalActions).toEqual([]);
  });

  it('answers guard_failed with the guard and its reason', () => {
    const facts = { ...passingFacts('start_assessment'), assessorAssigned: false };
    const e = thrown(() => authorizeTransition(HOLDERS.office.actor, 'start_assessment', factsFor('office', { state: 'planning' }), facts));
    expect(e.code).toBe('guard_failed');
    expect(e.extra).toMatchObject({ guard: 'assessorAssigned', reason: 'assessor_not_assigned' });
  });

  it('says nothing about a case to an outsider, whatever the action or state', () => {
    const outsider = user('supplier');
    for (const [s, a] of transitionRows()) {
      expect(thrown(() => authorizeTransition(outsider, a, { ...BASE, state: s }, passingFacts(a))).code, `${s}.${a}`).toBe('not_found');
    }
    // Not even whether the action is legal: an illegal one is also a 404.
    expect(thrown(() => authorizeTransition(outsider, 'decide', { ...BASE, state: 'triage' }, passingFacts('decide'))).code).toBe('not_found');
  });
});

describe('create actions by organisation kind', () => {
  const EXPECTED_CREATES: Record<OrgKind | 'anonymous', CreateAction[]> = {
    review_office: ['open_review', 'report_concern'],
    review_committee: ['report_concern'],
    experts_committee: ['report_concern'],
    third_party_assessor: ['report_concern'],
    supplier: ['report_concern'],
    cii_operator: ['declare_procurement', 'report_concern'],
    sector_regulator: ['open_sector_review', 'report_concern'],
    cii_protection_department: ['report_concern'],
    industry_association: ['request_review', 'report_concern'],
    anonymous: ['report_concern'],
  };

  it('lists every organisation kind', () => {
    expect(Object.keys(EXPECTED_CREATES).filter((k) => k !== 'anonymous').sort()).toEqual([...ORG_KINDS].sort());
  });

  for (const [kind, allowed] of Object.entries(EXPECTED_CREATES)) {
    it(`${kind}`, () => {
      const actor: Actor = kind === 'anonymous' ? { kind: 'public' } : user(kind as OrgKind, undefined, 'energy');
      expect(creatableActions(actor).sort()).toEqual([...allowed].sort());
      for (const a of Object.keys(CREATE_ACTIONS) as CreateAction[]) {
        if (allowed.includes(a)) expect(() => authorizeCreate(actor, a), a).not.toThrow();
        else expect(thrown(() => authorizeCreate(actor, a)).code, a).toBe(kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
      }
    });
  }

  it('gives the system actor only the public role', () => {
    expect([...creatorRoles({ kind: 'system', purpose: 'test' })]).toEqual(['public']);
  });
});

describe('CASE_ABILITIES per role', () => {
  it('matches the expected ability matrix in an open state', () => {
    for (const [ability, allowed] of EXPECTED_ABILITIES) {
      expect(new Set(CASE_ABILITIES[ability as CaseAbility]), ability).toEqual(allowed);
      for (const role of CASE_ROLES) {
        expect(can(new Set([role]), ability as CaseAbility, { state: 'assessing' }), `${ability} as ${role}`).toBe(allowed.has(role));
      }
    }
  });

  it('refuses upload and undertakings once the case is closed, and nothing else changes', () => {
    for (const state of CASE_STATES.filter(isTerminal)) {
      for (const [ability, allowed] of EXPECTED_ABILITIES) {
        const closedOff = ability === 'material.upload' || ability === 'undertaking.accept';
        for (const role of CASE_ROLES) {
          expect(can(new Set([role]), ability as CaseAbility, { state }), `${state} ${ability} ${role}`).toBe(allowed.has(role) && !closedOff);
        }
      }
    }
  });

  it('goes through authorizeCase: allowed, 403 for a visible role without the ability, 404 for public', () => {
    for (const [ability, allowed] of EXPECTED_ABILITIES) {
      for (const role of CASE_ROLES) {
        const label = `${ability} as ${role}`;
        const { actor } = HOLDERS[role];
        if (allowed.has(role)) expect(() => authorizeCase(actor, ability as CaseAbility, factsFor(role)), label).not.toThrow();
        else expect(thrown(() => authorizeCase(actor, ability as CaseAbility, factsFor(role))).code, label).toBe(role === 'public' ? 'not_found' : 'forbidden');
      }
    }
  });

  it('serializes abilities: roles without public, legal actions, every ability', () => {
    const facts = passingFacts('decide');
    const a = serializeAbilities(HOLDERS.office.actor, factsFor('office', { state: 'expert_evaluation' }), facts);
    expect(a.roles).toEqual(['office']);
    expect(a.actions).toEqual(legalActions('expert_evaluation', new Set(['office', 'public']), facts));
    expect(a.actions).toEqual(['extend_clock', 'decide', 'terminate']);
    expect(Object.keys(a.can).sort()).toEqual(Object.keys(CASE_ABILITIES).sort());
    expect(a.can['case.read_opinions']).toBe(true);
    const s = serializeAbilities(HOLDERS.supplier.actor, factsFor('supplier', { state: 'expert_evaluation' }), facts);
    expect(s.roles).toEqual(['supplier']);
    expect(s.actions).toEqual([]);
    expect(s.can['case.read_opinions']).toBe(false);
    expect(s.can['material.upload']).toBe(true);
  });
});

describe('caseRoles derivation', () => {
  const roles = (actor: Actor, over: Partial<CaseAccessFacts> = {}) => [...caseRoles(actor, { ...BASE, ...over })].sort();

  it('gives each holder exactly its role (and public)', () => {
    for (const role of CASE_ROLES) expect(roles(HOLDERS[role].actor, HOLDERS[role].facts), role).toEqual([...new Set(['public', role])].sort());
  });

  it('gives public and system actors nothing but public, even with nulls on the case', () => {
    const nulls: Partial<CaseAccessFacts> = { supplier_org_id: null, operator_org_id: null, association_org_id: null, reporter_user_id: null, assessor_org_id: null, release_scope: { kind: 'public' }, actor_is_expert: true };
    expect(roles({ kind: 'public' }, nulls)).toEqual(['public']);
    expect(roles({ kind: 'system', purpose: 'x' }, nulls)).toEqual(['public']);
  });

  it('matches sector regulators and protection departments on the case sector only', () => {
    for (const [kind, role] of [['sector_regulator', 'regulator'], ['cii_protection_department', 'protection_dept']] as const) {
      expect(roles(user(kind, undefined, 'energy')), kind).toEqual(['public', role].sort());
      expect(roles(user(kind, undefined, 'finance')), kind).toEqual(['public']);
      expect(roles(user(kind, undefined, 'energy'), { sector: null }), kind).toEqual(['public']);
      expect(roles(user(kind, undefined, null), { sector: null }), kind).toEqual(['public']);
    }
    // Another kind of organisation in the same sector gains nothing from the sector alone.
    expect(roles(user('cii_operator', undefined, 'energy'))).toEqual(['public']);
    expect(roles(user('supplier', undefined, 'energy'))).toEqual(['public']);
  });

  it('makes recipients by release scope: named organisations, or every organisation of the sector', () => {
    const org = randomUUID();
    const inTransport = user('cii_operator', org, 'transport');
    expect(roles(inTransport, { release_scope: { kind: 'organisations', orgIds: [randomUUID(), org] } })).toEqual(['public', 'recipient']);
    expect(roles(inTransport, { release_scope: { kind: 'organisations', orgIds: [randomUUID()] } })).toEqual(['public']);
    expect(roles(inTransport, { release_scope: { kind: 'sector', sector: 'transport' } })).toEqual(['public', 'recipient']);
    expect(roles(inTransport, { release_scope: { kind: 'sector', sector: 'energy' } })).toEqual(['public']);
    expect(roles(user('cii_operator', org, null), { release_scope: { kind: 'sector', sector: 'transport' } })).toEqual(['public']);
    // A public release makes the result public (the register), not the case.
    expect(roles(inTransport, { release_scope: { kind: 'public' } })).toEqual(['public']);
    expect(roles(inTransport, { release_scope: { kind: 'internal' } })).toEqual(['public']);
    expect(roles(inTransport, { release_scope: null })).toEqual(['public']);
    // A sector regulator of the release's sector, on a case of another sector, is a recipient only.
    expect(roles(user('sector_regulator', undefined, 'transport'), { release_scope: { kind: 'sector', sector: 'transport' } })).toEqual(['public', 'recipient']);
  });

  it('makes an expert only through panel membership', () => {
    const expert = user('experts_committee');
    expect(roles(expert)).toEqual(['public']);
    expect(roles(expert, { actor_is_expert: true })).toEqual(['expert', 'public']);
  });

  it('combines roles when one organisation is several parties', () => {
    const org = randomUUID();
    const both = user('supplier', org);
    expect(roles(both, { supplier_org_id: org, assessor_org_id: org })).toEqual(['assessor', 'public', 'supplier']);
  });

  it('is what the list query sees: every org-wide kind sees all, everyone else a filter', () => {
    const p = (() => {
      let n = 0;
      return () => `$${++n}`;
    })();
    expect(caseVisibilitySql(user('review_office'), p)).toBeNull();
    expect(caseVisibilitySql(user('review_committee'), p)).toBeNull();
    for (const kind of ORG_KINDS.filter((k) => k !== 'review_office' && k !== 'review_committee')) {
      expect(caseVisibilitySql(user(kind, undefined, 'energy'), p), kind).toMatch(/^\(.+\)$/s);
    }
  });
});

describe('404, not 403, and the Art. 12 undertaking', () => {
  it('answers not_found for a missing case and for a case the actor holds no role on', () => {
    expect(thrown(() => authorizeCase(HOLDERS.office.actor, 'case.read', undefined)).code).toBe('not_found');
    expect(thrown(() => authorizeCase(user('supplier'), 'case.read', BASE)).code).toBe('not_found');
    expect(thrown(() => authorizeCase(user('supplier'), 'material.read', BASE)).code).toBe('not_found');
    expect(thrown(() => authorizeCase({ kind: 'public' }, 'case.read', { ...BASE, release_scope: { kind: 'public' } })).code).toBe('not_found');
    // A visible role without the ability: 403.
    expect(thrown(() => authorizeCase(HOLDERS.supplier.actor, 'case.read_opinions', factsFor('supplier'))).code).toBe('forbidden');
    expect(thrown(() => authorizeCase(HOLDERS.reporter.actor, 'case.read_timeline', factsFor('reporter'))).status).toBe(403);
  });

  it('asks for the undertaking before anyone but the supplier reads material', () => {
    for (const role of ['office', 'assessor', 'expert'] as const) {
      const e = thrown(() => authorizeMaterialRead(HOLDERS[role].actor, factsFor(role)));
      expect(e.code, role).toBe('undertaking_required');
      expect(e.status, role).toBe(403);
      expect([...authorizeMaterialRead(HOLDERS[role].actor, factsFor(role, { actor_undertaking: true }))].sort(), role).toEqual(['public', role].sort());
    }
    expect(() => authorizeMaterialRead(HOLDERS.supplier.actor, factsFor('supplier'))).not.toThrow();
  });

  it('refuses material to roles without material.read even with an undertaking, and hides it from outsiders', () => {
    for (const role of ['committee', 'regulator', 'operator', 'protection_dept', 'association', 'reporter', 'recipient'] as const) {
      expect(thrown(() => authorizeMaterialRead(HOLDERS[role].actor, factsFor(role, { actor_undertaking: true }))).code, role).toBe('forbidden');
    }
    expect(thrown(() => authorizeMaterialRead(user('supplier'), { ...BASE, actor_undertaking: true })).code).toBe('not_found');
    expect(thrown(() => authorizeMaterialRead({ kind: 'public' }, BASE)).code).toBe('not_found');
  });
});

// Guard against the matrix and the table drifting apart through the union over states.
it('every role named by the table appears in the matrix for that action', () => {
  const byAction = new Map<CaseAction, Set<CaseRole>>();
  for (const [s, a, r] of transitionRows()) {
    const set = byAction.get(a) ?? new Set();
    for (const role of r.roles) set.add(role);
    byAction.set(a, set);
    expect(new Set(r.roles), `${s}.${a}`).toEqual(EXPECTED.get(`${s}.${a}`));
  }
  expect(byAction.size).toBe(ALL_CASE_ACTIONS.length - Object.keys(CREATE_ACTIONS).length);
});
