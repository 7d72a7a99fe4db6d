import { describe, it, expect } from 'vitest';
import { expectOrder, expectPairs } from './order-testing.ts';
import { rpmScheme, rpmvercmp } from './rpm.ts';

// rpm's tests/rpmvercmp.at, one line per RPMVERCMP(a, b, expected).
const RPMVERCMP = `
1.0 1.0 0|1.0 2.0 -1|2.0 1.0 1|2.0.1 2.0.1 0|2.0 2.0.1 -1|2.0.1 2.0 1|2.0.1a 2.0.1a 0|2.0.1a 2.0.1 1
2.0.1 2.0.1a -1|5.5p1 5.5p1 0|5.5p1 5.5p2 -1|5.5p2 5.5p1 1|5.5p10 5.5p10 0|5.5p1 5.5p10 -1|5.5p10 5.5p1 1
10xyz 10.1xyz -1|10.1xyz 10xyz 1|xyz10 xyz10 0|xyz10 xyz10.1 -1|xyz10.1 xyz10 1|xyz.4 xyz.4 0|xyz.4 8 -1
8 xyz.4 1|xyz.4 2 -1|2 xyz.4 1|5.5p2 5.6p1 -1|5.6p1 5.5p2 1|5.6p1 6.5p1 -1|6.5p1 5.6p1 1|6.0.rc1 6.0 1
6.0 6.0.rc1 -1|10b2 10a1 1|10a2 10b2 -1|1.0aa 1.0aa 0|1.0a 1.0aa -1|1.0aa 1.0a 1|10.0001 10.0001 0
10.0001 10.1 0|10.1 10.0001 0|10.0001 10.0039 -1|10.0039 10.0001 1|4.999.9 5.0 -1|5.0 4.999.9 1
20101121 20101121 0|20101121 20101122 -1|20101122 20101121 1|2_0 2_0 0|2.0 2_0 0|2_0 2.0 0
a a 0|a+ a+ 0|a+ a_ 0|a_ a+ 0|+a +a 0|+a _a 0|_a +a 0|+_ +_ 0|_+ +_ 0|_+ _+ 0|+ _ 0|_ + 0
1.0~rc1 1.0~rc1 0|1.0~rc1 1.0 -1|1.0 1.0~rc1 1|1.0~rc1 1.0~rc2 -1|1.0~rc2 1.0~rc1 1
1.0~rc1~git123 1.0~rc1~git123 0|1.0~rc1~git123 1.0~rc1 -1|1.0~rc1 1.0~rc1~git123 1
1.0^ 1.0^ 0|1.0^ 1.0 1|1.0 1.0^ -1|1.0^git1 1.0^git1 0|1.0^git1 1.0 1|1.0 1.0^git1 -1|1.0^git1 1.0^git2 -1
1.0^git2 1.0^git1 1|1.0^git1 1.01 -1|1.01 1.0^git1 1|1.0^20160101 1.0^20160101 0|1.0^20160101 1.0.1 -1
1.0.1 1.0^20160101 1|1.0^20160101^git1 1.0^20160101^git1 0|1.0^20160102 1.0^20160101^git1 1
1.0^20160101^git1 1.0^20160102 -1|1.0~rc1^git1 1.0~rc1^git1 0|1.0~rc1^git1 1.0~rc1 1|1.0~rc1 1.0~rc1^git1 -1
1.0^git1~pre 1.0^git1~pre 0|1.0^git1 1.0^git1~pre 1|1.0^git1~pre 1.0^git1 -1
1b.fc17 1b.fc17 0|1b.fc17 1.fc17 -1|1.fc17 1b.fc17 1|1g.fc17 1g.fc17 0|1g.fc17 1.fc17 1|1.fc17 1g.fc17 -1
1.1.α 1.1.α 0|1.1.α 1.1.β 0|1.1.β 1.1.α 0|1.1.αα 1.1.α 0|1.1.α 1.1.ββ 0|1.1.ββ 1.1.αα 0`;

const CASES = RPMVERCMP.trim().split(/[|\n]/).map((l) => l.trim().split(' ') as [string, string, string]);

describe('rpmvercmp', () => {
  it.each(CASES)('rpmvercmp(%s, %s) = %s', (a, b, want) => {
    expect(rpmvercmp(a, b)).toBe(Number(want));
  });
});

describe('RPM EVR order', () => {
  it('compares epoch first, then version, then release', () => {
    expectOrder(rpmScheme, [
      '1.0~rc1-1.el9',
      ['1.0-1.el9', '0:1.0-1.el9', ':1.0-1.el9'],
      '1.0-1.el9_3.alma',
      '1.0-2.el9',
      '1.0.1-1.el9',
      '115.6.0-1.el9_3.alma',
      '1:0.1-1',
      '2:0.0.1-1',
    ]);
  });

  it('orders real AlmaLinux fixed versions as dnf does', () => {
    expectPairs(rpmScheme, [
      ['128.4.0-1.el9_4.alma.1', '128.4.0-1.el9_4.alma', 1],
      ['1:21.0.5.0.10-3.el8.alma.1', '21.0.5.0.10-3.el8.alma.1', 1],
      ['2.9.13-6.el9_4', '2.9.13-6.el9_4.alma.1', -1],
      ['5.14.0-427.13.1.el9_4', '5.14.0-427.el9', 1],
      ['1.2.3-1', '1.2.3', 1],
    ]);
  });

  it('treats a colon not after leading digits and a dash before them as rpm does', () => {
    // parseEVR: 'a:1' has no epoch, so ':' is a separator inside the version.
    expectPairs(rpmScheme, [['a:1-1', 'a.1-1', 0]]);
  });
});
