import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { authorizeCatalogue } from '../../policies/index.ts';
import { AppError } from '../../errors.ts';
import type { ClauseRow } from '../../assessment/oscal-catalog.ts';
import type { CatalogueRow } from '../../db/repos/catalogues.ts';
import { catalogueClauses, findCatalogue, listCatalogueRows } from '../../db/repos/catalogues.ts';
import { validateInput } from '../validate.ts';

export async function listCatalogues(ctx: ActorContext): Promise<CatalogueRow[]> {
  authorizeCatalogue(ctx.actor, 'catalogue.read');
  return listCatalogueRows(ctx.db);
}

export const ClauseQuery = Type.Object(
  { q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })) },
  { additionalProperties: false },
);

/** A catalogue's clauses in document order (optionally filtered), for citing them in findings. */
export async function listClauses(ctx: ActorContext, id: string, query: unknown = {}): Promise<{ catalogue: CatalogueRow; clauses: ClauseRow[] }> {
  authorizeCatalogue(ctx.actor, 'catalogue.read');
  const q = validateInput(ClauseQuery, query, '/query');
  const catalogue = await findCatalogue(ctx.db, id);
  if (!catalogue) throw new AppError('not_found', `no catalogue "${id}"`);
  return { catalogue, clauses: await catalogueClauses(ctx.db, id, { ...(q.q ? { q: q.q } : {}), limit: q.limit ?? 5000 }) };
}
