/**
 * Who may do what: the one policy module. Deny by default — an ability not granted here is
 * refused. Case roles derive from the actor and the case row; transition rights come from the
 * lifecycle table; other abilities from CASE_ABILITIES. The UI receives `serializeAbilities` and
 * never re-derives any of this.
 */
import type { Actor, OrgKind, UserActor } from '../domain/actor.ts';
import type { CaseRole, CaseState, CreateAction, GuardFacts, TransitionAction } from '../domain/lifecycle.ts';
import { CREATE_ACTIONS, checkAction, isTerminal, legalActions } from '../domain/lifecycle.ts';
import { AppError } from '../errors.ts';
import type { SqlParam } from '../db/db.ts';

/** The parts of a case row the policy looks at. */
export interface CaseAccessFacts {
  state: CaseState;
  sector: string | null;
  supplier_org_id: string | null;
  operator_org_id: string | null;
  association_org_id: string | null;
  reporter_user_id: string | null;
  assessor_org_id: string | null;
  release_scope: ReleaseScope | null;
  actor_is_expert: boolean;
  actor_undertaking: boolean;
}

export type ReleaseScope =
  | { kind: 'public' }
  | { kind: 'sector'; sector: string }
  | { kind: 'organisations'; orgIds: string[] }
  | { kind: 'internal' };

/** Organisation kinds whose every member holds a role on every case (Art. 5: the Office runs reviews; the Committee oversees). */
const ORG_WIDE_ROLES = { review_office: 'office', review_committee: 'committee' } as const satisfies Partial<Record<OrgKind, CaseRole>>;

/** Organisation kinds that hold a role on the cases of their own sector (Art. 9, 10). */
const SECTOR_ROLES = { sector_regulator: 'regulator', cii_protection_department: 'protection_dept' } as const satisfies Partial<Record<OrgKind, CaseRole>>;

export function caseRoles(actor: Actor, c: CaseAccessFacts): Set<CaseRole> {
  const roles = new Set<CaseRole>(['public']);
  if (actor.kind !== 'user') return roles;
  const orgWide = ORG_WIDE_ROLES[actor.orgKind as keyof typeof ORG_WIDE_ROLES];
  if (orgWide) roles.add(orgWide);
  const sectorRole = SECTOR_ROLES[actor.orgKind as keyof typeof SECTOR_ROLES];
  if (sectorRole && c.sector !== null && actor.orgSector === c.sector) roles.add(sectorRole);
  if (c.supplier_org_id === actor.orgId) roles.add('supplier');
  if (c.operator_org_id === actor.orgId) roles.add('operator');
  if (c.association_org_id === actor.orgId) roles.add('association');
  if (c.assessor_org_id === actor.orgId) roles.add('assessor');
  if (c.reporter_user_id === actor.userId) roles.add('reporter');
  if (c.actor_is_expert) roles.add('expert');
  const scope = c.release_scope;
  if (scope?.kind === 'organisations' && scope.orgIds.includes(actor.orgId)) roles.add('recipient');
  if (scope?.kind === 'sector' && actor.orgSector === scope.sector) roles.add('recipient');
  return roles;
}

/** Roles that make a case visible at all. `public` alone does not: the public sees the register only. */
const VISIBLE_TO = ['office', 'committee', 'operator', 'protection_dept', 'regulator', 'association', 'supplier', 'assessor', 'expert', 'reporter', 'recipient'] as const satisfies readonly CaseRole[];

/** Abilities on a case other than lifecycle actions. */
export const CASE_ABILITIES = {
  'case.read': VISIBLE_TO,
  'case.read_timeline': ['office', 'committee', 'operator', 'protection_dept', 'regulator', 'association', 'supplier', 'assessor', 'expert'],
  'case.read_findings': ['office', 'committee', 'regulator', 'supplier', 'assessor', 'expert'],
  'case.read_opinions': ['office', 'committee', 'expert'],
  'case.read_decision': ['office', 'committee', 'operator', 'protection_dept', 'regulator', 'association', 'supplier', 'assessor', 'expert', 'recipient'],
  'material.list': ['office', 'committee', 'supplier', 'assessor', 'expert'],
  'material.upload': ['supplier'],
  // Art. 12: reading confidential material also needs an accepted undertaking (see `authorizeMaterialRead`).
  'material.read': ['office', 'supplier', 'assessor', 'expert'],
  'material.access_log': ['office', 'supplier'],
  'undertaking.accept': ['office', 'committee', 'assessor', 'expert', 'regulator'],
} as const satisfies Record<string, readonly CaseRole[]>;
export type CaseAbility = keyof typeof CASE_ABILITIES;

