import { CvssVectorError, parseMetrics, ratingV3V4 } from './cvss-vector.ts';
import type { MetricTable } from './cvss-vector.ts';
import { MACROVECTOR_SCORES, MAX_COMPOSED, MAX_SEVERITY, METRIC_LEVELS } from './cvss4-data.ts';

/**
 * CVSS v4.0 score (specification §8): the vector falls in a MacroVector (six equivalence
 * classes EQ1–EQ6) whose expert-ranked score is the ceiling; the score is then lowered by the
 * mean, over the EQs that have a lower neighbour, of (score gap to that neighbour) × (how far the
 * vector sits below the highest-severity vectors of its class, relative to the class depth).
 * The arithmetic follows FIRST's reference calculator step by step, in the same order, so the
 * floating-point results (and therefore the rounding) agree with it.
 */

const TABLE: MetricTable = {
  metrics: {
    AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], AT: ['N', 'P'], PR: ['N', 'L', 'H'], UI: ['N', 'P', 'A'],
    VC: ['H', 'L', 'N'], VI: ['H', 'L', 'N'], VA: ['H', 'L', 'N'], SC: ['H', 'L', 'N'], SI: ['H', 'L', 'N'], SA: ['H', 'L', 'N'],
    E: ['X', 'A', 'P', 'U'],
    CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
    MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MAT: ['X', 'N', 'P'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'P', 'A'],
    MVC: ['X', 'H', 'L', 'N'], MVI: ['X', 'H', 'L', 'N'], MVA: ['X', 'H', 'L', 'N'],
    MSC: ['X', 'H', 'L', 'N'], MSI: ['X', 'S', 'H', 'L', 'N'], MSA: ['X', 'S', 'H', 'L', 'N'],
    S: ['X', 'N', 'P'], AU: ['X', 'N', 'Y'], R: ['X', 'A', 'U', 'I'], V: ['X', 'D', 'C'], RE: ['X', 'L', 'M', 'H'],
    U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
  },
  required: ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
  // §7: metrics are listed in the order of the specification's table; the OSV schema enforces it too.
  ordered: true,
};

const THREAT = ['E'];
const ENVIRONMENTAL = ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MAT', 'MPR', 'MUI', 'MVC', 'MVI', 'MVA', 'MSC', 'MSI', 'MSA'];

export interface Cvss4Score {
  score: number;
  level: 'none' | 'low' | 'medium' | 'high' | 'critical';
  /** §1.3 nomenclature: which metric groups the score reflects. */
  nomenclature: 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';
  macroVector: string;
  metrics: Map<string, string>;
}

export function parseCvss4(vector: string): Map<string, string> {
  if (!vector.startsWith('CVSS:4.0/')) {
    throw new CvssVectorError(vector, vector.startsWith('CVSS:') ? 'prefix must be "CVSS:4.0/" for a v4 vector' : 'missing "CVSS:4.0/" prefix');
  }
  return parseMetrics(vector, vector.slice('CVSS:4.0/'.length), TABLE, 'CVSS v4.0');
}

/**
 * Value a metric takes in scoring: Threat and security-requirement metrics left at X assume the
 * worst case (E:A, CR/IR/AR:H); modified environmental metrics replace their base metric.
 */
function effective(metrics: Map<string, string>, name: string): string {
  const selected = metrics.get(name) ?? 'X';
  if (selected === 'X') {
    if (name === 'E') return 'A';
    if (name === 'CR' || name === 'IR' || name === 'AR') return 'H';
  }
  const modified = metrics.get(`M${name}`);
  if (modified !== undefined && modified !== 'X') return modified;
  return selected;
}

export function macroVectorOf(metrics: Map<string, string>): string {
  const m = (k: string): string => effective(metrics, k);
  const [av, pr, ui] = [m('AV'), m('PR'), m('UI')];
  let eq1: number;
  if (av === 'N' && pr === 'N' && ui === 'N') eq1 = 0;
  else if ((av === 'N' || pr === 'N' || ui === 'N') && av !== 'P') eq1 = 1;
  else eq1 = 2;
  const eq2 = m('AC') === 'L' && m('AT') === 'N' ? 0 : 1;
  const [vc, vi, va] = [m('VC'), m('VI'), m('VA')];
  let eq3: number;
  if (vc === 'H' && vi === 'H') eq3 = 0;
  else if (vc === 'H' || vi === 'H' || va === 'H') eq3 = 1;
  else eq3 = 2;
  let eq4: number;
  if (m('MSI') === 'S' || m('MSA') === 'S') eq4 = 0;
  else if (m('SC') === 'H' || m('SI') === 'H' || m('SA') === 'H') eq4 = 1;
  else eq4 = 2;
  const e = m('E');
  const eq5 = e === 'A' ? 0 : e === 'P' ? 1 : 2;
  const eq6 = (m('CR') === 'H' && vc === 'H') || (m('IR') === 'H' && vi === 'H') || (m('AR') === 'H' && va === 'H') ? 0 : 1;
  return `${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`;
}

