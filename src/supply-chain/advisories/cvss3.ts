import { CvssVectorError, parseMetrics, ratingV3V4 } from './cvss-vector.ts';
import type { MetricTable } from './cvss-vector.ts';

/**
 * CVSS v3.0 and v3.1 scores by the specifications' equations (v3.1 §7.1–7.3, Appendix A for
 * Roundup). The two versions share weights; they differ in Roundup (v3.1 fixes the
 * floating-point error of ceil(x·10)/10) and in the Modified Impact equation when the scope
 * changes.
 */

export type Cvss3Version = '3.0' | '3.1';

const TABLE: MetricTable = {
  metrics: {
    AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'], S: ['U', 'C'],
    C: ['H', 'L', 'N'], I: ['H', 'L', 'N'], A: ['H', 'L', 'N'],
    E: ['X', 'U', 'P', 'F', 'H'], RL: ['X', 'O', 'T', 'W', 'U'], RC: ['X', 'U', 'R', 'C'],
    CR: ['X', 'L', 'M', 'H'], IR: ['X', 'L', 'M', 'H'], AR: ['X', 'L', 'M', 'H'],
    MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'R'],
    MS: ['X', 'U', 'C'], MC: ['X', 'N', 'L', 'H'], MI: ['X', 'N', 'L', 'H'], MA: ['X', 'N', 'L', 'H'],
  },
  required: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  // v3.x allows any order ("metrics can be specified in any order", §6).
  ordered: false,
};

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };
const E: Record<string, number> = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 };
const RL: Record<string, number> = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 };
const RC: Record<string, number> = { X: 1, C: 1, R: 0.96, U: 0.92 };
const REQ: Record<string, number> = { X: 1, H: 1.5, M: 1, L: 0.5 };

/** Privileges Required weighs more when the scope changes (§7.4). */
function prWeight(pr: string, scopeChanged: boolean): number {
  if (pr === 'N') return 0.85;
  if (pr === 'L') return scopeChanged ? 0.68 : 0.62;
  return scopeChanged ? 0.5 : 0.27;
}

/**
 * v3.1 Appendix A: work in integers of 1/100000 so that e.g. 4.000000000000001 (a float
 * artefact of 4.0) rounds to 4.0, not 4.1.
 */
export function roundup31(x: number): number {
  const i = Math.round(x * 100000);
  if (i % 10000 === 0) return i / 100000;
  return (Math.floor(i / 10000) + 1) / 10;
}

/** v3.0 §8.4 as FIRST's v3.0 calculator implements it; kept so v3.0 vectors score as published. */
export function roundup30(x: number): number {
  return Math.ceil(x * 10) / 10;
}

export interface Cvss3Scores {
  version: Cvss3Version;
  base: number;
  /** Present when the vector sets any temporal metric other than X. */
  temporal?: number;
  /** Present when the vector sets any environmental metric other than X. */
  environmental?: number;
  /** Qualitative rating of the base score. */
  level: 'none' | 'low' | 'medium' | 'high' | 'critical';
  metrics: Map<string, string>;
}

export function parseCvss3(vector: string, assumeVersion?: Cvss3Version): { version: Cvss3Version; metrics: Map<string, string> } {
  let version: Cvss3Version;
  let body: string;
  const m = /^CVSS:(3\.[01])\/(.*)$/s.exec(vector);
  if (m) {
    version = m[1] as Cvss3Version;
    body = m[2] ?? '';
  } else if (vector.startsWith('CVSS:')) {
    throw new CvssVectorError(vector, `prefix must be "CVSS:3.0/" or "CVSS:3.1/" for a v3 vector`);
  } else if (assumeVersion) {
    // CycloneDX ratings carry bare vectors and name the version in `method` (CVSSv3 / CVSSv31).
    version = assumeVersion;
    body = vector;
  } else {
    throw new CvssVectorError(vector, 'missing "CVSS:3.x/" prefix');
  }
  return { version, metrics: parseMetrics(vector, body, TABLE, `CVSS v${version}`) };
}

export function scoreCvss3(vector: string, assumeVersion?: Cvss3Version): Cvss3Scores {
  const { version, metrics } = parseCvss3(vector, assumeVersion);
  const get = (k: string): string => metrics.get(k) ?? 'X';
  const roundup = version === '3.1' ? roundup31 : roundup30;

  const scopeChanged = get('S') === 'C';
  const iss = 1 - (1 - (CIA[get('C')] ?? 0)) * (1 - (CIA[get('I')] ?? 0)) * (1 - (CIA[get('A')] ?? 0));
  const impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * (AV[get('AV')] ?? 0) * (AC[get('AC')] ?? 0) * prWeight(get('PR'), scopeChanged) * (UI[get('UI')] ?? 0);
  let base: number;
  if (impact <= 0) base = 0;
  else if (scopeChanged) base = roundup(Math.min(1.08 * (impact + exploitability), 10));
  else base = roundup(Math.min(impact + exploitability, 10));

  const result: Cvss3Scores = { version, base, level: ratingV3V4(base), metrics };
  const temporalFactor = (E[get('E')] ?? 1) * (RL[get('RL')] ?? 1) * (RC[get('RC')] ?? 1);
  if (['E', 'RL', 'RC'].some((k) => get(k) !== 'X')) result.temporal = roundup(base * temporalFactor);

  const envKeys = ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA'];
  if (envKeys.some((k) => get(k) !== 'X')) {
    const mod = (k: string): string => (get(`M${k}`) !== 'X' ? get(`M${k}`) : get(k));
    const mScopeChanged = mod('S') === 'C';
    const miss = Math.min(
      1 - (1 - (REQ[get('CR')] ?? 1) * (CIA[mod('C')] ?? 0)) * (1 - (REQ[get('IR')] ?? 1) * (CIA[mod('I')] ?? 0)) * (1 - (REQ[get('AR')] ?? 1) * (CIA[mod('A')] ?? 0)),
      0.915,
    );
    let mImpact: number;
    if (!mScopeChanged) mImpact = 6.42 * miss;
    else if (version === '3.1') mImpact = 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss * 0.9731 - 0.02, 13);
    else mImpact = 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss - 0.02, 15);
    const mExploitability = 8.22 * (AV[mod('AV')] ?? 0) * (AC[mod('AC')] ?? 0) * prWeight(mod('PR'), mScopeChanged) * (UI[mod('UI')] ?? 0);
    if (mImpact <= 0) result.environmental = 0;
    else if (mScopeChanged) result.environmental = roundup(roundup(Math.min(1.08 * (mImpact + mExploitability), 10)) * temporalFactor);
    else result.environmental = roundup(roundup(Math.min(mImpact + mExploitability, 10)) * temporalFactor);
  }
  return result;
}
