import type { ActorContext } from '../../domain/actor.ts';
import { listOrganisations } from '../../db/repos/identity.ts';
import { AppError } from '../../errors.ts';
import type { AccreditationSummary } from '../../db/repos/accreditations.ts';
import { accreditationSummaries } from '../../db/repos/accreditations.ts';
import { dateInShanghai } from '../../domain/clock.ts';

/** Signed-in parties see who else takes part (to name a supplier, an assessor, a recipient). */
export async function listOrganisationsFor(ctx: ActorContext) {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated');
  const rows = await listOrganisations(ctx.db);
  const seesAccreditation = ctx.actor.orgKind === 'review_office';
  // Art. 7: the registry, not the registration date, says whether an organisation may assess today.
  const accreditations = seesAccreditation ? await accreditationSummaries(ctx.db, dateInShanghai(ctx.now())) : new Map<string, AccreditationSummary>();
  return rows.map((o) => ({
    id: o.id,
    kind: o.kind,
    name: o.name,
    nameZh: o.name_zh,
    sector: o.sector,
    ...(seesAccreditation ? { groupName: o.group_name, accreditedUntil: o.accredited_until, accreditation: accreditations.get(o.id) ?? null } : {}),
  }));
}
