import type { ActorContext } from '../../domain/actor.ts';
import { listOrganisations } from '../../db/repos/identity.ts';
import { AppError } from '../../errors.ts';

/** Signed-in parties see who else takes part (to name a supplier, an assessor, a recipient). */
export async function listOrganisationsFor(ctx: ActorContext) {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated');
  const rows = await listOrganisations(ctx.db);
  const seesAccreditation = ctx.actor.orgKind === 'review_office';
  return rows.map((o) => ({ id: o.id, kind: o.kind, name: o.name, nameZh: o.name_zh, sector: o.sector, ...(seesAccreditation ? { groupName: o.group_name, accreditedUntil: o.accredited_until } : {}) }));
}
