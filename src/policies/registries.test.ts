import { describe, expect, it } from 'vitest';
import type { Actor, OrgKind } from '../domain/actor.ts';
import { ORG_KINDS } from '../domain/actor.ts';
import type { CaseRole } from '../domain/lifecycle.ts';
import { CASE_ROLES } from '../domain/lifecycle.ts';
import { AppError } from '../errors.ts';
import type { CaseRegistryAbility, RegistryAbility } from './registries.ts';
import { CASE_REGISTRY_ABILITIES, REGISTRY_ABILITIES, REGISTRY_ARTICLES, authorizeRegistry, mayUseRegistry, undertakingPending } from './registries.ts';

/* Organisation kind × registry ability, by hand (columns: ORG_KINDS in order, then the public). */
const ORG_MATRIX = `
                           off com exp asr sup opr reg pro asn pub
accreditation.manage        X   X   .   .   .   .   .   .   .   .
accreditation.list          X   X   .   X   .   .   .   .   .   .
consulting.record           X   .   .   .   .   .   .   .   .   .
affiliation.record          X   .   .   .   .   .   .   .   .   .
conflict.declare            X   .   X   X   .   .   .   .   .   .
conflict.list               X   X   .   .   .   .   .   .   .   .
supplier_key.register       .   .   .   .   X   .   .   .   .   .
breach.report               X   X   X   X   X   X   X   X   X   X
breach.triage               X   .   .   .   .   .   .   .   .   .
breach.list                 X   X   .   .   .   .   .   .   .   .
complaint.investigate       X   .   .   .   .   .   .   .   .   .
complaint.list              X   X   .   .   X   .   .   .   .   .
violation.record            X   X   .   .   .   .   .   .   .   .
violation.list              X   X   .   .   .   .   .   .   .   .
`;

/* Case role × case-bound ability (columns: CASE_ROLES in order). */
const CASE_MATRIX = `
                   off com opr pro reg asn sup asr exp rep rcp pub
assignment.draw     X   .   .   .   .   .   .   .   .   .   .   .
assignment.read     X   X   X   X   X   X   X   X   X   .   .   .
case.set_scope      X   .   .   .   .   .   .   .   .   .   .   .
commitment.sign     .   .   .   .   .   .   X   .   .   .   .   .
commitment.read     X   X   X   X   X   .   X   X   X   .   .   .
complaint.file      .   .   .   .   .   .   X   .   .   .   .   .
flag.resolve        X   .   .   .   .   .   .   .   .   .   .   .
`;

function parse(m: string): [string, boolean[]][] {
  return m.trim().split('\n').slice(1).map((l) => {
    const [name, ...cells] = l.trim().split(/\s+/);
    return [name!, cells.map((x) => x === 'X')];
  });
}

function user(orgKind: OrgKind): Actor {
  return { kind: 'user', userId: 'u', username: 'u', displayName: 'u', orgId: 'o', orgKind, orgName: 'o', orgSector: null, locale: 'en' };
}

describe('registry abilities (Art. 3, 7, 11, 12, 14, 15)', () => {
  const org = parse(ORG_MATRIX);
  it('the matrices name every ability, and each cites an article', () => {
    expect(org.map(([a]) => a).sort()).toEqual(Object.keys(REGISTRY_ABILITIES).sort());
    expect(parse(CASE_MATRIX).map(([a]) => a).sort()).toEqual(Object.keys(CASE_REGISTRY_ABILITIES).sort());
    for (const a of [...Object.keys(REGISTRY_ABILITIES), ...Object.keys(CASE_REGISTRY_ABILITIES)]) expect(REGISTRY_ARTICLES[a as RegistryAbility].length).toBeGreaterThan(0);
  });
  for (const [ability, cells] of org) {
    it(`${ability}: org kind × allowed`, () => {
      ORG_KINDS.forEach((kind, i) => {
        expect(mayUseRegistry(user(kind), ability as RegistryAbility), kind).toBe(cells[i]);
        if (cells[i]) expect(() => authorizeRegistry(user(kind), ability as RegistryAbility)).not.toThrow();
        else expect(() => authorizeRegistry(user(kind), ability as RegistryAbility)).toThrow(AppError);
      });
      const pub = cells[ORG_KINDS.length]!;
      expect(mayUseRegistry({ kind: 'public' }, ability as RegistryAbility)).toBe(pub);
      if (!pub) expect(() => authorizeRegistry({ kind: 'public' }, ability as RegistryAbility)).toThrow(/Sign-in|may not/);
      expect(() => authorizeRegistry({ kind: 'system', purpose: 'cli' }, ability as RegistryAbility)).not.toThrow();
    });
  }
  for (const [ability, cells] of parse(CASE_MATRIX)) {
    it(`${ability}: case role × allowed`, () => {
      const allowed: readonly CaseRole[] = CASE_REGISTRY_ABILITIES[ability as CaseRegistryAbility];
      CASE_ROLES.forEach((role, i) => expect(allowed.includes(role), role).toBe(cells[i]));
    });
  }
  it('Art. 12: findings are sealed for an assessor or expert until the undertaking is accepted', () => {
    expect(undertakingPending(['assessor'], false)).toBe(true);
    expect(undertakingPending(['expert'], false)).toBe(true);
    expect(undertakingPending(['expert'], true)).toBe(false);
    expect(undertakingPending(['office', 'expert'], false)).toBe(false);
    expect(undertakingPending(['supplier'], false)).toBe(false);
  });
});
