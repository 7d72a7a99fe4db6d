/**
 * Shared types of the supply-chain engine (Art. 4(1)–(2): the product's own security and the
 * risks in the supply chain of products and critical components). Pure data, no I/O.
 * Parsers (sbom/), advisory importers (advisories/), version orders (versions/) and the matcher
 * (match/) all speak these types.
 */

/** OSV ecosystem names as OSV spells them (e.g. 'PyPI', 'crates.io', 'AlmaLinux:9', 'Go', 'npm'). */
export type Ecosystem = string;

export type HashAlg = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA3-256' | 'SHA3-512' | 'BLAKE2b-256' | 'BLAKE3' | string;

export interface ComponentIdentity {
  /** Normalised package URL (see purl/), when the SBOM gives one or it can be derived. */
  purl?: string;
  cpe?: string;
  /** OSV ecosystem derived from the purl type (and distro qualifier for rpm/deb). */
  ecosystem?: Ecosystem;
  /** Package name as the ecosystem's advisories name it (e.g. Maven 'group:artifact', Go module path). */
  packageName?: string;
  hashes: { alg: HashAlg; value: string }[];
}

export interface Component extends ComponentIdentity {
  /** Stable id within the SBOM (CycloneDX bom-ref, SPDX SPDXID); synthesised when absent. */
  ref: string;
  name: string;
  group?: string;
  version?: string;
  type?: string;
  supplier?: string;
  author?: string;
  /** SPDX licence expression, when known. */
  licenses?: string;
  /** First-party: the product's own code (Art. 4(1)); otherwise third-party (Art. 4(2)). */
  firstParty?: boolean;
}

export type SbomFormat = 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json' | 'spdx-tag-value' | 'spdx3-jsonld';

export interface Sbom {
  format: SbomFormat;
  specVersion: string;
  serialNumber?: string;
  name?: string;
  /** The product itself (CycloneDX metadata.component, SPDX documentDescribes). */
  root?: Component;
  components: Component[];
  /** Dependency edges: component ref → refs it depends on. */
  dependencies: Map<string, string[]>;
  authors: string[];
  timestamp?: string;
  tools: string[];
  /** Problems that did not stop parsing; each names where it is. */
  warnings: SbomIssue[];
}

export interface SbomIssue {
  /** JSON pointer ('/components/3/version') or 'line N' for tag-value/XML. */
  at: string;
  message: string;
}

export type RangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

export interface RangeEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface AffectedRange {
  type: RangeType;
  repo?: string;
  events: RangeEvent[];
}

export interface AffectedPackage {
  ecosystem: Ecosystem;
  name: string;
  purl?: string;
  ranges: AffectedRange[];
  /** Explicit affected versions (OSV `versions`). */
  versions: string[];
}

export type SeverityLevel = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';

export interface Severity {
  /** 'CVSS_V3' | 'CVSS_V4' | 'CVSS_V2' | 'Ubuntu' | ... as OSV names it. */
  type: string;
  vector: string;
  /** Base score computed by the spec's formula, when the vector is one we compute. */
  score?: number;
  level: SeverityLevel;
}

export interface Advisory {
  /** Canonical id: the record's own id (e.g. 'GO-2024-1234'). */
  id: string;
  /** Every other id that names the same vulnerability (CVE, GHSA, PYSEC, RUSTSEC, …), de-duplicated. */
  aliases: string[];
  related: string[];
  summary?: string;
  details?: string;
  published?: string;
  modified?: string;
  /** Set when the record is withdrawn: withdrawn records never match. */
  withdrawn?: string;
  severity: Severity[];
  affected: AffectedPackage[];
  /** Source format and where it was read from. */
  source: { format: 'osv' | 'csaf'; path?: string };
}

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

export interface VexStatement {
  /** Vulnerability id (CVE/GHSA/…) the statement is about. */
  vulnerability: string;
  /** Products/components the statement applies to, as purls or SBOM refs. */
  products: string[];
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  source: { format: 'csaf-vex' | 'cyclonedx-vex'; path?: string };
}
