/**
 * Abilities of the assessment stage (Art. 3, 11, 12) and of the standards catalogues. Deny by
 * default: a role not listed for an ability, or a case state the ability is not open in, is
 * refused. Visibility first: a case the actor holds no role on answers 404 (see `authorizeCase`).
 */
import type { Actor, OrgKind } from '../domain/actor.ts';
import type { CaseRole, CaseState } from '../domain/lifecycle.ts';
import { AppError } from '../errors.ts';
import type { CaseAccessFacts } from './index.ts';
import { authorizeCase, caseRoles } from './index.ts';

/** States in which the assessor is at work: the plan and its evidence can still change. */
const ASSESSMENT_OPEN = ['planning', 'assessing', 'awaiting_supplement'] as const satisfies readonly CaseState[];
/** Any state in which the case is not over. */
const NOT_OVER = ['intake', 'determination', 'triage', 'planning', 'assessing', 'awaiting_supplement', 'expert_evaluation', 'decided', 'released', 'supervision', 'rereview'] as const satisfies readonly CaseState[];

interface AbilityRule {
  roles: readonly CaseRole[];
  /** States the ability is open in; absent: every state. */
  states?: readonly CaseState[];
  /** Art. 12: confidential content needs an accepted undertaking (the supplier excepted). */
  undertaking?: boolean;
}

export const ASSESSMENT_ABILITIES = {
  'assessment.read_plan': { roles: ['office', 'committee', 'assessor', 'expert', 'supplier'] },
  'assessment.plan': { roles: ['assessor'], states: ASSESSMENT_OPEN },
  'evidence.list': { roles: ['office', 'committee', 'assessor', 'expert'] },
  'evidence.add': { roles: ['assessor'], states: ['assessing', 'awaiting_supplement'] },
  'evidence.read': { roles: ['office', 'assessor', 'expert'], undertaking: true },
  'evidence.custody_log': { roles: ['office', 'committee', 'assessor', 'expert'] },
  'evidence.transfer': { roles: ['assessor', 'office'], states: NOT_OVER },
  'evidence.seal': { roles: ['assessor'], states: NOT_OVER },
  'finding.import_sarif': { roles: ['assessor'], states: ['assessing'] },
  'finding.cite_clauses': { roles: ['assessor'], states: ['assessing', 'awaiting_supplement'] },
  'finding.history': { roles: ['office', 'committee', 'regulator', 'supplier', 'assessor', 'expert'] },
  'information_request.list': { roles: ['office', 'committee', 'supplier', 'assessor', 'expert'] },
  'oscal.export': { roles: ['office', 'committee', 'assessor', 'expert'] },
} as const satisfies Record<string, AbilityRule>;
export type AssessmentAbility = keyof typeof ASSESSMENT_ABILITIES;

/** Which article each ability rests on (for `regime show`). */
export const ASSESSMENT_ABILITY_ARTICLES = {
  'assessment.read_plan': ['3', '11'],
  'assessment.plan': ['3', '11'],
  'evidence.list': ['11', '12'],
  'evidence.add': ['11'],
  'evidence.read': ['12'],
  'evidence.custody_log': ['12', '14'],
  'evidence.transfer': ['12'],
  'evidence.seal': ['12'],
  'finding.import_sarif': ['3', '4'],
  'finding.cite_clauses': ['4', '11'],
  'finding.history': ['4', '11'],
  'information_request.list': ['11', '12'],
  'oscal.export': ['11'],
} as const satisfies Record<AssessmentAbility, readonly string[]>;

export function canAssess(roles: ReadonlySet<CaseRole>, ability: AssessmentAbility, c: Pick<CaseAccessFacts, 'state' | 'actor_undertaking'>): boolean {
  const rule: AbilityRule = ASSESSMENT_ABILITIES[ability];
  if (!rule.roles.some((r) => roles.has(r))) return false;
  if (rule.states && !rule.states.includes(c.state)) return false;
  return true;
}

/**
 * 404 for a case the actor cannot see, 403 for a role without the ability (or a state it is
 * closed in), 403 `undertaking_required` before the first read of confidential content.
 */
export function authorizeAssessment(actor: Actor, ability: AssessmentAbility, c: CaseAccessFacts | undefined): Set<CaseRole> {
  const roles = authorizeCase(actor, 'case.read', c);
  const facts = c!;
  const rule: AbilityRule = ASSESSMENT_ABILITIES[ability];
  if (!rule.roles.some((r) => roles.has(r))) throw new AppError('forbidden', `Your role on this case does not allow ${ability}`);
  if (rule.states && !rule.states.includes(facts.state)) throw new AppError('forbidden', `${ability} is not open while the case is ${facts.state}`, { state: facts.state });
  if (rule.undertaking && !roles.has('supplier') && !facts.actor_undertaking) throw new AppError('undertaking_required');
  return roles;
}

export function assessmentAbilities(actor: Actor, c: CaseAccessFacts): Record<AssessmentAbility, boolean> {
  const roles = caseRoles(actor, c);
  return Object.fromEntries((Object.keys(ASSESSMENT_ABILITIES) as AssessmentAbility[]).map((a) => [a, canAssess(roles, a, c)])) as Record<AssessmentAbility, boolean>;
}

/** Catalogues are national reference data: the Office maintains them; every signed-in party reads them. */
export const CATALOGUE_ABILITIES = {
  'catalogue.read': 'signed_in',
  'catalogue.import': ['review_office'],
} as const satisfies Record<string, 'signed_in' | readonly OrgKind[]>;
export type CatalogueAbility = keyof typeof CATALOGUE_ABILITIES;

export function authorizeCatalogue(actor: Actor, ability: CatalogueAbility): void {
  // The platform itself (CLI run by the operator of the installation) may load reference data.
  if (actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const rule: 'signed_in' | readonly OrgKind[] = CATALOGUE_ABILITIES[ability];
  if (rule !== 'signed_in' && !rule.includes(actor.orgKind)) throw new AppError('forbidden', `Your organisation may not use ${ability}`);
}
