/**
 * Advisory intake for the supply-chain engine: OSV (JSON/YAML, file, zip or tree), CSAF 2.0,
 * CSAF VEX and CycloneDX VEX; CVSS v2/v3.x/v4.0 scoring; alias grouping; content digests.
 */
import type { Advisory } from '../model.ts';

export { AdvisoryError } from './errors.ts';
export { parseOsv, looksLikeOsv } from './osv.ts';
export { importAdvisories, readAdvisoryFiles, mergeAdvisories } from './import.ts';
export type { ImportOptions, ImportResult, ImportCounts, SkipReason, FileOutcome, MergeResult } from './import.ts';
export { AliasGroups, compareForCanonical, isErratum } from './aliases.ts';
export { advisoryDigest, canonicalJson } from './digest.ts';
export { scoreCvss, scoreCvss2, scoreCvss3, scoreCvss4, toSeverity, highestSeverity, levelOfScore, CvssVectorError } from './severity.ts';
export type { Cvss3Scores, Cvss3Version } from './cvss3.ts';
export type { Cvss4Score } from './cvss4.ts';
export type { Cvss2Score } from './cvss2.ts';
export { parseCsaf, isCsaf } from './csaf.ts';
export type { CsafResult, CsafProduct, CsafDocumentInfo, CsafRemediation } from './csaf.ts';
export { parseCycloneDxVex, isCycloneDx } from './cyclonedx-vex.ts';
export type { CycloneDxVexResult } from './cyclonedx-vex.ts';
export { parseVexDocument, parseVexBytes, importVex } from './vex.ts';
export type { VexDocument } from './vex.ts';
export type { VexStatementDetail, SourceWarning } from './vex-types.ts';
export { DEFAULT_ZIP_LIMITS } from './zip.ts';
export type { ZipLimits } from './zip.ts';

/**
 * Withdrawn advisories are kept for the record but never match a component. OSV's `withdrawn`
 * is the time from which the record counts as withdrawn, so one dated in the future still matches.
 */
export function isMatchable(a: Advisory, now: Date = new Date()): boolean {
  if (a.withdrawn === undefined) return true;
  const t = Date.parse(a.withdrawn);
  return !Number.isNaN(t) && t > now.getTime();
}