/** Which article each non-lifecycle ability rests on (for `regime show`). */
export const ABILITY_ARTICLES = {
  'case.read': ['5', '8'],
  'case.read_timeline': ['8'],
  'case.read_findings': ['4', '11'],
  'case.read_opinions': ['6'],
  'case.read_decision': ['8'],
  'material.list': ['12'],
  'material.upload': ['12'],
  'material.read': ['12'],
  'material.access_log': ['12', '14'],
  'undertaking.accept': ['12'],
} as const satisfies Record<CaseAbility, readonly string[]>;

function hasAny(roles: ReadonlySet<CaseRole>, allowed: readonly CaseRole[]): boolean {
  return allowed.some((r) => roles.has(r));
}

export function can(roles: ReadonlySet<CaseRole>, ability: CaseAbility, c: Pick<CaseAccessFacts, 'state'>): boolean {
  if (!hasAny(roles, CASE_ABILITIES[ability])) return false;
  if (ability === 'material.upload' || ability === 'undertaking.accept') return !isTerminal(c.state);
  return true;
}

/**
 * Loads nothing; decides. A case the actor holds no visible role on does not exist for them
 * (404, never 403), so ids cannot be probed.
 */
export function authorizeCase(actor: Actor, ability: CaseAbility, c: CaseAccessFacts | undefined): Set<CaseRole> {
  if (!c) throw new AppError('not_found', 'No such case');
  const roles = caseRoles(actor, c);
  if (!hasAny(roles, VISIBLE_TO)) throw new AppError('not_found', 'No such case');
  if (!can(roles, ability, c)) throw new AppError('forbidden', `Your role on this case does not allow ${ability}`);
  return roles;
}

/** Art. 12: the supplier reads its own material; anyone else first accepts the undertaking. */
export function authorizeMaterialRead(actor: Actor, c: CaseAccessFacts): Set<CaseRole> {
  const roles = authorizeCase(actor, 'material.read', c);
  if (!roles.has('supplier') && !c.actor_undertaking) throw new AppError('undertaking_required');
  return roles;
}

export function authorizeTransition(actor: Actor, action: TransitionAction, c: CaseAccessFacts, facts: GuardFacts): Set<CaseRole> {
  const roles = authorizeCase(actor, 'case.read', c);
  const check = checkAction(c.state, action, roles, facts);
  if (check.ok) return roles;
  switch (check.reason) {
    case 'illegal_in_state':
      throw new AppError('illegal_transition', `"${action}" is not legal while the case is ${c.state}`, {
        state: c.state,
        legalActions: legalActions(c.state, roles, facts),
      });
    case 'role_not_allowed':
      throw new AppError('forbidden', `Your role on this case may not take "${action}"`, { legalActions: legalActions(c.state, roles, facts) });
    case 'guard_failed':
      throw new AppError('guard_failed', `"${action}" needs ${check.detail.replace(/_/g, ' ')}`, { guard: check.guard, reason: check.detail });
  }
}

/** Roles an actor holds before any case exists, for the create actions. */
export function creatorRoles(actor: Actor): Set<CaseRole> {
  const roles = new Set<CaseRole>(['public']);
  if (actor.kind !== 'user') return roles;
  const map = {
    review_office: 'office',
    cii_operator: 'operator',
    sector_regulator: 'regulator',
    industry_association: 'association',
  } as const satisfies Partial<Record<OrgKind, CaseRole>>;
  const r = map[actor.orgKind as keyof typeof map];
  if (r) roles.add(r);
  return roles;
}

