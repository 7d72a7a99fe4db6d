import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { listAccreditations as listRows } from '../../db/repos/accreditations.ts';

/** The register with each accreditation's history; an assessor sees only its own. */
export async function listAccreditations(ctx: ActorContext, filter: { orgId?: string } = {}) {
  authorizeRegistry(ctx.actor, 'accreditation.list');
  const own = ctx.actor.kind === 'user' && ctx.actor.orgKind === 'third_party_assessor' ? ctx.actor.orgId : null;
  const rows = await listRows(ctx.db, own ?? filter.orgId ?? null);
  return rows.map((a) => ({
    id: a.id,
    orgId: a.org_id,
    organisation: a.org_name,
    productCategories: a.product_categories,
    methods: a.methods,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    status: a.status,
    history: a.history,
  }));
}
