import { describe, expect, it } from 'vitest';
import type { Actor, OrgKind } from '../domain/actor.ts';
import { ORG_KINDS } from '../domain/actor.ts';
import type { CaseRole } from '../domain/lifecycle.ts';
import { CASE_ROLES } from '../domain/lifecycle.ts';
import { AppError } from '../errors.ts';
import type { CaseAccessFacts } from './index.ts';
import type { SupplyChainAbility } from './supply-chain.ts';
import { SUPPLY_CHAIN_ABILITIES, SUPPLY_CHAIN_ARTICLES, SUPPLY_CHAIN_CASE_ABILITIES, authorizeSupplyChain, authorizeSupplyChainRead, canUseSupplyChain } from './supply-chain.ts';

/*
 * Case role × supply-chain ability, written out by hand (columns are CASE_ROLES in order):
 * X allows, 4 = the case is visible but the role may not (403), . = the case is not even visible (404).
 */
const CASE_MATRIX = `
                    off com opr pro reg asn sup asr exp rep rcp pub
supply_chain.read    X   4   4   4   4   4   X   X   X   4   4   .
`;

/* Organisation kind × portfolio-wide ability (columns are ORG_KINDS in order). */
const ORG_MATRIX = `
                         off com exp asr sup opr reg pro asn
advisory.import           X   .   .   .   .   .   .   .   .
advisory.read_impact      X   .   .   .   .   .   .   .   .
portfolio.read            X   .   .   .   .   .   .   .   .
`;

function user(orgKind: OrgKind, sector: string | null = null): Actor {
  return { kind: 'user', userId: 'u1', username: 'u', displayName: 'u', orgId: 'o1', orgKind, orgName: 'o', orgSector: sector, locale: 'en' };
}

const NONE: CaseAccessFacts = {
  state: 'assessing', sector: 'energy', supplier_org_id: null, operator_org_id: null, association_org_id: null, reporter_user_id: null,
  assessor_org_id: null, release_scope: null, actor_is_expert: false, actor_undertaking: false,
};

/** An actor holding exactly `role` on a case (besides `public`), and the case. */
const HOLDING = {
  office: [user('review_office'), NONE],
  committee: [user('review_committee'), NONE],
  operator: [user('cii_operator'), { ...NONE, operator_org_id: 'o1' }],
  protection_dept: [user('cii_protection_department', 'energy'), NONE],
  regulator: [user('sector_regulator', 'energy'), NONE],
  association: [user('industry_association'), { ...NONE, association_org_id: 'o1' }],
  supplier: [user('supplier'), { ...NONE, supplier_org_id: 'o1' }],
  assessor: [user('third_party_assessor'), { ...NONE, assessor_org_id: 'o1' }],
  expert: [user('experts_committee'), { ...NONE, actor_is_expert: true }],
  reporter: [user('cii_operator'), { ...NONE, reporter_user_id: 'u1' }],
  recipient: [user('cii_operator'), { ...NONE, release_scope: { kind: 'organisations', orgIds: ['o1'] } }],
  public: [{ kind: 'public' }, NONE],
} as const satisfies Record<CaseRole, readonly [Actor, CaseAccessFacts]>;

function outcome(fn: () => void): string {
  try {
    fn();
    return 'X';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e.status === 403 ? '4' : e.status === 404 ? '.' : `?${e.code}`;
  }
}

describe('supply-chain abilities', () => {
  const caseRows = CASE_MATRIX.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
  const orgRows = ORG_MATRIX.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));

  it('the matrices name every ability, and each ability cites its articles', () => {
    expect(caseRows.map((r) => r[0]).sort()).toEqual(Object.keys(SUPPLY_CHAIN_CASE_ABILITIES).sort());
    expect(orgRows.map((r) => r[0]).sort()).toEqual(Object.keys(SUPPLY_CHAIN_ABILITIES).sort());
    expect(Object.keys(SUPPLY_CHAIN_ARTICLES).sort()).toEqual([...Object.keys(SUPPLY_CHAIN_CASE_ABILITIES), ...Object.keys(SUPPLY_CHAIN_ABILITIES)].sort());
  });

  for (const [ability, ...cells] of caseRows) {
    it(`${ability}: case role × outcome`, () => {
      const got = CASE_ROLES.map((role) => {
        const [actor, facts] = HOLDING[role];
        return outcome(() => authorizeSupplyChainRead(actor, facts));
      });
      expect(got).toEqual(cells);
    });
  }

  it('an unknown case is not found for anyone', () => {
    expect(outcome(() => authorizeSupplyChainRead(user('review_office'), undefined))).toBe('.');
  });

  for (const [ability, ...cells] of orgRows) {
    it(`${ability}: org kind × allowed`, () => {
      ORG_KINDS.forEach((kind, i) => {
        const allowed = cells[i] === 'X';
        expect(canUseSupplyChain(user(kind), ability as SupplyChainAbility), kind).toBe(allowed);
        expect(outcome(() => authorizeSupplyChain(user(kind), ability as SupplyChainAbility)), kind).toBe(allowed ? 'X' : '4');
      });
    });
  }

  it('the public must sign in; the platform itself (CLI, jobs) may import', () => {
    expect(() => authorizeSupplyChain({ kind: 'public' }, 'advisory.import')).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
    expect(() => authorizeSupplyChain({ kind: 'system', purpose: 'cli' }, 'advisory.import')).not.toThrow();
  });
});
