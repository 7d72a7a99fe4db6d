import type { VexStatement } from '../model.ts';

/**
 * A VEX statement with what the source said beyond the shared `VexStatement` (which it
 * extends, so it can be passed wherever a VexStatement is expected).
 */
export interface VexStatementDetail extends VexStatement {
  /** Other ids of the vulnerability given by the document (GHSA, vendor ids). */
  aliases?: string[];
  /** CSAF product ids, index-aligned with `products`. */
  productIds?: string[];
  /** Purls resolved for `products` when they are SBOM refs, index-aligned (undefined where unknown). */
  productPurls?: (string | undefined)[];
  /** CycloneDX `affects[].versions`: exact versions or `vers:` ranges the statement is limited to. */
  versions?: string[];
  /** What to do about it (CSAF remediations, CycloneDX response/recommendation). */
  actionStatement?: string;
  /** Document the statement came from (CSAF tracking id, CycloneDX serial number). */
  document?: string;
}

export interface SourceWarning {
  /** JSON pointer in the document. */
  at: string;
  message: string;
}
