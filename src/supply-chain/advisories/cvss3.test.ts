import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundup30, roundup31, scoreCvss3 } from './cvss3.ts';
import { CvssVectorError } from './cvss-vector.ts';

// Worked examples of the CVSS v3.1 "Examples" document (FIRST), base vector → base score.
const SPEC_EXAMPLES: [string, string, number][] = [
  ['CVE-2013-1937 phpMyAdmin reflected XSS', 'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['CVE-2013-0375 MySQL stored SQL injection', 'AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ['CVE-2014-3566 SSLv3 POODLE', 'AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
  ['CVE-2012-1516 VMware guest to host escape', 'AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
  ['CVE-2009-0783 Apache Tomcat XML parser', 'AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L', 4.2],
  ['CVE-2012-0384 Cisco IOS command injection', 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2015-1098 Apple iWork denial of service', 'AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
  ['CVE-2014-0160 OpenSSL Heartbleed', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
  ['CVE-2014-6271 GNU Bash Shellshock', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
  ['CVE-2008-1447 DNS Kaminsky bug', 'AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8],
  ['CVE-2014-2005 Sophos login screen bypass', 'AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8],
  ['CVE-2010-0467 Joomla directory traversal', 'AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8],
  ['CVE-2012-1342 Cisco ACL bypass', 'AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N', 5.8],
  ['CVE-2016-0128 Windows SAM/LSAD downgrade (Badlock)', 'AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N', 6.8],
  ['CVE-2016-1645 Chrome PDFium heap corruption', 'AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
  ['Log4Shell (NVD)', 'AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0],
];

describe('CVSS v3.x base score by the specification formula', () => {
  it.each(SPEC_EXAMPLES)('%s', (_name, vector, expected) => {
    expect(scoreCvss3(`CVSS:3.1/${vector}`).base).toBe(expected);
    expect(scoreCvss3(`CVSS:3.0/${vector}`).base).toBe(expected);
  });

  it('rates scores on the qualitative scale', () => {
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toMatchObject({ base: 0, level: 'none' });
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N').level).toBe('low');
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N').level).toBe('medium');
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N').level).toBe('high');
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').level).toBe('critical');
  });

  it('uses the v3.1 Roundup, which does not turn float noise into an extra tenth', () => {
    // 4.000000000000001 is what the multiplications give for an exact 4.0.
    expect(roundup31(4.000000000000001)).toBe(4.0);
    expect(roundup30(4.000000000000001)).toBe(4.1);
    expect(roundup31(4.02)).toBe(4.1);
    expect(roundup31(0)).toBe(0);
    expect(roundup31(9.99)).toBe(10);
  });

  it('accepts metrics in any order and bare vectors only with a version hint', () => {
    expect(scoreCvss3('CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N').base).toBe(9.8);
    expect(scoreCvss3('AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', '3.1').base).toBe(7.5);
    expect(() => scoreCvss3('AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N')).toThrow(/missing "CVSS:3.x\/" prefix/);
  });

  // Expected temporal/environmental values agree with the metaeffekt calculator (ae-cvss-calculator).
  it('computes temporal and environmental scores when those metrics are set', () => {
    const s = scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C');
    expect(s.base).toBe(9.8);
    expect(s.temporal).toBe(8.8);
    expect(s.environmental).toBeUndefined();
    // CycloneDX VEX use cases: the supplier sets MC/MI/MA to N to say "no impact here" → 0.0.
    expect(scoreCvss3('AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:N/MI:N/MA:N', '3.1').environmental).toBe(0);
    const env = scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:L/A:H/E:F/RL:U/RC:R/CR:H/IR:L/AR:M/MAV:A/MPR:N');
    expect(env.base).toBe(9.9);
    expect(env.temporal).toBe(9.3);
    expect(env.environmental).toBe(9.1);
  });

  it('differs between 3.0 and 3.1 only where the specs differ (Modified Impact under changed scope)', () => {
    const v = 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/IR:H/AR:H/MS:C';
    expect(scoreCvss3(`CVSS:3.0/${v}`).environmental).toBe(10);
    expect(scoreCvss3(`CVSS:3.1/${v}`).environmental).toBe(10);
    const w = 'AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:H/MS:C';
    expect(scoreCvss3(`CVSS:3.0/${w}`).environmental).toBe(7.2);
    expect(scoreCvss3(`CVSS:3.1/${w}`).environmental).toBe(7.3);
  });
});

describe('CVSS v3.x invalid vectors are refused precisely', () => {
  it.each([
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /prefix must be "CVSS:3.0\/" or "CVSS:3.1\/"/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /missing base metric A\b/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H', /missing base metrics S, A/],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /metric "AV" has invalid value "X" \(allowed: N, A, L, P\)/],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /metric "AV" appears more than once/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1', /unknown CVSS v3.1 metric "ZZ" at component 9/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /empty component at position 9/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH', /component 8 "AH" is not METRIC:VALUE/],
    ['CVSS:3.1/', /no metrics after the CVSS v3.1 prefix/],
    [`CVSS:3.1/${'AV:N/'.repeat(200)}`, /longer than 512 characters/],
  ])('%s', (vector, message) => {
    expect(() => scoreCvss3(vector)).toThrow(CvssVectorError);
    expect(() => scoreCvss3(vector)).toThrow(message);
  });
});

const V3 = { AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'], S: ['U', 'C'], C: ['H', 'L', 'N'], I: ['H', 'L', 'N'], A: ['H', 'L', 'N'] } as const;
type V3Key = keyof typeof V3;
const v3Arb = fc.record(Object.fromEntries(Object.entries(V3).map(([k, vs]) => [k, fc.constantFrom(...vs)])) as { [K in V3Key]: fc.Arbitrary<string> });
const vec = (m: Record<string, string>, version = '3.1'): string => `CVSS:${version}/${(Object.keys(V3) as V3Key[]).map((k) => `${k}:${m[k]}`).join('/')}`;

describe('CVSS v3.x properties', () => {
  it('scores lie in [0, 10] with one decimal', () => {
    fc.assert(fc.property(v3Arb, fc.constantFrom('3.0', '3.1'), (m, version) => {
      const { base } = scoreCvss3(vec(m, version));
      return base >= 0 && base <= 10 && Math.round(base * 10) / 10 === base;
    }), { numRuns: 2000 });
  });

  it('never falls when an impact or exploitability metric becomes more severe (values listed most severe first)', () => {
    fc.assert(fc.property(v3Arb, fc.constantFrom<V3Key>('C', 'I', 'A', 'AV', 'AC', 'PR', 'UI'), (m, key) => {
      const values = V3[key] as readonly string[];
      const i = values.indexOf(m[key] as string);
      fc.pre(i > 0);
      const worse = { ...m, [key]: values[i - 1] as string };
      return scoreCvss3(vec(worse)).base >= scoreCvss3(vec(m)).base;
    }), { numRuns: 3000 });
  });

  it('scores zero exactly when there is no impact', () => {
    fc.assert(fc.property(v3Arb, (m) => (scoreCvss3(vec(m)).base === 0) === (m.C === 'N' && m.I === 'N' && m.A === 'N')), { numRuns: 1000 });
  });
});