export function authorizeCreate(actor: Actor, action: CreateAction): void {
  const roles = creatorRoles(actor);
  if (!CREATE_ACTIONS[action].roles.some((r: CaseRole) => roles.has(r))) {
    throw new AppError(actor.kind === 'user' ? 'forbidden' : 'unauthenticated', `Your organisation may not ${action.replace(/_/g, ' ')}`);
  }
}

export function creatableActions(actor: Actor): CreateAction[] {
  const roles = creatorRoles(actor);
  return (Object.keys(CREATE_ACTIONS) as CreateAction[]).filter((a) => CREATE_ACTIONS[a].roles.some((r: CaseRole) => roles.has(r)));
}

export interface CaseAbilities {
  roles: CaseRole[];
  actions: TransitionAction[];
  can: Record<CaseAbility, boolean>;
}

export function serializeAbilities(actor: Actor, c: CaseAccessFacts, facts: GuardFacts): CaseAbilities {
  const roles = caseRoles(actor, c);
  const canMap = Object.fromEntries((Object.keys(CASE_ABILITIES) as CaseAbility[]).map((a) => [a, can(roles, a, c)])) as Record<CaseAbility, boolean>;
  return { roles: [...roles].filter((r) => r !== 'public'), actions: legalActions(c.state, roles, facts), can: canMap };
}

/**
 * The same visibility as `caseRoles`, as SQL over `cases c`, so lists never show a case the
 * actor could not open. Returns null for actors who see every case.
 */
export function caseVisibilitySql(actor: UserActor, param: (v: SqlParam) => string): string | null {
  if (actor.orgKind in ORG_WIDE_ROLES) return null;
  const org = param(actor.orgId);
  const parts = [
    `c.supplier_org_id = ${org}`,
    `c.operator_org_id = ${org}`,
    `c.association_org_id = ${org}`,
    `c.assessor_org_id = ${org}`,
    `c.reporter_user_id = ${param(actor.userId)}`,
    `EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = ${param(actor.userId)})`,
    `(c.release_scope->>'kind' = 'organisations' AND c.release_scope->'orgIds' ? ${param(actor.orgId)})`,
  ];
  if (actor.orgSector) {
    const sector = param(actor.orgSector);
    if (actor.orgKind in SECTOR_ROLES) parts.push(`c.sector = ${sector}`);
    parts.push(`(c.release_scope->>'kind' = 'sector' AND c.release_scope->>'sector' = ${sector})`);
  }
  return `(${parts.join(' OR ')})`;
}

export { OVERSIGHT_ABILITIES, authorizeOversight, canOversee, oversightAbilities } from './oversight.ts';
export type { OversightAbility } from './oversight.ts';
// Art. 3, 7, 11, 12, 14, 15 registries (accreditation, assignment, commitments, complaints).
export { REGISTRY_ABILITIES, CASE_REGISTRY_ABILITIES, REGISTRY_ARTICLES, authorizeRegistry, authorizeCaseRegistry, mayUseRegistry, authorizeFindingsRead, registryAbilities, caseRegistryAbilities } from './registries.ts';
export type { RegistryAbility, CaseRegistryAbility } from './registries.ts';

export { ASSESSMENT_ABILITIES, ASSESSMENT_ABILITY_ARTICLES, CATALOGUE_ABILITIES, assessmentAbilities, authorizeAssessment, authorizeCatalogue, canAssess } from './assessment.ts';
export type { AssessmentAbility, CatalogueAbility } from './assessment.ts';
export { PANEL_ABILITIES, PANEL_ABILITY_ARTICLES, authorizePanel, canOnCase, panelAbilities, releasedToPublic, reportVariantFor } from './panel.ts';
export type { PanelAbility, ReportVariant } from './panel.ts';
export { SUPPLY_CHAIN_ABILITIES, SUPPLY_CHAIN_CASE_ABILITIES, SUPPLY_CHAIN_ARTICLES, authorizeSupplyChain, authorizeSupplyChainRead, canUseSupplyChain, supplyChainCaseAbilities } from './supply-chain.ts';
