import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry, mayUseRegistry } from '../../policies/registries.ts';
import type { AccreditationChangeAction } from '../../domain/accreditation.ts';
import { ACCREDITATION_CHANGES, changeAllowed } from '../../domain/accreditation.ts';
import { listAccreditations as listRows } from '../../db/repos/accreditations.ts';

/** The register with each accreditation's history; an assessor sees only its own. */
export async function listAccreditations(ctx: ActorContext, filter: { orgId?: string } = {}) {
  authorizeRegistry(ctx.actor, 'accreditation.list');
  const own = ctx.actor.kind === 'user' && ctx.actor.orgKind === 'third_party_assessor' ? ctx.actor.orgId : null;
  const rows = await listRows(ctx.db, own ?? filter.orgId ?? null);
  const manage = mayUseRegistry(ctx.actor, 'accreditation.manage');
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
    // The status changes this viewer may make now (Art. 7), so the UI never re-derives them.
    actions: manage ? (Object.keys(ACCREDITATION_CHANGES) as AccreditationChangeAction[]).filter((x) => changeAllowed(x, a.status)) : [],
  }));
}
