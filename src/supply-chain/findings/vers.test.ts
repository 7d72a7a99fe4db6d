import { describe, expect, it } from 'vitest';
import { inVersRange } from './vers.ts';

describe('vers: ranges (package-url/vers-spec containment)', () => {
  it.each([
    ['vers:npm/*', '0.0.1', true],
    ['vers:npm/1.2.3', '1.2.3', true],
    ['vers:npm/1.2.3', '1.2.4', false],
    ['vers:npm/>=1.0.0|<2.0.0', '1.5.0', true],
    ['vers:npm/>=1.0.0|<2.0.0', '2.0.0', false],
    ['vers:npm/>=1.0.0|<2.0.0', '0.9.0', false],
    // Two disjoint intervals, and an excluded point inside one.
    ['vers:npm/>=1.0.0|<1.5.0|>=2.0.0|<3.0.0', '1.7.0', false],
    ['vers:npm/>=1.0.0|<1.5.0|>=2.0.0|<3.0.0', '2.5.0', true],
    ['vers:npm/>=1.0.0|!=1.2.0|<2.0.0', '1.2.0', false],
    ['vers:npm/<1.0.0|>=2.0.0', '2.1.0', true],
    ['vers:npm/<1.0.0|>=2.0.0', '1.1.0', false],
    ['vers:npm/>2.0.0', '2.0.0', false],
  ])('%s contains %s: %s', (vers, version, expected) => {
    expect(inVersRange(vers, version, 'npm')).toBe(expected);
  });

  it('compares in the ecosystem order, not as strings', () => {
    expect(inVersRange('vers:pypi/>=1.10', '1.9', 'PyPI')).toBe(false);
    expect(inVersRange('vers:pypi/>=1.10', '1.10.post1', 'PyPI')).toBe(true);
    expect(inVersRange('vers:maven/<1.0', '1.0-alpha-1', 'Maven')).toBe(true);
  });

  it('answers undefined for what it cannot read, so the caller does not guess', () => {
    expect(inVersRange('>=1.0.0', '1.2.0', 'npm')).toBeUndefined();
    expect(inVersRange('vers:npm/>=not a version', '1.2.0', 'npm')).toBeUndefined();
    expect(inVersRange('vers:npm/>=1.0.0', 'garbage version', 'npm')).toBeUndefined();
  });
});
