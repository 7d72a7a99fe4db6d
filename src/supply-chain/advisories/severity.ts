import type { Severity, SeverityLevel } from '../model.ts';
import { CvssVectorError } from './cvss-vector.ts';
import { scoreCvss2 } from './cvss2.ts';
import { scoreCvss3 } from './cvss3.ts';
import type { Cvss3Version } from './cvss3.ts';
import { scoreCvss4 } from './cvss4.ts';

export { CvssVectorError } from './cvss-vector.ts';
export { scoreCvss2 } from './cvss2.ts';
export { scoreCvss3, roundup30, roundup31 } from './cvss3.ts';
export { scoreCvss4 } from './cvss4.ts';

/** Score of any supported CVSS vector, version taken from its prefix (v2 vectors have none). */
export function scoreCvss(vector: string, hint?: { version?: '2.0' | Cvss3Version | '4.0' }): { version: string; score: number; level: SeverityLevel } {
  const v = vector.trim();
  if (v.startsWith('CVSS:4.0/') || hint?.version === '4.0') {
    const r = scoreCvss4(v);
    return { version: '4.0', score: r.score, level: r.level };
  }
  if (/^CVSS:3\.[01]\//.test(v) || hint?.version === '3.0' || hint?.version === '3.1') {
    const r = scoreCvss3(v, hint?.version === '3.0' || hint?.version === '3.1' ? hint.version : undefined);
    return { version: r.version, score: r.base, level: r.level };
  }
  if (v.startsWith('CVSS:') && !v.startsWith('CVSS:2.0/')) {
    throw new CvssVectorError(v, `unsupported CVSS version "${v.slice(5, v.indexOf('/') > 0 ? v.indexOf('/') : undefined)}"`);
  }
  const r = scoreCvss2(v);
  return { version: '2.0', score: r.base, level: r.level };
}

const UBUNTU: Record<string, SeverityLevel> = {
  negligible: 'low', low: 'low', medium: 'medium', high: 'high', critical: 'critical',
};

/**
 * An OSV `severity` entry as the engine keeps it. CVSS types are scored by the specification;
 * the vector's own version must agree with the declared type. Unknown types are kept with
 * level 'unknown' rather than dropped, so nothing a source said is lost.
 */
export function toSeverity(type: string, vector: string): Severity {
  switch (type) {
    case 'CVSS_V4': {
      if (!vector.startsWith('CVSS:4.0/')) throw new CvssVectorError(vector, 'type CVSS_V4 needs a "CVSS:4.0/" vector');
      const r = scoreCvss4(vector);
      return { type, vector, score: r.score, level: r.level };
    }
    case 'CVSS_V3': {
      if (!/^CVSS:3\.[01]\//.test(vector)) throw new CvssVectorError(vector, 'type CVSS_V3 needs a "CVSS:3.0/" or "CVSS:3.1/" vector');
      const r = scoreCvss3(vector);
      return { type, vector, score: r.base, level: r.level };
    }
    case 'CVSS_V2': {
      const r = scoreCvss2(vector);
      return { type, vector, score: r.base, level: r.level };
    }
    case 'Ubuntu': {
      const level = UBUNTU[vector.toLowerCase()];
      if (!level) throw new CvssVectorError(vector, `not an Ubuntu priority (negligible, low, medium, high, critical)`);
      return { type, vector, level };
    }
    default:
      return { type, vector, level: 'unknown' };
  }
}

const RANK: Record<SeverityLevel, number> = { critical: 5, high: 4, medium: 3, low: 2, none: 1, unknown: 0 };

/** The most severe of several ratings (an advisory may carry v3 and v4 side by side). */
export function highestSeverity(severities: readonly Severity[]): Severity | undefined {
  let best: Severity | undefined;
  for (const s of severities) {
    if (!best || RANK[s.level] > RANK[best.level] || (RANK[s.level] === RANK[best.level] && (s.score ?? -1) > (best.score ?? -1))) best = s;
  }
  return best;
}

/** Rating for a bare number, as v3.x/v4.0 define it (used for CSAF/CycloneDX scores given without vectors). */
export function levelOfScore(score: number): SeverityLevel {
  if (!Number.isFinite(score) || score < 0 || score > 10) return 'unknown';
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}
