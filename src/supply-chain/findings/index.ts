/**
 * Findings of the supply-chain review (Art. 4(1)–(2)): an SBOM matched against an advisory index
 * becomes one finding per (component, vulnerability), each with its path from the product root,
 * severity, fixed version, Art. 4 category and any VEX suppression; plus the product's supplier
 * and provenance summary and its NTIA report. Pure: no database, no I/O.
 */
export { analyzeSbom, findingAt } from './analyze.ts';
export type { AnalyzeOptions } from './analyze.ts';
export { art4Category } from './category.ts';
export { fixedVersionFor } from './fixed.ts';
export { vexSuppression } from './vex-match.ts';
export { provenanceSummary } from './provenance.ts';
export { toSarif } from './sarif.ts';
export type { SarifLog, SarifOptions } from './sarif.ts';
export type {
  Art4Category,
  FindingCounts,
  FindingComponent,
  FindingSuppression,
  FindingTable,
  FindingVulnerability,
  LicenceShare,
  ProvenanceSummary,
  SbomAnalysis,
  SeverityCounts,
  SupplierShare,
  SupplyChainFinding,
} from './types.ts';
