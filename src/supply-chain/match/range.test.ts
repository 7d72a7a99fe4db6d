import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import semver from 'semver';
import type { AffectedPackage, AffectedRange, RangeEvent } from '../model.ts';
import { compileRange, isAffected, isCompiled } from './range.ts';

function pkg(ecosystem: string, ranges: AffectedRange[], versions: string[] = []): AffectedPackage {
  return { ecosystem, name: 'p', ranges, versions };
}
const semverRange = (...events: RangeEvent[]): AffectedRange => ({ type: 'SEMVER', events });
const ecoRange = (...events: RangeEvent[]): AffectedRange => ({ type: 'ECOSYSTEM', events });

describe('isAffected: OSV evaluation', () => {
  it('introduced is inclusive, fixed exclusive, last_affected inclusive', () => {
    const fixed = pkg('npm', [semverRange({ introduced: '1.0.0' }, { fixed: '1.2.0' })]);
    expect(['0.9.9', '1.0.0-rc.1', '1.0.0', '1.1.9', '1.2.0-rc.1', '1.2.0', '1.2.1'].map((v) => isAffected(fixed, v)))
      .toEqual([false, false, true, true, true, false, false]);
    const last = pkg('npm', [semverRange({ introduced: '1.0.0' }, { last_affected: '1.2.0' })]);
    expect(['1.2.0', '1.2.0+build', '1.2.1-0', '1.2.1'].map((v) => isAffected(last, v))).toEqual([true, true, false, false]);
  });

  it('introduced "0" precedes every version and an open range never closes', () => {
    const all = pkg('PyPI', [ecoRange({ introduced: '0' })]);
    expect(isAffected(all, '0.0.0.dev0')).toBe(true);
    expect(isAffected(all, '99!1.0')).toBe(true);
    const below = pkg('PyPI', [ecoRange({ introduced: '0' }, { fixed: '0.1' })]);
    expect(isAffected(below, '0')).toBe(true);
    expect(isAffected(below, '0.1.dev1')).toBe(true);
    expect(isAffected(below, '0.1')).toBe(false);
  });

  it('sorts events before evaluating and ORs several ranges and intervals', () => {
    const p = pkg('PyPI', [
      ecoRange({ fixed: '2.2.1.0' }, { introduced: '2.2.0.0' }, { fixed: '2.1.4.0' }, { introduced: '0' }),
      ecoRange({ introduced: '3.0' }, { fixed: '3.0.5' }),
    ]);
    const got = ['1.0', '2.1.3', '2.1.4', '2.1.9', '2.2', '2.2.0.1', '2.2.1', '2.9', '3.0rc1', '3.0', '3.0.4', '3.0.5'].map((v) => isAffected(p, v));
    expect(got).toEqual([true, true, false, false, true, true, false, false, false, true, true, false]);
  });

  it('keeps the record order of events that share a bound', () => {
    expect(isAffected(pkg('npm', [semverRange({ introduced: '1.0.0' }, { fixed: '1.0.0' })]), '1.0.0')).toBe(false);
    const reopened = pkg('npm', [semverRange({ introduced: '0' }, { fixed: '1.0.0' }, { introduced: '1.0.0' }, { fixed: '2.0.0' })]);
    expect(isAffected(reopened, '1.0.0')).toBe(true);
    expect(isAffected(reopened, '0.5.0')).toBe(true);
  });

  it('honours limit events (v must be below some limit; "*" is infinity)', () => {
    const limited = pkg('npm', [semverRange({ introduced: '1.0.0' }, { limit: '1.5.0' }, { limit: '1.3.0' })]);
    expect(['1.2.0', '1.4.9', '1.5.0', '2.0.0'].map((v) => isAffected(limited, v))).toEqual([true, true, false, false]);
    expect(isAffected(pkg('npm', [semverRange({ introduced: '1.0.0' }, { limit: '*' })]), '9.0.0')).toBe(true);
  });

  it('matches the explicit versions list by string and by equality in the ecosystem order', () => {
    const p = pkg('PyPI', [], ['1.0', '2.0rc1']);
    expect(isAffected(p, '1.0')).toBe(true);
    expect(isAffected(p, '1.0.0')).toBe(true);
    expect(isAffected(p, '2.0c1')).toBe(true);
    expect(isAffected(p, '1.0.post1')).toBe(false);
    expect(isAffected(pkg('PyPI', [], ['0.1dev-r1234']), '0.1dev-r1234')).toBe(true);
  });

  it('never places a version in a GIT range: only the versions list matches', () => {
    const git: AffectedRange = { type: 'GIT', repo: 'https://github.com/python/cpython', events: [{ introduced: '0' }, { fixed: '4df1b6d478020ac51c84467f47e42083f53adbad' }] };
    expect(isAffected(pkg('PyPI', [git]), '1.0')).toBe(false);
    expect(isAffected(pkg('PyPI', [git], ['1.0']), '1.0')).toBe(true);
    expect(compileRange(git, 'PyPI')).toBeUndefined();
  });

  it('uses SemVer order for SEMVER ranges and the ecosystem order for ECOSYSTEM ranges', () => {
    // SemVer: 'SNAPSHOT' < 'alpha' (ASCII); Maven: alpha < snapshot.
    const events: RangeEvent[] = [{ introduced: '0' }, { fixed: '1.0.0-alpha' }];
    expect(isAffected(pkg('Maven', [semverRange(...events)]), '1.0.0-SNAPSHOT')).toBe(true);
    expect(isAffected(pkg('Maven', [ecoRange(...events)]), '1.0.0-SNAPSHOT')).toBe(false);
    // PEP 440 knows 1.0.post1 > 1.0; SemVer cannot even read it.
    expect(isAffected(pkg('PyPI', [ecoRange({ introduced: '1.0' }, { fixed: '1.0.post2' })]), '1.0.post1')).toBe(true);
    expect(isAffected(pkg('PyPI', [semverRange({ introduced: '1.0.0' }, { fixed: '1.0.2' })]), '1.0.post1')).toBe(false);
  });

  it('accepts Go versions with or without the leading v, pseudo-versions and +incompatible', () => {
    const go = pkg('Go', [semverRange({ introduced: '0' }, { fixed: '1.5.1' }), semverRange({ introduced: '10.5.0+incompatible' }, { fixed: '10.6.0+incompatible' })]);
    expect(isAffected(go, 'v1.5.0')).toBe(true);
    expect(isAffected(go, '1.5.0')).toBe(true);
    expect(isAffected(go, 'v1.5.1')).toBe(false);
    expect(isAffected(go, 'v1.5.1-0.20191109021931-daa7c04131f5')).toBe(true);
    expect(isAffected(go, 'v10.5.3+incompatible')).toBe(true);
    expect(isAffected(go, 'v10.6.0+incompatible')).toBe(false);
    expect(isAffected(pkg('Go', [ecoRange({ introduced: '1.2.0' })]), 'v1.2')).toBe(true);
  });

  it('reports bounds that do not parse instead of guessing, and an unparseable version matches no range', () => {
    const bad = compileRange({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'not a version!' }] }, 'PyPI');
    expect(isCompiled(bad)).toBe(false);
    expect(bad && 'reason' in bad ? bad.reason : '').toMatch(/does not parse: invalid pep440 version "not a version!"/);
    expect(isAffected(pkg('PyPI', [ecoRange({ introduced: '0' })]), 'garbage version')).toBe(false);
  });
});

