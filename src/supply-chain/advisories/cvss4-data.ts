/**
 * Data of the CVSS v4.0 scoring algorithm (specification §8.2 and FIRST's reference calculator,
 * © FIRST, Red Hat and contributors, BSD-2-Clause). The numbers are the expert-ranked scores of
 * the 270 MacroVectors; they cannot be derived, only transcribed. The layout is ours.
 */

/**
 * MacroVector "EQ1 EQ2 EQ3 EQ4" → scores by (EQ5, EQ6). For EQ3 ∈ {0,1} the six values are
 * EQ5EQ6 = 00, 01, 10, 11, 20, 21. EQ3 = 2 implies EQ6 = 1 (no VC/VI/VA is High), so there are
 * three values: EQ5 = 0, 1, 2 with EQ6 = 1.
 */
const ROWS: Record<string, number[]> = {
  '0000': [10, 9.9, 9.8, 9.5, 9.5, 9.2], '0001': [10, 9.6, 9.3, 8.7, 9.1, 8.1], '0002': [9.3, 9, 8.9, 8, 8.1, 6.8],
  '0010': [9.8, 9.5, 9.5, 9.2, 9, 8.4], '0011': [9.3, 9.2, 8.9, 8.1, 8.1, 6.5], '0012': [8.8, 8, 7.8, 7, 6.9, 4.8],
  '0020': [9.2, 8.2, 7.2], '0021': [7.9, 6.9, 5], '0022': [6.9, 5.5, 2.7],
  '0100': [9.9, 9.7, 9.5, 9.2, 9.2, 8.5], '0101': [9.5, 9.1, 9, 8.3, 8.4, 7.1], '0102': [9.2, 8.1, 8.2, 7.1, 7.2, 5.3],
  '0110': [9.5, 9.3, 9.2, 8.5, 8.5, 7.3], '0111': [9.2, 8.2, 8, 7.2, 7, 5.9], '0112': [8.4, 7, 7.1, 5.2, 5, 3],
  '0120': [8.6, 7.5, 5.2], '0121': [7.1, 5.2, 2.9], '0122': [6.3, 2.9, 1.7],
  '1000': [9.8, 9.5, 9.4, 8.7, 9.1, 8.1], '1001': [9.4, 8.9, 8.6, 7.4, 7.7, 6.4], '1002': [8.7, 7.5, 7.4, 6.3, 6.3, 4.9],
  '1010': [9.4, 8.9, 8.8, 7.7, 7.6, 6.7], '1011': [8.6, 7.6, 7.4, 5.8, 5.9, 5], '1012': [7.2, 5.7, 5.7, 5.2, 5.2, 2.5],
  '1020': [8.3, 7, 5.4], '1021': [6.5, 5.8, 2.6], '1022': [5.3, 2.1, 1.3],
  '1100': [9.5, 9, 8.8, 7.6, 7.6, 7], '1101': [9, 7.7, 7.5, 6.2, 6.1, 5.3], '1102': [7.7, 6.6, 6.8, 5.9, 5.2, 3],
  '1110': [8.9, 7.8, 7.6, 6.7, 6.2, 5.8], '1111': [7.4, 5.9, 5.7, 5.7, 4.7, 2.3], '1112': [6.1, 5.2, 5.7, 2.9, 2.4, 1.6],
  '1120': [7.1, 5.9, 3], '1121': [5.8, 2.6, 1.5], '1122': [2.3, 1.3, 0.6],
  '2000': [9.3, 8.7, 8.6, 7.2, 7.5, 5.8], '2001': [8.6, 7.4, 7.4, 6.1, 5.6, 3.4], '2002': [7, 5.4, 5.2, 4, 4, 2.2],
  '2010': [8.5, 7.5, 7.4, 5.5, 6.2, 5.1], '2011': [7.2, 5.7, 5.5, 4.1, 4.6, 1.9], '2012': [5.3, 3.6, 3.4, 1.9, 1.9, 0.8],
  '2020': [6.4, 5.1, 2], '2021': [4.7, 2.1, 1.1], '2022': [2.4, 0.9, 0.4],
  '2100': [8.8, 7.5, 7.3, 5.3, 6, 5], '2101': [7.3, 5.5, 5.9, 4, 4.1, 2], '2102': [5.4, 4.3, 4.5, 2.2, 2, 1.1],
  '2110': [7.5, 5.5, 5.8, 4.5, 4, 2.1], '2111': [6.1, 5.1, 4.8, 1.8, 2, 0.9], '2112': [4.6, 1.8, 1.7, 0.7, 0.8, 0.2],
  '2120': [5.3, 2.4, 1.4], '2121': [2.4, 1.2, 0.5], '2122': [1, 0.3, 0.1],
};

