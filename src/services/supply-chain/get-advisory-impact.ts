import type { ActorContext } from '../../domain/actor.ts';
import { findAdvisory } from '../../db/repos/advisories.ts';
import type { AdvisorySummaryRow } from '../../db/repos/advisories.ts';
import { listImpacts } from '../../db/repos/portfolio.ts';
import type { ImpactRow } from '../../db/repos/portfolio.ts';
import { authorizeSupplyChain } from '../../policies/supply-chain.ts';
import { AppError } from '../../errors.ts';

export interface AdvisoryImpact {
  advisory: AdvisorySummaryRow;
  impacts: ImpactRow[];
}

/** Supervision (Art. 4, DESIGN.md): which reviewed product versions an advisory hits, by its id or any alias. */
export async function getAdvisoryImpact(ctx: ActorContext, idOrAlias: string, includeSuperseded: boolean): Promise<AdvisoryImpact> {
  authorizeSupplyChain(ctx.actor, 'advisory.read_impact');
  const advisory = await findAdvisory(ctx.db, idOrAlias);
  if (!advisory) throw new AppError('not_found', `No advisory ${idOrAlias}`);
  return { advisory, impacts: await listImpacts(ctx.db, advisory.id, includeSuperseded) };
}
