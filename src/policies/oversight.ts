/**
 * Abilities beyond a single case: the Review Office's overview and the expert directory (Art. 5,
 * 6). Deny by default, by the actor's kind of organisation.
 */
import type { Actor, OrgKind } from '../domain/actor.ts';
import { AppError } from '../errors.ts';

export const OVERSIGHT_ABILITIES = {
  // Art. 5: the Office runs reviews and the Committee coordinates them.
  'oversight.dashboard': ['review_office', 'review_committee'],
  // Art. 6, 8: the Office organises the experts; the Committee oversees.
  'oversight.list_experts': ['review_office', 'review_committee'],
} as const satisfies Record<string, readonly OrgKind[]>;
export type OversightAbility = keyof typeof OVERSIGHT_ABILITIES;

export function canOversee(actor: Actor, ability: OversightAbility): boolean {
  const allowed: readonly OrgKind[] = OVERSIGHT_ABILITIES[ability];
  return actor.kind === 'user' && allowed.includes(actor.orgKind);
}

export function authorizeOversight(actor: Actor, ability: OversightAbility): void {
  if (canOversee(actor, ability)) return;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  throw new AppError('forbidden', `Your organisation may not use ${ability}`);
}

export function oversightAbilities(actor: Actor): Record<OversightAbility, boolean> {
  return Object.fromEntries((Object.keys(OVERSIGHT_ABILITIES) as OversightAbility[]).map((a) => [a, canOversee(actor, a)])) as Record<OversightAbility, boolean>;
}