export function scoreCvss4(vector: string): Cvss4Score {
  const metrics = parseCvss4(vector);
  const setAny = (names: string[]): boolean => names.some((n) => (metrics.get(n) ?? 'X') !== 'X');
  const nomenclature = (`CVSS-B${setAny(THREAT) ? 'T' : ''}${setAny(ENVIRONMENTAL) ? 'E' : ''}`) as Cvss4Score['nomenclature'];
  const macroVector = macroVectorOf(metrics);
  const score = computeScore(metrics, macroVector);
  return { score, level: ratingV3V4(score), nomenclature, macroVector, metrics };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const LEVEL_ORDER = Object.keys(METRIC_LEVELS);
const highestCache = new Map<string, number[][]>();

/** Levels (in LEVEL_ORDER) of the highest-severity vectors of a MacroVector, in the reference calculator's order. */
function highestVectors(eq1: number, eq2: number, eq3: number, eq4: number, eq5: number, eq6: number): number[][] {
  const key = `${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`;
  let out = highestCache.get(key);
  if (out) return out;
  out = [];
  for (const a of MAX_COMPOSED.eq1[eq1] ?? []) {
    for (const b of MAX_COMPOSED.eq2[eq2] ?? []) {
      for (const c of MAX_COMPOSED.eq3eq6[eq3]?.[eq6] ?? []) {
        for (const d of MAX_COMPOSED.eq4[eq4] ?? []) {
          const max: Record<string, string> = { ...a, ...b, ...c, ...d };
          out.push(LEVEL_ORDER.map((k) => METRIC_LEVELS[k]?.[max[k] ?? ''] ?? 0));
        }
      }
    }
  }
  highestCache.set(key, out);
  return out;
}

function computeScore(metrics: Map<string, string>, macro: string): number {
  const m = (k: string): string => effective(metrics, k);
  // No impact on either system scores 0 whatever the exploitability (§8.3).
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((k) => m(k) === 'N')) return 0;

  // Everything below is in integer tenths and integer steps, so the result is the exact
  // rational the specification describes. Floating point here is what made the reference
  // calculator round some x.x5 ties down (FIRST/Red Hat fixed it in Nov. 2024 with an epsilon).
  const tenths = (key: string): number | undefined => {
    const s = MACROVECTOR_SCORES.get(key);
    return s === undefined ? undefined : Math.round(s * 10);
  };
  const value = tenths(macro);
  if (value === undefined) throw new Error(`internal: MacroVector ${macro} has no score`);
  const [eq1, eq2, eq3, eq4, eq5, eq6] = macro.split('').map(Number) as [number, number, number, number, number, number];
  const at = (a: number, b: number, c: number, d: number, e: number, f: number): number | undefined => tenths(`${a}${b}${c}${d}${e}${f}`);

  let lowerEq3Eq6: number | undefined;
  if (eq3 === 0 && eq6 === 0) {
    // Two lower neighbours (00→01 and 00→10): the closer, i.e. higher-scoring, one counts.
    const left = at(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    const right = at(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    lowerEq3Eq6 = left === undefined ? right : right === undefined ? left : Math.max(left, right);
  } else if (eq3 === 1 && eq6 === 0) {
    lowerEq3Eq6 = at(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
  } else if (eq3 === 2) {
    lowerEq3Eq6 = undefined;
  } else {
    lowerEq3Eq6 = at(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  }

  // Severity distance from the first highest-severity vector of the class that the vector does not exceed.
  const own = LEVEL_ORDER.map((k) => METRIC_LEVELS[k]?.[m(k)] ?? 0);
  const maxes = highestVectors(eq1, eq2, eq3, eq4, eq5, eq6);
  let chosen = maxes[maxes.length - 1] ?? own;
  for (const max of maxes) {
    if (own.every((level, i) => level - (max[i] ?? 0) >= 0)) { chosen = max; break; }
  }
  const dist: Record<string, number> = {};
  LEVEL_ORDER.forEach((k, i) => { dist[k] = (own[i] ?? 0) - (chosen[i] ?? 0); });
  const d = (k: string): number => dist[k] ?? 0;

  // Per EQ with a lower MacroVector: (score gap to it) × distance / depth. EQ5 has one vector
  // per level, so its distance is always 0, but it still counts in the mean.
  const terms: { gap: number; distance: number; depth: number }[] = [];
  const add = (lower: number | undefined, distance: number, depth: number): void => {
    if (lower !== undefined) terms.push({ gap: value - lower, distance, depth });
  };
  add(at(eq1 + 1, eq2, eq3, eq4, eq5, eq6), d('AV') + d('PR') + d('UI'), MAX_SEVERITY.eq1[eq1] ?? 1);
  add(at(eq1, eq2 + 1, eq3, eq4, eq5, eq6), d('AC') + d('AT'), MAX_SEVERITY.eq2[eq2] ?? 1);
  add(lowerEq3Eq6, d('VC') + d('VI') + d('VA') + d('CR') + d('IR') + d('AR'), MAX_SEVERITY.eq3eq6[eq3]?.[eq6] ?? 1);
  add(at(eq1, eq2, eq3, eq4 + 1, eq5, eq6), d('SC') + d('SI') + d('SA'), MAX_SEVERITY.eq4[eq4] ?? 1);
  add(at(eq1, eq2, eq3, eq4, eq5 + 1, eq6), 0, 1);
  if (terms.length === 0) return value / 10;

  // score·10 = value − (Σ gap·distance/depth) / n, as one fraction num/den with integers.
  const lcm = terms.reduce((acc, t) => (acc * t.depth) / gcd(acc, t.depth), 1);
  const sum = terms.reduce((acc, t) => acc + t.gap * t.distance * (lcm / t.depth), 0);
  const den = lcm * terms.length;
  const num = value * den - sum;
  // Round half up, then clamp to [0, 10].
  const rounded = Math.floor((2 * num + den) / (2 * den));
  return Math.max(0, Math.min(100, rounded)) / 10;
}