function expand(): Map<string, number> {
  const out = new Map<string, number>();
  for (const [prefix, values] of Object.entries(ROWS)) {
    if (prefix[2] === '2') {
      values.forEach((v, eq5) => out.set(`${prefix}${eq5}1`, v));
    } else {
      values.forEach((v, i) => out.set(`${prefix}${Math.floor(i / 2)}${i % 2}`, v));
    }
  }
  return out;
}

/** MacroVector (six digits EQ1..EQ6) → score of its highest-severity vector. */
export const MACROVECTOR_SCORES: ReadonlyMap<string, number> = expand();

type Partial4 = Record<string, string>;
const v = (s: string): Partial4 => Object.fromEntries(s.split('/').map((p) => p.split(':') as [string, string]));

/** Highest-severity metric values inside each EQ level (the "max composed" vectors). */
export const MAX_COMPOSED = {
  eq1: [[v('AV:N/PR:N/UI:N')], [v('AV:A/PR:N/UI:N'), v('AV:N/PR:L/UI:N'), v('AV:N/PR:N/UI:P')], [v('AV:P/PR:N/UI:N'), v('AV:A/PR:L/UI:P')]],
  eq2: [[v('AC:L/AT:N')], [v('AC:H/AT:N'), v('AC:L/AT:P')]],
  /** Indexed [EQ3][EQ6]; EQ3 = 2 exists only with EQ6 = 1. */
  eq3eq6: [
    [[v('VC:H/VI:H/VA:H/CR:H/IR:H/AR:H')], [v('VC:H/VI:H/VA:L/CR:M/IR:M/AR:H'), v('VC:H/VI:H/VA:H/CR:M/IR:M/AR:M')]],
    [
      [v('VC:L/VI:H/VA:H/CR:H/IR:H/AR:H'), v('VC:H/VI:L/VA:H/CR:H/IR:H/AR:H')],
      [
        v('VC:L/VI:H/VA:L/CR:H/IR:M/AR:H'), v('VC:L/VI:H/VA:H/CR:H/IR:M/AR:M'), v('VC:H/VI:L/VA:H/CR:M/IR:H/AR:M'),
        v('VC:H/VI:L/VA:L/CR:M/IR:H/AR:H'), v('VC:L/VI:L/VA:H/CR:H/IR:H/AR:M'),
      ],
    ],
    [[], [v('VC:L/VI:L/VA:L/CR:H/IR:H/AR:H')]],
  ],
  eq4: [[v('SC:H/SI:S/SA:S')], [v('SC:H/SI:H/SA:H')], [v('SC:L/SI:L/SA:L')]],
  eq5: [[v('E:A')], [v('E:P')], [v('E:U')]],
} as const;

/** Depth of each EQ level in steps of 0.1 (the reference calculator's maxSeverity table). */
export const MAX_SEVERITY = {
  eq1: [1, 4, 5],
  eq2: [1, 2],
  // [EQ3][EQ6]; EQ3 = 2 with EQ6 = 0 cannot occur, its 0 is never read.
  eq3eq6: [[7, 6], [8, 8], [0, 10]],
  eq4: [6, 5, 4],
} as const;

/**
 * Severity level of each metric value in steps of 0.1 (the reference calculator's levels × 10):
 * 0 is the most severe. Integers, so that distances are exact.
 */
export const METRIC_LEVELS: Record<string, Record<string, number>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};
