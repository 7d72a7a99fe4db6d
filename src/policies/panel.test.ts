import { describe, expect, it } from 'vitest';
import type { CaseRole } from '../domain/lifecycle.ts';
import { CASE_ROLES } from '../domain/lifecycle.ts';
import type { UserActor } from '../domain/actor.ts';
import { AppError } from '../errors.ts';
import type { CaseAccessFacts } from './index.ts';
import { PANEL_ABILITIES, PANEL_ABILITY_ARTICLES, canOnCase, releasedToPublic, reportVariantFor } from './index.ts';
import type { PanelAbility } from './index.ts';

/* The role × ability matrix of the panel, decision and report abilities, by hand. */
const MATRIX = `
                        off com opr pro reg asn sup asr exp rep rcp pub
panel.propose_members    X   .   .   .   .   .   .   .   .   .   .   .
panel.read               X   X   .   .   .   .   .   .   X   .   .   .
panel.declare_conflict   .   .   .   .   .   .   .   .   X   .   .   .
panel.score              .   .   .   .   .   .   .   .   X   .   .   .
panel.dissent            .   .   .   .   .   .   .   .   X   .   .   .
panel.sign               X   .   .   .   .   .   .   .   .   .   .   .
decision.read            X   X   X   X   X   X   X   X   X   .   X   .
condition.update         X   .   .   .   .   .   .   .   .   .   .   .
report.generate          X   .   .   .   .   .   .   .   .   .   .   .
report.read_full         X   X   .   .   X   .   .   .   .   .   X   .
`;

const rows = MATRIX.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));

describe('panel, decision and report abilities', () => {
  it('match the matrix for every role, and every ability is in it', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(PANEL_ABILITIES).sort());
    for (const [ability, ...cells] of rows) {
      CASE_ROLES.forEach((role, i) => expect(canOnCase(new Set<CaseRole>([role]), ability as PanelAbility), `${ability} × ${role}`).toBe(cells[i] === 'X'));
    }
  });
  it('every ability cites an article', () => {
    for (const a of Object.keys(PANEL_ABILITIES) as PanelAbility[]) expect(PANEL_ABILITY_ARTICLES[a].length).toBeGreaterThan(0);
  });

  const facts = (over: Partial<CaseAccessFacts & { released_at: Date | null; outcome: string | null }> = {}): CaseAccessFacts & { released_at: Date | null; outcome: string | null } => ({
    state: 'released', sector: 'energy', supplier_org_id: 'sup', operator_org_id: 'op', association_org_id: null, reporter_user_id: null, assessor_org_id: 'asr',
    release_scope: { kind: 'public' }, actor_is_expert: false, actor_undertaking: false, released_at: new Date(), outcome: 'passed', ...over,
  });
  const user = (orgKind: UserActor['orgKind'], orgId: string, orgSector: string | null = null): UserActor => ({ kind: 'user', userId: 'u', username: 'u', displayName: 'u', orgId, orgKind, orgName: 'o', orgSector, locale: 'en' });

  it('report versions follow the release scope', () => {
    expect(reportVariantFor({ kind: 'public' }, facts())).toBe('public');
    expect(reportVariantFor(user('review_office', 'off'), facts())).toBe('full');
    expect(reportVariantFor(user('cii_operator', 'other', 'finance'), facts({ release_scope: { kind: 'sector', sector: 'finance' } }))).toBe('full');
    expect(reportVariantFor(user('supplier', 'sup'), facts())).toBe('public');
    const notFound = (() => { try { reportVariantFor({ kind: 'public' }, facts({ release_scope: { kind: 'internal' } })); } catch (e) { return e; } })();
    expect(notFound).toBeInstanceOf(AppError);
    expect((notFound as AppError).code).toBe('not_found');
    expect(() => reportVariantFor(user('supplier', 'sup'), facts({ release_scope: { kind: 'organisations', orgIds: ['x'] } }))).toThrow(/not been released to you/);
    expect(releasedToPublic(facts({ outcome: null }))).toBe(false);
  });
});
