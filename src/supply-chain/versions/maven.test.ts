import { describe, it, expect } from 'vitest';
import { canonicalMaven, mavenScheme } from './maven.ts';
import { cmp, expectOrder, expectPairs } from './order-testing.ts';

// The cases below are those of maven-artifact's ComparableVersionTest (3.9 line).
function canonical(v: string): string {
  return canonicalMaven(mavenScheme.parse(v));
}

/** ComparableVersionTest.newComparable: the canonical form must be a fixed point. */
function expectCanonicalStable(versions: string[]): void {
  const unstable = versions.filter((v) => canonical(canonical(v)) !== canonical(v));
  expect(unstable).toEqual([]);
}

const VERSIONS_QUALIFIER = [
  '1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2',
  '1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot',
  '1-1', '1-2', '1-123',
];

const VERSIONS_NUMBER = [
  '2.0', '2.0.a', '2-1', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2',
  '2.123', '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m',
];

describe('Maven ComparableVersion', () => {
  it('testVersionsQualifier / testVersionsNumber', () => {
    expectOrder(mavenScheme, VERSIONS_QUALIFIER);
    expectOrder(mavenScheme, VERSIONS_NUMBER);
    expectCanonicalStable([...VERSIONS_QUALIFIER, ...VERSIONS_NUMBER]);
  });

  it('testVersionsEqual', () => {
    const eq: [string, string][] = [
      ['1', '1'], ['1', '1.0'], ['1', '1.0.0'], ['1.0', '1.0.0'], ['1', '1-0'], ['1', '1.0-0'], ['1.0', '1.0-0'],
      ['1a', '1-a'], ['1a', '1.0-a'], ['1a', '1.0.0-a'], ['1.0a', '1-a'], ['1.0.0a', '1-a'],
      ['1x', '1-x'], ['1x', '1.0-x'], ['1x', '1.0.0-x'], ['1.0x', '1-x'], ['1.0.0x', '1-x'], ['1cr', '1rc'],
      ['1a1', '1-alpha-1'], ['1b2', '1-beta-2'], ['1m3', '1-milestone-3'],
      ['1X', '1x'], ['1A', '1a'], ['1B', '1b'], ['1M', '1m'], ['1Cr', '1Rc'], ['1cR', '1rC'],
      ['1m3', '1Milestone3'], ['1m3', '1MileStone3'], ['1m3', '1MILESTONE3'],
    ];
    expectPairs(mavenScheme, eq.map(([a, b]) => [a, b, 0]));
    expect(eq.filter(([a, b]) => canonical(a) !== canonical(b))).toEqual([]);
  });

  it('testVersionsHaveSameOrderButAreNotEqual', () => {
    for (const v of ['1ga', '1release', '1final', '1Ga', '1GA', '1RELEASE', '1RELeaSE', '1Final', '1FinaL', '1FINAL']) {
      expect(cmp(mavenScheme, v, '1'), v).toBe(0);
      expect(canonical(v)).not.toBe(canonical('1'));
    }
  });

  it('testVersionComparing', () => {
    expectPairs(mavenScheme, [
      ['1', '2', -1], ['1.5', '2', -1], ['1', '2.5', -1], ['1.0', '1.1', -1], ['1.1', '1.2', -1], ['1.0.0', '1.1', -1],
      ['1.0.1', '1.1', -1], ['1.1', '1.2.0', -1], ['1.0-alpha-1', '1.0', -1], ['1.0-alpha-1', '1.0-alpha-2', -1],
      ['1.0-alpha-1', '1.0-beta-1', -1], ['1.0-beta-1', '1.0-SNAPSHOT', -1], ['1.0-SNAPSHOT', '1.0', -1],
      ['1.0-alpha-1-SNAPSHOT', '1.0-alpha-1', -1], ['1.0', '1.0-1', -1], ['1.0-1', '1.0-2', -1], ['1.0.0', '1.0-1', -1],
      ['2.0-1', '2.0.1', -1], ['2.0.1-klm', '2.0.1-lmn', -1], ['2.0.1', '2.0.1-xyz', -1], ['2.0.1', '2.0.1-123', -1],
      ['2.0.1-xyz', '2.0.1-123', -1], ['0.7', '2', -1], ['0.2', '1.0.7', -1],
    ]);
  });

  it('testGetCanonical (MNG-7700)', () => {
    expectCanonicalStable(['0.x', '0-x', '0.rc', '0-1']);
    expect(canonical('0.x')).toBe('x');
    expect(canonical('0.2')).toBe('0.2');
  });

  it('MNG-5568 (transitivity with an odd qualifier)', () => {
    expectOrder(mavenScheme, ['6.1.0rc3', '6.1.0', '6.1H.5-beta']);
  });

  it('MNG-6572 (int, long and BigInteger items)', () => {
    expectOrder(mavenScheme, ['20190126.230843', '1234567890.12345', '123456789012345.1H.5-beta', '12345678901234567890.1H.5-beta']);
  });

  it('leading zeroes of any length are equal', () => {
    const ones = Array.from({ length: 19 }, (_, i) => `${'0'.repeat(18 - i)}1`);
    const zeros = Array.from({ length: 19 }, (_, i) => '0'.repeat(19 - i));
    expectOrder(mavenScheme, [zeros, ones]);
  });

  it('MNG-6964 (qualifiers after -0.)', () => {
    expectOrder(mavenScheme, ['1-0.alpha', '1-0.beta', '1']);
  });

  it('is locale independent', () => {
    expect(cmp(mavenScheme, '1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ')).toBe(0);
  });

  it('MNG-7644 (dot and hyphen before qualifiers)', () => {
    for (const x of ['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC']) {
      expect(cmp(mavenScheme, `1.0.0.${x}1`, `1.0.0-${x}2`), x).toBe(-1);
      expectOrder(mavenScheme, [[`2-${x}`, `2.0.${x}`, `2.0.0.${x}`]]);
    }
  });

  it('MNG-7714 (final < sp)', () => {
    for (const sp of ['1.0-sp1-redhat', '1.0-sp-1-redhat', '1.0-sp.1-redhat']) {
      expect(cmp(mavenScheme, '1.0.final-redhat', sp), sp).toBe(-1);
    }
  });

  it('orders the qualifiers of the POM reference', () => {
    expectOrder(mavenScheme, [
      '1-alpha', ['1-a1', '1-alpha-1', '1-ALPHA1'], '1-beta', '1-milestone', ['1-rc', '1-cr'], '1-snapshot',
      ['1', '1-ga', '1-final', '1-release', '1.0', '1-'], '1-sp', '1-unknown', '1-1',
    ]);
  });

  it('reproduces the cycles of ComparableVersion itself rather than inventing a different order', () => {
    // Traced by hand through maven-artifact's code: a list item loses to a string item, while a
    // string equal to the release qualifier counts as nothing against a missing item.
    expect(cmp(mavenScheme, '2-SNAPSHOT', '2')).toBe(-1);
    expect(cmp(mavenScheme, '2', '2.Final.2-SNAPSHOT')).toBe(-1);
    expect(cmp(mavenScheme, '2.Final.2-SNAPSHOT', '2-SNAPSHOT')).toBe(-1);
    expect(cmp(mavenScheme, '10', '10z1')).toBe(-1);
    expect(cmp(mavenScheme, '10z1', '10-0A01rc')).toBe(-1);
    expect(cmp(mavenScheme, '10-0A01rc', '10')).toBe(-1);
    expect(cmp(mavenScheme, '9-RELEASE-10', '9')).toBe(0);
  });
});
