import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../errors.ts';

/**
 * Parties and accounts are administered by the Review Office (Art. 5: it runs the reviews) or by
 * the platform's own CLI (`system`, used on the server by whoever operates it).
 */
export function requireAdministrator(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'user' && actor.orgKind === 'review_office') return;
  throw new AppError(actor.kind === 'public' ? 'unauthenticated' : 'forbidden', 'only the Review Office administers organisations and users');
}
