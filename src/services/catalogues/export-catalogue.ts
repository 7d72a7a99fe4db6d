import type { ActorContext } from '../../domain/actor.ts';
import { authorizeCatalogue } from '../../policies/index.ts';
import { AppError } from '../../errors.ts';
import { toOscalCatalog } from '../../assessment/oscal-catalog.ts';
import { catalogueClauses, findCatalogue } from '../../db/repos/catalogues.ts';

/** The catalogue as an OSCAL 1.1 catalog document. */
export async function exportCatalogue(ctx: ActorContext, id: string): Promise<{ catalog: Record<string, unknown> }> {
  authorizeCatalogue(ctx.actor, 'catalogue.read');
  const head = await findCatalogue(ctx.db, id);
  if (!head) throw new AppError('not_found', `no catalogue "${id}"`);
  return toOscalCatalog(head, await catalogueClauses(ctx.db, id, { withBody: true }));
}
