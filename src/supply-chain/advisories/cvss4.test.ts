import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { macroVectorOf, parseCvss4, scoreCvss4 } from './cvss4.ts';
import { MACROVECTOR_SCORES } from './cvss4-data.ts';
import { CvssVectorError } from './cvss-vector.ts';

// Vector → score pairs published with FIRST's/Red Hat's reference implementations (calculator
// examples and the Red Hat `cvss` library's test vectors); all base (CVSS-B) unless marked.
const REFERENCE: [string, number][] = [
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 6.9],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L', 9.2],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:N/SA:L', 7.8],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H', 7.9],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:N/VA:L/SC:N/SI:H/SA:N', 8.3],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:N/VA:N/SC:L/SI:N/SA:L', 5.3],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.6],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:N/SC:H/SI:L/SA:L', 6.4],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N', 4.8],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N', 2.1],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N', 1.8],
  ['CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:L/SI:H/SA:L', 9.4],
  ['CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N', 4.0],
  ['CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:L/SA:N', 9.5],
  ['CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N', 6.1],
  // CVSS-BTE example of the reference calculator's documentation.
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A', 8.7],
];

// Exact x.x5 ties that floating-point arithmetic used to round down (reference calculator
// issues #48, #66 and the November 2024 fix); the specification rounds half up.
const TIES: [string, number][] = [
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H', 8.6],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U', 0.4],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:H/SI:H/SA:H/E:P', 9.0],
  ['CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:H/E:A/CR:H/IR:M/AR:H/MAV:A/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:N/MVA:H/MSC:H/MSI:H/MSA:H/S:N/AU:N/R:I/V:C/RE:M/U:Green', 8.6],
  ['CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:N/VI:L/VA:H/SC:N/SI:L/SA:N/E:U/CR:H/IR:H/AR:H/MAV:L/MAC:H/MAT:P/MPR:L/MUI:P/MVC:L/MVI:L/MVA:L/MSC:L/MSI:L/MSA:S/S:N/AU:N/R:U/V:D/RE:L/U:Clear', 1.0],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:P/CR:L/IR:L/AR:L/MAV:N/MAC:L/MAT:N/MPR:L/MUI:A/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:H/U:Red', 8.5],
];

describe('CVSS v4.0 score (MacroVector lookup and interpolation)', () => {
  it.each(REFERENCE)('%s → %s', (vector, expected) => {
    expect(scoreCvss4(vector).score).toBe(expected);
  });

  it.each(TIES)('rounds the exact tie of %s half up to %s', (vector, expected) => {
    expect(scoreCvss4(vector).score).toBe(expected);
  });

  it('has the 270 MacroVectors of the specification, each scored in [0, 10]', () => {
    expect(MACROVECTOR_SCORES.size).toBe(270);
    for (const [mv, s] of MACROVECTOR_SCORES) {
      expect(mv).toMatch(/^[012][01][012][012][012][01]$/);
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(10);
    }
    expect(MACROVECTOR_SCORES.get('000000')).toBe(10);
    expect(MACROVECTOR_SCORES.get('212221')).toBe(0.1);
  });

  it('places vectors in their MacroVector', () => {
    expect(macroVectorOf(parseCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H'))).toBe('000100');
    expect(macroVectorOf(parseCvss4('CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:U'))).toBe('212221');
    // MSI:S (safety) moves EQ4 to its most severe level; CR/IR/AR default to High.
    expect(macroVectorOf(parseCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S'))).toBe('000000');
  });

  it('names the metric groups it reflects', () => {
    expect(scoreCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N').nomenclature).toBe('CVSS-B');
    expect(scoreCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U').nomenclature).toBe('CVSS-BT');
    expect(scoreCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L').nomenclature).toBe('CVSS-BE');
    expect(scoreCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MAV:L').nomenclature).toBe('CVSS-BTE');
  });

  it('ignores supplemental metrics and scores no impact as 0', () => {
    const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(scoreCvss4(`${base}/S:P/AU:Y/R:I/V:C/RE:H/U:Red`).score).toBe(9.3);
    expect(scoreCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({ score: 0, level: 'none' });
    expect(scoreCvss4(`${base}/MVC:N/MVI:N/MVA:N`).score).toBe(0);
  });
});

describe('CVSS v4.0 invalid vectors are refused precisely', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', /prefix must be "CVSS:4.0\/"/],
    ['AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', /missing "CVSS:4.0\/" prefix/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', /missing base metric SA/],
    ['CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', /metric "AV" is out of order/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', /metric "SI" has invalid value "S"/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Purple', /metric "U" has invalid value "Purple"/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:A', /"E" appears more than once/],
  ])('%s', (vector, message) => {
    expect(() => scoreCvss4(vector)).toThrow(CvssVectorError);
    expect(() => scoreCvss4(vector)).toThrow(message);
  });
});

const BASE = [
  ['AV', ['N', 'A', 'L', 'P']], ['AC', ['L', 'H']], ['AT', ['N', 'P']], ['PR', ['N', 'L', 'H']], ['UI', ['N', 'P', 'A']],
  ['VC', ['H', 'L', 'N']], ['VI', ['H', 'L', 'N']], ['VA', ['H', 'L', 'N']], ['SC', ['H', 'L', 'N']], ['SI', ['H', 'L', 'N']], ['SA', ['H', 'L', 'N']],
] as const;
const baseArb = fc.tuple(...BASE.map(([, vs]) => fc.constantFrom(...vs)));
const toVector = (values: readonly string[]): string => `CVSS:4.0/${BASE.map(([k], i) => `${k}:${values[i]}`).join('/')}`;

describe('CVSS v4.0 properties', () => {
  it('scores lie in [0, 10] with one decimal and never above their MacroVector', () => {
    fc.assert(fc.property(baseArb, fc.constantFrom('', '/E:P', '/E:U', '/CR:L/IR:M', '/MAV:P/MSI:S'), (values, extra) => {
      const r = scoreCvss4(toVector(values) + extra);
      const ceiling = MACROVECTOR_SCORES.get(r.macroVector) ?? -1;
      return r.score >= 0 && r.score <= 10 && Math.round(r.score * 10) / 10 === r.score && r.score <= ceiling;
    }), { numRuns: 3000 });
  });

  // Not a guarantee of the specification's text, but true of its tables for every one of the
  // 104,976 base vectors (checked exhaustively against an independent implementation).
  it('never falls when a base metric becomes more severe', () => {
    fc.assert(fc.property(baseArb, fc.integer({ min: 0, max: BASE.length - 1 }), (values, index) => {
      const options = BASE[index]?.[1] as readonly string[];
      const i = options.indexOf(values[index] as string);
      fc.pre(i > 0);
      const worse: string[] = [...values];
      worse[index] = options[i - 1] as string;
      return scoreCvss4(toVector(worse)).score >= scoreCvss4(toVector(values)).score;
    }), { numRuns: 3000 });
  });
});