// Boundary properties against an interval model: strictly increasing bounds b0 < b1 < ... turned
// into introduced/fixed (or a final last_affected) pairs, shuffled in the record.
const core = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.option(fc.constantFrom('alpha', 'beta.2', 'rc.1', '0'), { nil: undefined }))
  .map(([a, b, c, p]) => `${a}.${b}.${c}${p ? `-${p}` : ''}`);

describe('range boundaries (property)', () => {
  it('agrees with the interval model for every version at and around the bounds', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(core, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<'fixed' | 'last_affected' | 'open'>('fixed', 'last_affected', 'open'),
        fc.boolean(),
        fc.array(core, { maxLength: 10 }),
        fc.nat(),
        (raw, ending, fromZero, probes, seed) => {
          const bounds = [...raw].sort(semver.compare);
          const events: RangeEvent[] = [];
          const intervals: { lo: string | null; hi: string | null; hiInclusive: boolean }[] = [];
          for (let i = 0; i < bounds.length; i += 2) {
            const lo = i === 0 && fromZero ? null : (bounds[i] as string);
            const hi = bounds[i + 1] ?? null;
            const last = i + 2 >= bounds.length;
            events.push({ introduced: lo ?? '0' });
            if (hi !== null && (!last || ending !== 'open')) {
              const kind = last && ending === 'last_affected' ? 'last_affected' : 'fixed';
              events.push({ [kind]: hi });
              intervals.push({ lo, hi, hiInclusive: kind === 'last_affected' });
            } else {
              intervals.push({ lo, hi: null, hiInclusive: false });
            }
          }
          // A deterministic shuffle: the evaluation must sort the events itself.
          const shuffled = events.map((e, i) => ({ e, r: (i * 7919 + seed) % 104729 })).sort((a, b) => a.r - b.r).map((x) => x.e);
          const p = pkg('npm', [semverRange(...shuffled)]);
          for (const v of [...bounds, ...probes]) {
            const want = intervals.some(({ lo, hi, hiInclusive }) =>
              (lo === null || semver.gte(v, lo)) && (hi === null || (hiInclusive ? semver.lte(v, hi) : semver.lt(v, hi))));
            expect(isAffected(p, v), `${v} in ${JSON.stringify(shuffled)}`).toBe(want);
          }
        },
      ),
      { numRuns: 1500, seed: 17 },
    );
  });
});
