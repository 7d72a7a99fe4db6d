/**
 * One actor for every case role and the case facts that give it that role, shared by the policy
 * matrix tests (each ability × role is checked against these holders).
 */
import { randomUUID } from 'node:crypto';
import type { Actor, OrgKind, UserActor } from '../src/domain/actor.ts';
import type { CaseRole } from '../src/domain/lifecycle.ts';
import { AppError } from '../src/errors.ts';
import type { CaseAccessFacts } from '../src/policies/index.ts';

export const ORG = {
  supplier: randomUUID(),
  operator: randomUUID(),
  association: randomUUID(),
  assessor: randomUUID(),
  recipient: randomUUID(),
};
export const REPORTER_USER = randomUUID();

export function user(orgKind: OrgKind, orgId = randomUUID(), orgSector: string | null = null, userId = randomUUID()): UserActor {
  return { kind: 'user', userId, username: `u-${userId.slice(0, 8)}`, displayName: 'Test', orgId, orgKind, orgName: `${orgKind} org`, orgSector, locale: 'en' };
}

/** A case in assessment on which each holder below holds exactly its role. */
export function baseFacts(over: Partial<CaseAccessFacts> = {}): CaseAccessFacts {
  return {
    state: 'assessing',
    sector: 'energy',
    supplier_org_id: ORG.supplier,
    operator_org_id: ORG.operator,
    association_org_id: ORG.association,
    reporter_user_id: REPORTER_USER,
    assessor_org_id: ORG.assessor,
    release_scope: { kind: 'organisations', orgIds: [ORG.recipient] },
    actor_is_expert: false,
    actor_undertaking: false,
    ...over,
  };
}

export const HOLDERS: Record<CaseRole, { actor: Actor; facts?: Partial<CaseAccessFacts> }> = {
  office: { actor: user('review_office') },
  committee: { actor: user('review_committee') },
  operator: { actor: user('cii_operator', ORG.operator) },
  protection_dept: { actor: user('cii_protection_department', undefined, 'energy') },
  regulator: { actor: user('sector_regulator', undefined, 'energy') },
  association: { actor: user('industry_association', ORG.association) },
  supplier: { actor: user('supplier', ORG.supplier) },
  assessor: { actor: user('third_party_assessor', ORG.assessor) },
  expert: { actor: user('experts_committee'), facts: { actor_is_expert: true } },
  reporter: { actor: user('supplier', undefined, null, REPORTER_USER) },
  recipient: { actor: user('cii_operator', ORG.recipient, 'transport') },
  public: { actor: { kind: 'public' } },
};

/** The refusal a call throws (an AppError), or a failure when it does not refuse. */
export function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused with an AppError');
}
