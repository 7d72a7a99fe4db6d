/**
 * Abilities of the Experts Committee panel (Art. 6), the decision's conditions (Art. 8) and the
 * Office's security assessment reports (Art. 13). Same rules as the case abilities: roles come from
 * `caseRoles`, deny by default, and a case the actor cannot see answers 404.
 */
import type { Actor } from '../domain/actor.ts';
import type { CaseRole } from '../domain/lifecycle.ts';
import { AppError } from '../errors.ts';
import type { CaseAccessFacts } from './index.ts';
import { authorizeCase, caseRoles } from './index.ts';

export const PANEL_ABILITIES = {
  'panel.propose_members': ['office'],
  'panel.read': ['office', 'committee', 'expert'],
  'panel.declare_conflict': ['expert'],
  'panel.score': ['expert'],
  'panel.dissent': ['expert'],
  'panel.sign': ['office'],
  'decision.read': ['office', 'committee', 'operator', 'protection_dept', 'regulator', 'association', 'supplier', 'assessor', 'expert', 'recipient'],
  'condition.update': ['office'],
  'report.generate': ['office'],
  // Who may read the full (unredacted) report; anyone else gets the public version, and only once
  // the result was released to the public.
  'report.read_full': ['office', 'committee', 'regulator', 'recipient'],
} as const satisfies Record<string, readonly CaseRole[]>;
export type PanelAbility = keyof typeof PANEL_ABILITIES;

export const PANEL_ABILITY_ARTICLES = {
  'panel.propose_members': ['6', '8'],
  'panel.read': ['6'],
  'panel.declare_conflict': ['6', '11'],
  'panel.score': ['4', '6'],
  'panel.dissent': ['6'],
  'panel.sign': ['6'],
  'decision.read': ['8'],
  'condition.update': ['3', '8'],
  'report.generate': ['13'],
  'report.read_full': ['8', '12', '13'],
} as const satisfies Record<PanelAbility, readonly string[]>;

export function canOnCase(roles: ReadonlySet<CaseRole>, ability: PanelAbility): boolean {
  return (PANEL_ABILITIES[ability] as readonly CaseRole[]).some((r) => roles.has(r));
}

export function authorizePanel(actor: Actor, ability: PanelAbility, c: CaseAccessFacts | undefined): Set<CaseRole> {
  const roles = authorizeCase(actor, 'case.read', c);
  if (!canOnCase(roles, ability)) throw new AppError('forbidden', `Your role on this case does not allow ${ability}`);
  return roles;
}

export type ReportVariant = 'full' | 'public';

/** Art. 8: "发布" — released to the public, with an outcome (a reopened case has none until decided again). */
export function releasedToPublic(c: Pick<CaseAccessFacts, 'release_scope'> & { released_at: Date | null; outcome: string | null }): boolean {
  return c.released_at !== null && c.outcome !== null && c.release_scope?.kind === 'public';
}

/**
 * Which version of a report the actor may read: the full one by role, the redacted one once the
 * result is public. A case the actor can neither see nor read publicly does not exist for them.
 */
export function reportVariantFor(actor: Actor, c: (CaseAccessFacts & { released_at: Date | null; outcome: string | null }) | undefined): ReportVariant {
  if (!c) throw new AppError('not_found', 'No such case');
  const roles = caseRoles(actor, c);
  if (canOnCase(roles, 'report.read_full')) return 'full';
  if (releasedToPublic(c)) return 'public';
  authorizeCase(actor, 'case.read', c);
  throw new AppError('forbidden', 'The report of this case has not been released to you');
}

export function panelAbilities(actor: Actor, c: CaseAccessFacts): Record<PanelAbility, boolean> {
  const roles = caseRoles(actor, c);
  return Object.fromEntries((Object.keys(PANEL_ABILITIES) as PanelAbility[]).map((a) => [a, canOnCase(roles, a)])) as Record<PanelAbility, boolean>;
}
