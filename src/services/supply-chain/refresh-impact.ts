import type { Queryable, Tx } from '../../db/db.ts';
import { AdvisoryIndex } from '../../supply-chain/match/index.ts';
import { isMatchable } from '../../supply-chain/advisories/index.ts';
import type { Advisory } from '../../supply-chain/model.ts';
import type { PackageRef } from '../../db/repos/sc-packages.ts';
import { IMPACT_COMPONENTS_LISTED, supersededProductVersions, holdersOfPackages, recordImpacts, supersedeImpacts } from '../../db/repos/portfolio.ts';
import type { ImpactComponent } from '../../db/repos/portfolio.ts';

export type AdvisoryPackages = readonly (PackageRef & { id: number })[];

/**
 * The current product versions one advisory hits, found from the packages it names alone: the
 * portfolio index answers which product versions hold each package at which versions, and the
 * advisory's own ranges (the same matcher as SBOM analysis) decide each distinct version once.
 * The portfolio is never scanned.
 */
export async function affectedProductVersions(q: Queryable, advisory: Advisory, packages: AdvisoryPackages, now: Date = new Date()): Promise<Map<number, ImpactComponent[]>> {
  const hits = new Map<number, ImpactComponent[]>();
  if (packages.length === 0 || !isMatchable(advisory, now)) return hits;
  const holders = await holdersOfPackages(q, packages.map((p) => p.id));
  if (holders.length === 0) return hits;
  const index = new AdvisoryIndex([{ ...advisory, withdrawn: undefined }]);
  const byId = new Map(packages.map((p) => [p.id, p] as const));
  for (const h of holders) {
    const pkg = byId.get(h.packageId) as PackageRef;
    if (index.lookup(pkg.ecosystem, pkg.name, h.version).length === 0) continue;
    const comp: ImpactComponent = { ecosystem: pkg.ecosystem, name: pkg.name, version: h.version };
    for (const pv of h.productVersionIds) {
      const list = hits.get(pv);
      if (list === undefined) hits.set(pv, [comp]);
      else if (list.length < IMPACT_COMPONENTS_LISTED) list.push(comp);
    }
  }
  if (hits.size === 0) return hits;
  for (const pv of await supersededProductVersions(q, [...hits.keys()])) hits.delete(pv);
  return hits;
}

export interface ImpactChange {
  /** Product versions newly hit (or hit again after having been set aside). */
  added: number[];
  /** Open impacts set aside: the advisory was withdrawn or no longer covers the version. */
  superseded: number;
  affected: number[];
}

/** Supervision record for one new or changed advisory (Art. 4, DESIGN.md supervision). */
export async function refreshAdvisoryImpact(tx: Tx, advisory: Advisory, packages: AdvisoryPackages, isNew: boolean, now: Date): Promise<ImpactChange> {
  if (!isMatchable(advisory, now)) {
    return { added: [], superseded: isNew ? 0 : await supersedeImpacts(tx, advisory.id, now), affected: [] };
  }
  const hits = await affectedProductVersions(tx, advisory, packages, now);
  // A new advisory has no rows to set aside; a changed one may have narrowed.
  if (hits.size === 0 && isNew) return { added: [], superseded: 0, affected: [] };
  const r = await recordImpacts(tx, advisory.id, hits, now);
  return { ...r, affected: [...hits.keys()] };
}
