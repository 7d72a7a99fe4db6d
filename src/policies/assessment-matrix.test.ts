import { describe, expect, it } from 'vitest';
import { HOLDERS, baseFacts, thrown, user } from '../../test/role-holders.ts';
import { ORG_KINDS } from '../domain/actor.ts';
import type { CaseRole, CaseState } from '../domain/lifecycle.ts';
import { CASE_ROLES, CASE_STATES } from '../domain/lifecycle.ts';
import type { AssessmentAbility, CaseAccessFacts } from './index.ts';
import { ASSESSMENT_ABILITIES, ASSESSMENT_ABILITY_ARTICLES, assessmentAbilities, authorizeAssessment, authorizeCatalogue, CATALOGUE_ABILITIES } from './index.ts';

/*
 * The role × ability matrix of the assessment stage, written out by hand (columns are CASE_ROLES in
 * order; `X` allows), in a state where every ability is open ('assessing'). Below it, the states
 * each ability is open in. Any change to who may do what has to be made here too, deliberately.
 */
const MATRIX = `
                                          off com opr pro reg asn sup asr exp rep rcp pub
assessment.read_plan                       X   X   .   .   .   .   X   X   X   .   .   .
assessment.plan                            .   .   .   .   .   .   .   X   .   .   .   .
evidence.list                              X   X   .   .   .   .   .   X   X   .   .   .
evidence.add                               .   .   .   .   .   .   .   X   .   .   .   .
evidence.read                              X   .   .   .   .   .   .   X   X   .   .   .
evidence.custody_log                       X   X   .   .   .   .   .   X   X   .   .   .
evidence.transfer                          X   .   .   .   .   .   .   X   .   .   .   .
evidence.seal                              .   .   .   .   .   .   .   X   .   .   .   .
finding.import_sarif                       .   .   .   .   .   .   .   X   .   .   .   .
finding.cite_clauses                       .   .   .   .   .   .   .   X   .   .   .   .
finding.history                            X   X   .   .   X   .   X   X   X   .   .   .
information_request.list                   X   X   .   .   .   .   X   X   X   .   .   .
oscal.export                               X   X   .   .   .   .   .   X   X   .   .   .
`;

const OPEN = 'planning assessing awaiting_supplement';
const NOT_OVER = 'intake determination triage planning assessing awaiting_supplement expert_evaluation decided released supervision rereview';
const STATES: Record<AssessmentAbility, string> = {
  'assessment.read_plan': '*',
  'assessment.plan': OPEN,
  'evidence.list': '*',
  'evidence.add': 'assessing awaiting_supplement',
  'evidence.read': '*',
  'evidence.custody_log': '*',
  'evidence.transfer': NOT_OVER,
  'evidence.seal': NOT_OVER,
  'finding.import_sarif': 'assessing',
  'finding.cite_clauses': 'assessing awaiting_supplement',
  'finding.history': '*',
  'information_request.list': '*',
  'oscal.export': '*',
};

function parseGrid(grid: string): Map<string, Set<CaseRole>> {
  const out = new Map<string, Set<CaseRole>>();
  for (const line of grid.trim().split('\n').slice(1)) {
    const [key, ...cells] = line.trim().split(/\s+/);
    expect(cells, `row ${key}`).toHaveLength(CASE_ROLES.length);
    out.set(key!, new Set(CASE_ROLES.filter((_, i) => cells[i] === 'X')));
  }
  return out;
}
const EXPECTED = parseGrid(MATRIX);

// Here the holders have accepted the undertaking (Art. 12); one test takes it away.
const BASE: CaseAccessFacts = baseFacts({ actor_undertaking: true });
const factsFor = (role: CaseRole, over: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({ ...BASE, ...HOLDERS[role].facts, ...over });


describe('assessment abilities: role × ability', () => {
  it('has a row and an article for exactly every ability', () => {
    expect([...EXPECTED.keys()].sort()).toEqual(Object.keys(ASSESSMENT_ABILITIES).sort());
    expect(Object.keys(ASSESSMENT_ABILITY_ARTICLES).sort()).toEqual(Object.keys(ASSESSMENT_ABILITIES).sort());
  });

  for (const [ability, allowed] of EXPECTED) {
    it(ability, () => {
      for (const role of CASE_ROLES) {
        const { actor } = HOLDERS[role];
        const label = `${ability} as ${role}`;
        if (allowed.has(role)) expect(() => authorizeAssessment(actor, ability as AssessmentAbility, factsFor(role)), label).not.toThrow();
        else expect(thrown(() => authorizeAssessment(actor, ability as AssessmentAbility, factsFor(role))).code, label).toBe(role === 'public' ? 'not_found' : 'forbidden');
        expect(assessmentAbilities(actor, factsFor(role))[ability as AssessmentAbility], label).toBe(allowed.has(role));
      }
    });
  }
});

describe('assessment abilities by case state', () => {
  for (const ability of Object.keys(STATES) as AssessmentAbility[]) {
    it(ability, () => {
      const open = STATES[ability] === '*' ? new Set<CaseState>(CASE_STATES) : new Set(STATES[ability].split(' ') as CaseState[]);
      const role = [...EXPECTED.get(ability)!][0]!;
      for (const state of CASE_STATES) {
        const facts = factsFor(role, { state });
        if (open.has(state)) expect(() => authorizeAssessment(HOLDERS[role].actor, ability, facts), `${ability} in ${state}`).not.toThrow();
        else expect(thrown(() => authorizeAssessment(HOLDERS[role].actor, ability, facts)).code, `${ability} in ${state}`).toBe('forbidden');
      }
    });
  }

  it('asks for the Art. 12 undertaking before evidence is read, from everyone who may read it', () => {
    for (const role of EXPECTED.get('evidence.read')!) {
      expect(thrown(() => authorizeAssessment(HOLDERS[role].actor, 'evidence.read', factsFor(role, { actor_undertaking: false }))).code, role).toBe('undertaking_required');
    }
  });
});

describe('catalogue abilities by organisation kind', () => {
  it('lets every signed-in user read and only the Review Office import', () => {
    expect(Object.keys(CATALOGUE_ABILITIES).sort()).toEqual(['catalogue.import', 'catalogue.read']);
    for (const kind of ORG_KINDS) {
      const u = user(kind);
      expect(() => authorizeCatalogue(u, 'catalogue.read'), kind).not.toThrow();
      if (kind === 'review_office') expect(() => authorizeCatalogue(u, 'catalogue.import')).not.toThrow();
      else expect(thrown(() => authorizeCatalogue(u, 'catalogue.import')).code, kind).toBe('forbidden');
    }
    expect(thrown(() => authorizeCatalogue({ kind: 'public' }, 'catalogue.read')).code).toBe('unauthenticated');
    expect(() => authorizeCatalogue({ kind: 'system', purpose: 'cli' }, 'catalogue.import')).not.toThrow();
  });
});
