import type { SeverityLevel, VexStatus } from '../model.ts';
import type { NtiaReport } from '../sbom/index.ts';

/**
 * Art. 4 of the Measures asks the review to weigh (1) the product's own security and (2) the
 * risks in its supply chain. Every finding is filed under one of the two.
 */
export type Art4Category = 1 | 2;

/** Why a finding does not count: the VEX statement that covers it, kept whole for the record. */
export interface FindingSuppression {
  status: VexStatus;
  justification: string | null;
  impactStatement: string | null;
  /** The id the statement names (the advisory id or one of its aliases). */
  vulnerability: string;
  /** Where the statement came from: 'csaf-vex' / 'cyclonedx-vex', with the file or document when known. */
  source: string;
}

/**
 * One (component, vulnerability) match. Stable shape: the database stores these as they are,
 * so fields are only ever added. Absent values are null (never undefined) so a stored and a
 * freshly computed finding compare equal.
 */
export interface SupplyChainFinding {
  /** SBOM-local component id (CycloneDX bom-ref, SPDX SPDXID). */
  componentRef: string;
  purl: string | null;
  name: string;
  version: string | null;
  /** OSV ecosystem the component was matched in ('Go', 'PyPI', 'AlmaLinux:9', …). */
  ecosystem: string | null;
  /** Primary advisory record of the matched group (a record the index holds). */
  advisoryId: string;
  /** Every other id of the same vulnerability (other matched records and their aliases), sorted. */
  aliases: string[];
  /** Ids of all matched advisory records in the group (advisoryId first). */
  advisories: string[];
  summary: string | null;
  /** Highest rating among the group's records; 'unknown' when none carries one. */
  severity: SeverityLevel;
  score: number | null;
  vector: string | null;
  /**
   * Lowest `fixed` bound above the component's version in the ranges that matched (when the
   * group's records disagree, the highest of their answers); spelled like the component's version; null when none.
   */
  fixedVersion: string | null;
  /** Shortest path root → … → component, as component refs (the root's ref first when the SBOM names a root). */
  path: string[];
  /** The same path as component names (ref where a name is missing). */
  pathNames: string[];
  /** Distance from the root: 1 = direct; null when the graph does not reach the component. */
  depth: number | null;
  direct: boolean;
  category: Art4Category;
  suppressed: FindingSuppression | null;
}

export interface SupplierShare {
  supplier: string;
  components: number;
}

export interface LicenceShare {
  /** The SPDX licence expression exactly as the SBOM gave it. */
  expression: string;
  components: number;
}

/** Supplier and provenance summary of one product (Art. 4(2): who the supply chain consists of). */
export interface ProvenanceSummary {
  product: { ref: string | null; name: string | null; version: string | null; supplier: string | null };
  components: number;
  /** Components per supplier, most first (ties by name). */
  suppliers: SupplierShare[];
  unknownSupplier: number;
  /** unknownSupplier / components, 0–1 (0 for an empty SBOM). */
  unknownSupplierShare: number;
  licences: LicenceShare[];
  unknownLicence: number;
  firstParty: number;
  thirdParty: number;
  direct: number;
  transitive: number;
  /** Components the dependency graph does not reach from the root. */
  unreachable: number;
  maxDepth: number;
  /** Mean depth of the reachable components (0 when none is reachable). */
  meanDepth: number;
}

export type SeverityCounts = Record<SeverityLevel, number>;

export interface FindingCounts {
  total: number;
  /** Findings a VEX statement suppresses (not counted in the tallies below). */
  suppressed: number;
  bySeverity: SeverityCounts;
  byCategory: Record<`${Art4Category}`, number>;
  /** Components with at least one unsuppressed finding. */
  affectedComponents: number;
}

/** What every finding of one affected component shares. */
export interface FindingComponent {
  ref: string;
  purl: string | null;
  name: string;
  version: string | null;
  ecosystem: string | null;
  path: readonly string[];
  pathNames: readonly string[];
  depth: number | null;
  direct: boolean;
  category: Art4Category;
}

/** What every finding of one vulnerability (a group of advisory records joined by aliases) shares. */
export interface FindingVulnerability {
  advisoryId: string;
  aliases: readonly string[];
  advisories: readonly string[];
  summary: string | null;
  severity: SeverityLevel;
  score: number | null;
  vector: string | null;
}

/**
 * The findings as columns, most important first: each affected component and each vulnerability
 * once, and per finding the two indexes, the fixed version and any suppression. A large SBOM has
 * hundreds of thousands of findings; as objects they cost more to make, count, number and store
 * than the matching that found them.
 */
export interface FindingTable {
  readonly length: number;
  readonly components: readonly FindingComponent[];
  readonly vulnerabilities: readonly FindingVulnerability[];
  /** Per finding: its index in `components`. */
  readonly component: Int32Array;
  /** Per finding: its index in `vulnerabilities`. */
  readonly vulnerability: Int32Array;
  readonly fixedVersion: readonly (string | null)[];
  /** Per finding, the VEX statement that suppresses it; null when no VEX was given. */
  readonly suppressed: readonly (FindingSuppression | null)[] | null;
}

export interface SbomAnalysis {
  /** The findings as objects, made on first use from `table` (which large-scale consumers read instead). */
  readonly findings: SupplyChainFinding[];
  /** The same findings as columns (not enumerable: it is not part of the analysis' JSON). */
  readonly table: FindingTable;
  provenance: ProvenanceSummary;
  ntia: NtiaReport;
  counts: FindingCounts;
  /** When the analysis was made (opts.now). */
  analysedAt: string;
  /** Components that could not be matched at all (no ecosystem, package name or version). */
  unmatchable: number;
}
