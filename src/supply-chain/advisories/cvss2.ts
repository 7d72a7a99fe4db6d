import { CvssVectorError, parseMetrics } from './cvss-vector.ts';
import type { MetricTable } from './cvss-vector.ts';

/**
 * CVSS v2 base score (v2 guide §3.2.1). Old NVD records and some OSV sources still carry only
 * v2 vectors; scoring them is cheap and keeps such advisories from showing as "unknown".
 */

const TABLE: MetricTable = {
  metrics: {
    AV: ['L', 'A', 'N'], AC: ['H', 'M', 'L'], Au: ['M', 'S', 'N'], C: ['N', 'P', 'C'], I: ['N', 'P', 'C'], A: ['N', 'P', 'C'],
    E: ['U', 'POC', 'F', 'H', 'ND'], RL: ['OF', 'TF', 'W', 'U', 'ND'], RC: ['UC', 'UR', 'C', 'ND'],
    CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'], TD: ['N', 'L', 'M', 'H', 'ND'], CR: ['L', 'M', 'H', 'ND'], IR: ['L', 'M', 'H', 'ND'], AR: ['L', 'M', 'H', 'ND'],
  },
  required: ['AV', 'AC', 'Au', 'C', 'I', 'A'],
  ordered: false,
};

const AV: Record<string, number> = { L: 0.395, A: 0.646, N: 1.0 };
const AC: Record<string, number> = { H: 0.35, M: 0.61, L: 0.71 };
const AU: Record<string, number> = { M: 0.45, S: 0.56, N: 0.704 };
const IMPACT: Record<string, number> = { N: 0, P: 0.275, C: 0.66 };

export interface Cvss2Score {
  base: number;
  /** NVD's v2 ranges: low 0.0–3.9, medium 4.0–6.9, high 7.0–10.0 (v2 has no "critical"). */
  level: 'low' | 'medium' | 'high';
  metrics: Map<string, string>;
}

export function parseCvss2(vector: string): Map<string, string> {
  // NVD writes v2 vectors bare or in parentheses; some tools add a "CVSS:2.0/" prefix.
  let body = vector;
  if (body.startsWith('(') && body.endsWith(')')) body = body.slice(1, -1);
  if (body.startsWith('CVSS:2.0/')) body = body.slice('CVSS:2.0/'.length);
  else if (body.startsWith('CVSS:')) throw new CvssVectorError(vector, 'a v2 vector has no version prefix other than "CVSS:2.0/"');
  return parseMetrics(vector, body, TABLE, 'CVSS v2');
}

export function scoreCvss2(vector: string): Cvss2Score {
  const metrics = parseCvss2(vector);
  const get = (k: string): string => metrics.get(k) ?? '';
  const impact = 10.41 * (1 - (1 - (IMPACT[get('C')] ?? 0)) * (1 - (IMPACT[get('I')] ?? 0)) * (1 - (IMPACT[get('A')] ?? 0)));
  const exploitability = 20 * (AV[get('AV')] ?? 0) * (AC[get('AC')] ?? 0) * (AU[get('Au')] ?? 0);
  const f = impact === 0 ? 0 : 1.176;
  const raw = (0.6 * impact + 0.4 * exploitability - 1.5) * f;
  const base = Math.max(0, Math.round(raw * 10) / 10);
  const level = base < 4 ? 'low' : base < 7 ? 'medium' : 'high';
  return { base, level, metrics };
}
