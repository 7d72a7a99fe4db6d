import { describe, it, expect } from 'vitest';
import { apkScheme } from './apk.ts';
import { genericScheme } from './generic.ts';
import { cmp, expectOrder, expectPairs } from './order-testing.ts';
import { packagistScheme } from './packagist.ts';

// A selection of apk-tools' test/version.data, one "a op b" per entry.
const APK_CASES = `
2.34 > 0.1.0_alpha|23_foo > 4_beta|1.0 < 1.0bc|0.1.0_alpha = 0.1.0_alpha|0.1.0_alpha < 0.1.3_alpha|0.1.0_alpha2 > 0.1.0_alpha
0.1.0_alpha < 2.2.39-r1|2.2.39-r1 > 1.0.4-r3|1.0.4-r3 < 1.0.4-r4|1.0.4-r4 < 1.6|1.1 > 1.1_alpha1|1.2.1 > 1.2|1.2 < 1.3_alpha
1.3_alpha < 1.3_alpha2|0.7.0 < 0.8_beta1|0.8_beta1 < 0.8_beta2|3.10.18-r1 > 2.3.0b-r1|2.3.0b-r1 < 2.3.0b-r2|0.12.3 > 0.12
0.12 < 0.13_beta1|1.2.11 < 1.2.12.1|1.2.12.1 < 1.2.13|0.2.0-r1 < 3.1_p16|3.1_p16 < 3.1_p17|1.06-r6 < 006|006 > 1.0.0
1.2.2-r1 > 1.2.2|2.59 < 20050718-r1|20050718-r1 < 20050718-r2|3.9.8-r5 > 2.01.01_alpha10|0.94 < 1.0|1.0 > 0.99.3.20040818
1.00_beta2 > 0.9.2|4.2.52_p2-r1 < 4.2.52_p4-r2|1.02.07 < 1.02.10-r1|2.18.3-r10 > 1.05-r18|20060720 > 3.0.20060720
3.0.20060720 < 20060720|2.5.1-r8 < 2.5.1a-r1|3.81 > 1.6d|1.6d > 1.2.07.8|1.2.07.8 < 1.2.12.04|1.07-r1 < 1.07.5|1.07.5 > 1.07
20061003 > 0.1_pre20060810|0.1_pre20060810 < 0.1_pre20060817|3.3.17 > 0.59s-r11|0.20070118 < 0.20070207_rc1
0.20070207_rc1 < 1.0|4.5_p1-r1 > 4.5_p1|0.9.8c-r1 < 0.9.8d|2.2.3-r2 < 013|013 < 014-r1|1.7 < 1.7b|1.7b < 1.8.4-r3
1.8.5 < 1.8.5_p2|2.9.11_pre20051101-r3 > 2.9.11_pre20051101|1.6.8_p12-r1 > 1.6.8_p9-r2|0.9.28-r2 < 0.9.28.1|0.9.28.1 < 087-r1
104-r11 > 104-r9|5.52-r1 > 1.2.5_rc2|20040406-r1 > 2.12r-r4|2.12r-r4 < 2.12r-r5|7.0.17 < 7.0.174|0.3.4_pre20061029 < 0.4.0
1.3-r0 < 1.3.1-r0|1.3_pre1-r1 < 1.3.2|1.0_p10-r0 > 1.0_p9-r0|0.1.0_alpha_pre2 < 0.1.0_alpha
1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0`;

describe('apk (Alpine) order', () => {
  const cases = APK_CASES.trim().split(/[|\n]/).map((l) => l.trim().split(' ') as [string, string, string]);
  it.each(cases)('%s %s %s', (a, op, b) => {
    const want = op === '<' ? -1 : op === '>' ? 1 : 0;
    expect(cmp(apkScheme, a, b)).toBe(want);
    expect(cmp(apkScheme, b, a)).toBe(-want || 0);
  });

  it('orders suffixes: pre-release ones before the release, post-release ones after', () => {
    expectOrder(apkScheme, ['1.0_alpha', '1.0_beta', '1.0_pre', '1.0_rc', '1.0', '1.0-r1', '1.0_cvs', '1.0_svn', '1.0_git', '1.0_hg', '1.0_p1']);
  });
});

describe('Packagist (PHP version_compare)', () => {
  it('orders the special forms', () => {
    expectOrder(packagistScheme, [
      '1.0-foo', '1.0-dev', ['1.0-alpha', '1.0a', '1.0-abc'], ['1.0-beta', '1.0b', '1.0-bugfix'], ['1.0-RC1', '1.0rc1'], ['1.0', 'v1.0'],
      '1.0.0', '1.0.1', ['1.0-pl1', '1.0p1', '1.0-patch1'],
    ]);
  });

  it('matches version_compare results from the PHP manual', () => {
    expectPairs(packagistScheme, [['5.2', '5.2.0', -1], ['5.3.0-dev', '5.3.0', -1], ['1.0rc1', '1.0', -1], ['1.0', '1.0pl1', -1], ['1.0-Alpha', '1.0-dev', -1], ['1.0pl1', '1.0.0', 1]]);
  });
});

describe('generic fallback', () => {
  it('orders dotted numbers, dates and suffixes as rpmvercmp does', () => {
    expectOrder(genericScheme, ['0.9', '1.2.9', '1.2.10', ['2023.01.01', '2023-01-01', '2023_01_01'], '2023.1.2', '2024~rc1', '2024', '2024a', '2024.0']);
  });
});
