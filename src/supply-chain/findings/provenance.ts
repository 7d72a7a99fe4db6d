import type { DependencyGraph, ParsedSbom } from '../sbom/index.ts';
import { art4Classifier } from './category.ts';
import type { LicenceShare, ProvenanceSummary, SupplierShare } from './types.ts';

/**
 * Who the product's supply chain consists of (Art. 4(2)): components per supplier, the share
 * nobody is named for, licence expressions as given, and how deep the chain goes. Counts cover
 * the SBOM's components, not the root product itself.
 */
export function provenanceSummary(sbom: ParsedSbom, graph: DependencyGraph, productSupplier?: string): ProvenanceSummary {
  const root = sbom.root;
  const categoryOf = art4Classifier(root, productSupplier);
  const suppliers = new Map<string, number>();
  const licences = new Map<string, number>();
  let unknownSupplier = 0, unknownLicence = 0, firstParty = 0, direct = 0, transitive = 0, unreachable = 0;
  let maxDepth = 0, depthSum = 0, reachable = 0;
  for (const c of sbom.components) {
    const supplier = c.supplier?.trim();
    if (supplier) suppliers.set(supplier, (suppliers.get(supplier) ?? 0) + 1);
    else unknownSupplier++;
    const licence = c.licenses?.trim();
    if (licence) licences.set(licence, (licences.get(licence) ?? 0) + 1);
    else unknownLicence++;
    if (categoryOf(c) === 1) firstParty++;
    const d = graph.depth(c.ref);
    if (d === undefined) unreachable++;
    else {
      reachable++;
      depthSum += d;
      if (d > maxDepth) maxDepth = d;
      if (d <= 1) direct++;
      else transitive++;
    }
  }
  const n = sbom.components.length;
  return {
    product: { ref: root?.ref ?? null, name: root?.name ?? sbom.name ?? null, version: root?.version ?? null, supplier: root?.supplier ?? productSupplier ?? null },
    components: n,
    suppliers: ranked(suppliers).map(([supplier, components]): SupplierShare => ({ supplier, components })),
    unknownSupplier,
    unknownSupplierShare: n === 0 ? 0 : unknownSupplier / n,
    licences: ranked(licences).map(([expression, components]): LicenceShare => ({ expression, components })),
    unknownLicence,
    firstParty,
    thirdParty: n - firstParty,
    direct,
    transitive,
    unreachable,
    maxDepth,
    meanDepth: reachable === 0 ? 0 : depthSum / reachable,
  };
}

/** Most first, ties in code-point order, so the summary is the same on every run. */
function ranked(m: Map<string, number>): [string, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

