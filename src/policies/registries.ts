/**
 * Abilities of the oversight side flows: the accreditation registry (Art. 7), conflicts and the
 * assessor draw (Art. 11), commitments and public supervision (Art. 3, 12), complaints (Art. 14)
 * and violations (Art. 15). Deny by default, like the rest of the policy module: organisation-wide
 * abilities by the actor's kind of organisation, case abilities by the actor's role on the case.
 */
import type { Actor, OrgKind } from '../domain/actor.ts';
import type { CaseRole } from '../domain/lifecycle.ts';
import { AppError } from '../errors.ts';
import type { CaseAccessFacts } from './index.ts';
import { authorizeCase, caseRoles } from './index.ts';

/** Who may act on the registries, by kind of organisation. `public` is anyone without signing in. */
export const REGISTRY_ABILITIES = {
  // Art. 5, 7: the Office administers accreditation; the Committee, which sets policy, may too.
  'accreditation.manage': ['review_office', 'review_committee'],
  // An assessor sees its own accreditations (the service narrows the list).
  'accreditation.list': ['review_office', 'review_committee', 'third_party_assessor'],
  'consulting.record': ['review_office'],
  'affiliation.record': ['review_office'],
  // An assessor declares for its organisation, an expert for themself; the Office records either.
  'conflict.declare': ['review_office', 'third_party_assessor', 'experts_committee'],
  'conflict.list': ['review_office', 'review_committee'],
  'supplier_key.register': ['supplier'],
  'breach.report': ['public'],
  'breach.triage': ['review_office'],
  'breach.list': ['review_office', 'review_committee'],
  'complaint.investigate': ['review_office'],
  'complaint.list': ['review_office', 'review_committee', 'supplier'],
  'violation.record': ['review_office', 'review_committee'],
  'violation.list': ['review_office', 'review_committee'],
} as const satisfies Record<string, readonly (OrgKind | 'public')[]>;
export type RegistryAbility = keyof typeof REGISTRY_ABILITIES;

/** Case-bound abilities, by role on the case. */
export const CASE_REGISTRY_ABILITIES = {
  'assignment.draw': ['office'],
  // Anyone the case is visible to may re-check how its assessor was chosen.
  'assignment.read': ['office', 'committee', 'operator', 'protection_dept', 'regulator', 'association', 'supplier', 'assessor', 'expert'],
  'case.set_scope': ['office'],
  'commitment.sign': ['supplier'],
  'commitment.read': ['office', 'committee', 'operator', 'protection_dept', 'regulator', 'supplier', 'assessor', 'expert'],
  'complaint.file': ['supplier'],
  'flag.resolve': ['office'],
} as const satisfies Record<string, readonly CaseRole[]>;
export type CaseRegistryAbility = keyof typeof CASE_REGISTRY_ABILITIES;

export const REGISTRY_ARTICLES = {
  'accreditation.manage': ['7'],
  'accreditation.list': ['7'],
  'consulting.record': ['11'],
  'affiliation.record': ['11'],
  'conflict.declare': ['11'],
  'conflict.list': ['11'],
  'supplier_key.register': ['3', '12'],
  'breach.report': ['3'],
  'breach.triage': ['3', '8'],
  'breach.list': ['3'],
  'complaint.investigate': ['14'],
  'complaint.list': ['14'],
  'violation.record': ['15'],
  'violation.list': ['15'],
  'assignment.draw': ['7', '11'],
  'assignment.read': ['11'],
  'case.set_scope': ['7'],
  'commitment.sign': ['3', '12'],
  'commitment.read': ['3'],
  'complaint.file': ['14'],
  'flag.resolve': ['7', '14'],
} as const satisfies Record<RegistryAbility | CaseRegistryAbility, readonly string[]>;

export function mayUseRegistry(actor: Actor, ability: RegistryAbility): boolean {
  const allowed: readonly (OrgKind | 'public')[] = REGISTRY_ABILITIES[ability];
  if (allowed.includes('public')) return true;
  return actor.kind === 'user' && allowed.includes(actor.orgKind);
}

/** The CLI (`system`) acts as the platform operator and may administer registries. */
export function authorizeRegistry(actor: Actor, ability: RegistryAbility): void {
  if (actor.kind === 'system' || mayUseRegistry(actor, ability)) return;
  throw new AppError(actor.kind === 'public' ? 'unauthenticated' : 'forbidden', `Your organisation may not ${ability}`);
}

/** Every registry ability of the actor, serialized for the UI (which never re-derives them). */
export function registryAbilities(actor: Actor): Record<RegistryAbility, boolean> {
  return Object.fromEntries((Object.keys(REGISTRY_ABILITIES) as RegistryAbility[]).map((a) => [a, mayUseRegistry(actor, a)])) as Record<RegistryAbility, boolean>;
}

/** The case-bound registry abilities of the actor on a case it can see, serialized for the UI. */
export function caseRegistryAbilities(actor: Actor, c: CaseAccessFacts): Record<CaseRegistryAbility, boolean> {
  const roles = caseRoles(actor, c);
  return Object.fromEntries((Object.keys(CASE_REGISTRY_ABILITIES) as CaseRegistryAbility[]).map((a) => [a, (CASE_REGISTRY_ABILITIES[a] as readonly CaseRole[]).some((r) => roles.has(r))])) as Record<CaseRegistryAbility, boolean>;
}

/** Case-bound: invisible cases are 404 as everywhere; a visible case without the role is 403. */
export function authorizeCaseRegistry(actor: Actor, ability: CaseRegistryAbility, c: CaseAccessFacts | undefined): Set<CaseRole> {
  if (actor.kind === 'system' && c && ability === 'assignment.read') return new Set<CaseRole>(['public']);
  const roles = authorizeCase(actor, 'case.read', c);
  const allowed: readonly CaseRole[] = CASE_REGISTRY_ABILITIES[ability];
  if (!allowed.some((r) => roles.has(r))) throw new AppError('forbidden', `Your role on this case does not allow ${ability}`);
  return roles;
}

/** Roles that read case information only under the Art. 12 undertaking (a third party's staff, the experts). */
const UNDERTAKING_BOUND: readonly CaseRole[] = ['assessor', 'expert'];
/** Roles that see the case information by office, or as its source. */
const UNDERTAKING_FREE: readonly CaseRole[] = ['office', 'committee', 'supplier', 'regulator'];

/** Art. 12: findings stay hidden from an assessor's staff or an expert until they accept the undertaking. */
export function undertakingPending(roles: readonly CaseRole[], accepted: boolean): boolean {
  return !accepted && roles.some((r) => UNDERTAKING_BOUND.includes(r)) && !roles.some((r) => UNDERTAKING_FREE.includes(r));
}

/**
 * Reading a case's findings (list or one with its history): the case ability, and for an
 * assessor's staff or an expert the undertaking first (Art. 12) — the same rule the case read applies.
 */
export function authorizeFindingsRead(actor: Actor, c: CaseAccessFacts | undefined): void {
  authorizeCase(actor, 'case.read_findings', c);
  if (undertakingPending([...caseRoles(actor, c!)], c!.actor_undertaking)) throw new AppError('undertaking_required');
}

/** Case flags are for the Office and the Committee that oversees it. */
export function seesFlags(roles: readonly CaseRole[]): boolean {
  return roles.includes('office') || roles.includes('committee');
}
