/**
 * Who may see and feed the supply-chain engine (Art. 4(1)–(2)). Deny by default.
 * A case's SBOM analyses and their findings go to those who review that case — the Office, the
 * assessor, the experts of its panel — and to the supplier whose product it is (it must fix what
 * is found). Advisories and their impact across the whole portfolio are the Office's (Art. 5:
 * it runs the reviews and the supervision after them).
 */
import type { Actor, OrgKind } from '../domain/actor.ts';
import type { CaseRole } from '../domain/lifecycle.ts';
import { AppError } from '../errors.ts';
import type { CaseAccessFacts } from './index.ts';
import { authorizeCase, caseRoles } from './index.ts';

export const SUPPLY_CHAIN_CASE_ABILITIES = {
  'supply_chain.read': ['office', 'assessor', 'expert', 'supplier'],
} as const satisfies Record<string, readonly CaseRole[]>;
export type SupplyChainCaseAbility = keyof typeof SUPPLY_CHAIN_CASE_ABILITIES;

export const SUPPLY_CHAIN_ABILITIES = {
  'advisory.import': ['review_office'],
  'advisory.read_impact': ['review_office'],
  /** Analyses made outside any case (CLI, benchmarks) belong to the portfolio as a whole. */
  'portfolio.read': ['review_office'],
} as const satisfies Record<string, readonly OrgKind[]>;
export type SupplyChainAbility = keyof typeof SUPPLY_CHAIN_ABILITIES;

export const SUPPLY_CHAIN_ARTICLES = {
  'supply_chain.read': ['4', '12'],
  'advisory.import': ['4', '5'],
  'advisory.read_impact': ['4', '5'],
  'portfolio.read': ['4', '5'],
} as const satisfies Record<SupplyChainCaseAbility | SupplyChainAbility, readonly string[]>;

/** A case the actor cannot see answers 404 (as everywhere); a visible one without the right role 403. */
export function authorizeSupplyChainRead(actor: Actor, c: CaseAccessFacts | undefined): void {
  const roles = authorizeCase(actor, 'case.read', c);
  const allowed: readonly CaseRole[] = SUPPLY_CHAIN_CASE_ABILITIES['supply_chain.read'];
  if (!allowed.some((r) => roles.has(r))) throw new AppError('forbidden', 'Your role on this case does not allow reading its supply-chain analysis');
}

export function canUseSupplyChain(actor: Actor, ability: SupplyChainAbility): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && (SUPPLY_CHAIN_ABILITIES[ability] as readonly OrgKind[]).includes(actor.orgKind));
}

/** The platform itself (CLI, jobs) may import; among users only the listed organisation kinds. */
export function authorizeSupplyChain(actor: Actor, ability: SupplyChainAbility): void {
  if (actor.kind === 'public') throw new AppError('unauthenticated');
  if (!canUseSupplyChain(actor, ability)) throw new AppError('forbidden', `Your organisation may not use ${ability}`);
}

/** The case-bound supply-chain abilities of the actor on a case it can see, serialized for the UI. */
export function supplyChainCaseAbilities(actor: Actor, c: CaseAccessFacts): Record<SupplyChainCaseAbility, boolean> {
  const roles = caseRoles(actor, c);
  return Object.fromEntries((Object.keys(SUPPLY_CHAIN_CASE_ABILITIES) as SupplyChainCaseAbility[]).map((a) => [a, (SUPPLY_CHAIN_CASE_ABILITIES[a] as readonly CaseRole[]).some((r) => roles.has(r))])) as Record<SupplyChainCaseAbility, boolean>;
}
