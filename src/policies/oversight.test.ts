import { describe, expect, it } from 'vitest';
import type { Actor, OrgKind } from '../domain/actor.ts';
import { ORG_KINDS } from '../domain/actor.ts';
import { AppError } from '../errors.ts';
import type { OversightAbility } from './oversight.ts';
import { OVERSIGHT_ABILITIES, authorizeOversight, canOversee, oversightAbilities } from './oversight.ts';

/* Organisation kind × oversight ability, written out by hand (columns are ORG_KINDS in order). */
const MATRIX = `
                          off com exp asr sup opr reg pro asn
oversight.dashboard        X   X   .   .   .   .   .   .   .
oversight.list_experts     X   X   .   .   .   .   .   .   .
`;

function user(orgKind: OrgKind): Actor {
  return { kind: 'user', userId: 'u', username: 'u', displayName: 'u', orgId: 'o', orgKind, orgName: 'o', orgSector: null, locale: 'en' };
}

describe('oversight abilities', () => {
  const rows = MATRIX.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
  it('the matrix names every ability', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(OVERSIGHT_ABILITIES).sort());
  });
  for (const [ability, ...cells] of rows) {
    it(`${ability}: org kind × allowed`, () => {
      ORG_KINDS.forEach((kind, i) => {
        const allowed = cells[i] === 'X';
        expect(canOversee(user(kind), ability as OversightAbility), `${kind}`).toBe(allowed);
        if (allowed) expect(() => authorizeOversight(user(kind), ability as OversightAbility)).not.toThrow();
        else expect(() => authorizeOversight(user(kind), ability as OversightAbility)).toThrow(AppError);
      });
    });
  }
  it('the public is refused as unauthenticated, and serialization matches', () => {
    expect(() => authorizeOversight({ kind: 'public' }, 'oversight.dashboard')).toThrow(/Sign-in|unauthenticated/i);
    expect(oversightAbilities(user('review_office'))).toEqual({ 'oversight.dashboard': true, 'oversight.list_experts': true });
    expect(oversightAbilities(user('supplier'))).toEqual({ 'oversight.dashboard': false, 'oversight.list_experts': false });
  });
});
