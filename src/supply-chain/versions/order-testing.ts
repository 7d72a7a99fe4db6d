/**
 * Assertions shared by the version-order tests (imported only from *.test.ts files). They check
 * both directions of every pair, so a comparator that is merely "not equal" cannot pass.
 */
import { expect } from 'vitest';
import type { VersionScheme } from './common.ts';

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function cmp(scheme: VersionScheme, a: string, b: string): number {
  return sign(scheme.compare(scheme.parse(a), scheme.parse(b)));
}

/**
 * `groups` are in strictly ascending order; the versions inside one group are equal.
 * Every pair across the whole list is checked, in both directions.
 */
export function expectOrder(scheme: VersionScheme, groups: (string | string[])[]): void {
  const flat: { v: string; g: number }[] = [];
  groups.forEach((g, i) => {
    for (const v of Array.isArray(g) ? g : [g]) flat.push({ v, g: i });
  });
  const failures: string[] = [];
  for (const a of flat) {
    for (const b of flat) {
      const want = sign(a.g - b.g);
      const got = cmp(scheme, a.v, b.v);
      if (got !== want) failures.push(`${a.v} vs ${b.v}: got ${got}, want ${want}`);
    }
  }
  expect(failures).toEqual([]);
}

/** Each triple is [a, b, expected sign of compare(a, b)]; the reverse is checked too. */
export function expectPairs(scheme: VersionScheme, pairs: [string, string, number][]): void {
  const failures: string[] = [];
  for (const [a, b, want] of pairs) {
    const got = cmp(scheme, a, b);
    const back = cmp(scheme, b, a);
    if (got !== want || back !== -want) failures.push(`${a} vs ${b}: got ${got}/${back}, want ${want}`);
  }
  expect(failures).toEqual([]);
}
