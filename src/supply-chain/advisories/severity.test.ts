import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreCvss2 } from './cvss2.ts';
import { CvssVectorError } from './cvss-vector.ts';
import { highestSeverity, levelOfScore, scoreCvss, toSeverity } from './severity.ts';

describe('CVSS v2 base score', () => {
  // Worked examples of the CVSS v2 guide §3.3.
  it.each([
    ['CVE-2002-0392 Apache chunked encoding', 'AV:N/AC:L/Au:N/C:N/I:N/A:C', 7.8],
    ['CVE-2003-0818 Microsoft ASN.1', 'AV:N/AC:L/Au:N/C:C/I:C/A:C', 10.0],
    ['CVE-2003-0062 NOD32 buffer overflow', 'AV:L/AC:H/Au:N/C:C/I:C/A:C', 6.2],
    ['NVD partial/partial/partial', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5],
    ['NVD reflected XSS', 'AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
  ])('%s', (_name, vector, expected) => {
    expect(scoreCvss2(vector).base).toBe(expected);
    expect(scoreCvss2(`(${vector})`).base).toBe(expected);
  });

  it('rates on NVD v2 ranges (no critical) and refuses bad vectors', () => {
    expect(scoreCvss2('AV:N/AC:L/Au:N/C:C/I:C/A:C').level).toBe('high');
    expect(scoreCvss2('AV:N/AC:M/Au:N/C:N/I:P/A:N').level).toBe('medium');
    expect(scoreCvss2('AV:L/AC:H/Au:M/C:N/I:N/A:N')).toMatchObject({ base: 0, level: 'low' });
    expect(() => scoreCvss2('AV:N/AC:L/Au:N/C:P/I:P')).toThrow(/missing base metric A\b/);
    expect(() => scoreCvss2('AV:N/AC:L/Au:N/C:P/I:P/A:P/E:XX')).toThrow(/"E" has invalid value "XX"/);
  });

  it('never falls when an impact metric becomes more severe', () => {
    const order = ['N', 'P', 'C'];
    const arb = fc.record({ av: fc.constantFrom('L', 'A', 'N'), ac: fc.constantFrom('H', 'M', 'L'), au: fc.constantFrom('M', 'S', 'N'), c: fc.constantFrom(...order), i: fc.constantFrom(...order), a: fc.constantFrom(...order) });
    fc.assert(fc.property(arb, (m) => {
      const v = (c: string): string => `AV:${m.av}/AC:${m.ac}/Au:${m.au}/C:${c}/I:${m.i}/A:${m.a}`;
      const s = scoreCvss2(v(m.c)).base;
      const up = order[order.indexOf(m.c) + 1];
      return s >= 0 && s <= 10 && (up === undefined || scoreCvss2(v(up)).base >= s);
    }), { numRuns: 500 });
  });
});

describe('severity entries as OSV names them', () => {
  it('scores CVSS types and checks the vector fits the declared type', () => {
    expect(toSeverity('CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, level: 'critical' });
    expect(toSeverity('CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N').score).toBe(9.3);
    expect(toSeverity('CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P').score).toBe(7.5);
    expect(() => toSeverity('CVSS_V3', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toThrow(/type CVSS_V3 needs a "CVSS:3.0\/" or "CVSS:3.1\/" vector/);
    expect(() => toSeverity('CVSS_V4', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toThrow(CvssVectorError);
  });

  it('maps Ubuntu priorities and keeps unknown types as unknown', () => {
    expect(toSeverity('Ubuntu', 'negligible')).toEqual({ type: 'Ubuntu', vector: 'negligible', level: 'low' });
    expect(toSeverity('Ubuntu', 'high').level).toBe('high');
    expect(() => toSeverity('Ubuntu', 'urgent')).toThrow(/not an Ubuntu priority/);
    expect(toSeverity('VENDOR_X', 'P1')).toEqual({ type: 'VENDOR_X', vector: 'P1', level: 'unknown' });
  });

  it('scores any version by its prefix, with a hint for bare v3 vectors', () => {
    expect(scoreCvss('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({ version: '3.0', score: 9.8, level: 'critical' });
    expect(scoreCvss('AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', { version: '3.1' })).toEqual({ version: '3.1', score: 7.5, level: 'high' });
    expect(scoreCvss('AV:N/AC:L/Au:N/C:N/I:N/A:C').version).toBe('2.0');
    expect(() => scoreCvss('CVSS:5.0/AV:N')).toThrow(/unsupported CVSS version "5.0"/);
  });

  it('picks the most severe rating', () => {
    const low = toSeverity('CVSS_V3', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N');
    const high = toSeverity('CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N');
    const crit = toSeverity('CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    expect(highestSeverity([low, crit, high])).toBe(crit);
    expect(highestSeverity([toSeverity('X', 'y'), low])).toBe(low);
    expect(highestSeverity([])).toBeUndefined();
  });

  it('rates bare scores on the v3/v4 scale', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(levelOfScore)).toEqual(['none', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
    expect(levelOfScore(11)).toBe('unknown');
    expect(levelOfScore(Number.NaN)).toBe('unknown');
  });
});
