import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Advisory, AffectedPackage, AffectedRange, Component } from '../model.ts';
import { AdvisoryIndex } from './index.ts';
import { isAffected } from './range.ts';

function adv(id: string, affected: AffectedPackage[], extra: Partial<Advisory> = {}): Advisory {
  return { id, aliases: [], related: [], severity: [], affected, source: { format: 'osv' }, ...extra };
}
function aff(ecosystem: string, name: string, ranges: AffectedRange[], versions: string[] = []): AffectedPackage {
  return { ecosystem, name, ranges, versions };
}
const SEMVER = (...events: AffectedRange['events']): AffectedRange => ({ type: 'SEMVER', events });
const ECO = (...events: AffectedRange['events']): AffectedRange => ({ type: 'ECOSYSTEM', events });

const FIXTURES: Advisory[] = [
  adv('GO-1', [aff('Go', 'github.com/x/y', [SEMVER({ introduced: '0' }, { fixed: '1.5.1' })])]),
  adv('GO-2', [aff('Go', 'github.com/x/y', [SEMVER({ introduced: '1.2.0' }, { fixed: '1.3.0' }), SEMVER({ introduced: '2.0.0+incompatible' }, { fixed: '2.1.0+incompatible' })])]),
  adv('GO-W', [aff('Go', 'github.com/x/y', [SEMVER({ introduced: '0' })])], { withdrawn: '2024-01-01T00:00:00Z' }),
  adv('PYSEC-1', [
    aff('PyPI', 'Django', [
      ECO({ introduced: '0' }, { fixed: '2.2.1.0' }, { introduced: '3.0' }, { fixed: '3.0.5' }),
      { type: 'GIT', repo: 'https://github.com/django/django', events: [{ introduced: '0' }, { fixed: 'abcdef' }] },
    ], ['1.0', '2.2']),
  ]),
  adv('PYSEC-2', [aff('PyPI', 'zope.interface', [], ['4.0.0', '4.0.0dev-r12'])]),
  adv('PYSEC-BAD', [aff('PyPI', 'Django', [ECO({ introduced: '0' }, { fixed: 'not a version!' })])]),
  adv('RUSTSEC-1', [aff('crates.io', 'openssl-src', [SEMVER({ introduced: '111.11.0' }, { fixed: '111.15.0' })])]),
  adv('ALSA-1', [aff('AlmaLinux:9', 'thunderbird', [ECO({ introduced: '0' }, { fixed: '115.6.0-1.el9_3.alma' })])]),
  adv('GHSA-log4j', [aff('Maven', 'org.apache.logging.log4j:log4j-core', [ECO({ introduced: '2.0-beta9' }, { fixed: '2.15.0' }), ECO({ introduced: '2.16.0' }, { last_affected: '2.16.0' })])]),
  adv('GHSA-lodash', [aff('npm', 'lodash', [SEMVER({ introduced: '0' }, { fixed: '4.17.21' })])]),
  adv('DSA-1', [aff('Debian:12', 'openssl', [ECO({ introduced: '0' }, { fixed: '3.0.11-1~deb12u1' })])]),
  adv('MIXED', [aff('npm', 'mixed', [SEMVER({ introduced: '1.0.0' }, { fixed: '1.1.0' }), ECO({ introduced: '2.0.0' }, { fixed: '2.1.0' })])]),
  adv('APK-1', [aff('Alpine:v3.18', 'busybox', [ECO({ introduced: '0' }, { fixed: '1.36.1-r1' })])]),
];

const index = new AdvisoryIndex(FIXTURES);
const ids = (list: readonly Advisory[]): string[] => list.map((a) => a.id);

describe('AdvisoryIndex', () => {
  it('finds the advisories of a component version across overlapping ranges', () => {
    expect(ids(index.lookup('Go', 'github.com/x/y', 'v1.2.5'))).toEqual(['GO-1', 'GO-2']);
    expect(ids(index.lookup('Go', 'github.com/x/y', '1.4.0'))).toEqual(['GO-1']);
    expect(ids(index.lookup('Go', 'github.com/x/y', 'v1.5.1'))).toEqual([]);
    expect(ids(index.lookup('Go', 'github.com/x/y', 'v2.0.5+incompatible'))).toEqual(['GO-2']);
    expect(ids(index.lookup('Go', 'github.com/x/y', 'v0.0.0-20191109021931-daa7c04131f5'))).toEqual(['GO-1']);
  });

  it('never returns withdrawn advisories', () => {
    expect(ids(index.lookup('Go', 'github.com/x/y', 'v9.0.0'))).toEqual([]);
    expect(index.size.advisories).toBe(FIXTURES.length - 1);
  });

  it('normalises package names as the ecosystem does', () => {
    for (const name of ['Django', 'django', 'DJANGO']) expect(ids(index.lookup('PyPI', name, '2.1')), name).toEqual(['PYSEC-1']);
    for (const name of ['zope.interface', 'zope-interface', 'Zope_Interface']) expect(ids(index.lookup('PyPI', name, '4.0')), name).toEqual(['PYSEC-2']);
    expect(ids(index.lookup('npm', 'LoDash', '4.17.20'))).toEqual(['GHSA-lodash']);
    expect(index.lookup('Go', 'github.com/X/y', 'v1.0.0')).toEqual([]);
  });

  it('matches listed versions by order-equality and unparseable ones by exact string', () => {
    expect(ids(index.lookup('PyPI', 'django', '2.2.0'))).toEqual(['PYSEC-1']);
    expect(ids(index.lookup('PyPI', 'django', '2.2.1'))).toEqual([]);
    expect(ids(index.lookup('PyPI', 'zope.interface', '4.0.0dev-r12'))).toEqual(['PYSEC-2']);
    expect(ids(index.lookup('PyPI', 'zope.interface', '4.0.1'))).toEqual([]);
  });

  it('reports ranges it cannot evaluate instead of guessing', () => {
    expect(index.problems).toHaveLength(1);
    expect(index.problems[0]).toMatchObject({ advisory: 'PYSEC-BAD', ecosystem: 'PyPI', name: 'Django' });
    expect(index.problems[0]?.reason).toMatch(/does not parse/);
    expect(ids(index.lookup('PyPI', 'django', '3.0.1'))).toEqual(['PYSEC-1']);
  });

  it('uses each ecosystem order: RPM, Maven, dpkg, apk, crates', () => {
    expect(ids(index.lookup('AlmaLinux:9', 'thunderbird', '115.5.0-1.el9_2.alma'))).toEqual(['ALSA-1']);
    expect(ids(index.lookup('AlmaLinux:9', 'thunderbird', '115.6.0-1.el9_3.alma'))).toEqual([]);
    expect(ids(index.lookup('AlmaLinux:9', 'thunderbird', '115.6.0-1.el9_3.alma.1'))).toEqual([]);
    expect(ids(index.lookup('AlmaLinux:8', 'thunderbird', '1.0-1'))).toEqual([]);
    const log4j = 'org.apache.logging.log4j:log4j-core';
    expect(['2.0-beta8', '2.0-beta9', '2.0-rc1', '2.0', '2.14.1', '2.15.0-rc1', '2.15.0', '2.16.0', '2.16.1'].map((v) => index.lookup('Maven', log4j, v).length))
      .toEqual([0, 1, 1, 1, 1, 1, 0, 1, 0]);
    expect(ids(index.lookup('Debian:12', 'openssl', '3.0.11-1~deb12u0'))).toEqual(['DSA-1']);
    expect(ids(index.lookup('Debian:12', 'openssl', '3.0.11-1'))).toEqual([]);
    expect(ids(index.lookup('Alpine:v3.18', 'busybox', '1.36.1-r0'))).toEqual(['APK-1']);
    expect(ids(index.lookup('Alpine:v3.18', 'busybox', '1.36.1-r1'))).toEqual([]);
    expect(ids(index.lookup('crates.io', 'openssl-src', '111.14.9+1.1.1k'))).toEqual(['RUSTSEC-1']);
  });

  it('ORs SEMVER and ECOSYSTEM ranges of one package', () => {
    expect(['0.9.0', '1.0.5', '1.1.0', '2.0.5', '2.1.0'].map((v) => index.lookup('npm', 'mixed', v).length)).toEqual([0, 1, 0, 1, 0]);
  });

  it('matches SBOM components and ignores incomplete ones', () => {
    const c: Component = { ref: 'a', name: 'y', ecosystem: 'Go', packageName: 'github.com/x/y', version: 'v1.0.0', hashes: [] };
    expect(ids(index.matchComponent(c))).toEqual(['GO-1']);
    expect(index.matchComponent({ ...c, version: undefined })).toEqual([]);
    expect(index.matchComponent({ ...c, ecosystem: undefined })).toEqual([]);
    expect(index.matchComponent({ ...c, packageName: undefined })).toEqual([]);
  });

  it('returns shared frozen arrays and survives absurd versions', () => {
    const r = index.lookup('PyPI', 'django', '1.0');
    expect(Object.isFrozen(r)).toBe(true);
    expect(index.lookup('PyPI', 'django', 'x'.repeat(100_000))).toEqual([]);
    expect(index.lookup('PyPI', 'django', '1.0\u0000')).toEqual([]);
  });
});

// The cell table must give exactly what the OSV evaluation gives: random advisories over a
// small version space, probed at every bound and between them.
const semverCore = fc.tuple(fc.nat(4), fc.nat(4), fc.option(fc.constantFrom('alpha', 'rc.1'), { nil: undefined })).map(([a, b, p]) => `1.${a}.${b}${p ? `-${p}` : ''}`);
const pepCore = fc.tuple(fc.nat(4), fc.nat(4), fc.constantFrom('', 'a1', '.post1', '.dev0', 'rc2')).map(([a, b, s]) => `${a}.${b}${s}`);
const mavenCore = fc.tuple(fc.nat(4), fc.nat(4), fc.constantFrom('', '-alpha-1', '-SNAPSHOT', '-rc1', '.Final')).map(([a, b, s]) => `${a}.${b}${s}`);
const event = (core: fc.Arbitrary<string>) => fc.oneof(
  core.map((v) => ({ introduced: v })), fc.constant({ introduced: '0' }), core.map((v) => ({ fixed: v })),
  core.map((v) => ({ last_affected: v })), core.map((v) => ({ limit: v })),
);

describe.each([
  ['npm', 'SEMVER', semverCore],
  ['PyPI', 'ECOSYSTEM', pepCore],
  ['Maven', 'ECOSYSTEM', mavenCore],
] as const)('%s index agrees with isAffected', (ecosystem, type, core) => {
  it('for random advisories and versions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.array(event(core), { minLength: 1, maxLength: 5 }), { maxLength: 3 }), fc.array(core, { maxLength: 3 })), { minLength: 1, maxLength: 6 }),
        fc.array(core, { minLength: 1, maxLength: 12 }),
        (specs, probes) => {
          const advisories = specs.map(([ranges, versions], i) => adv(`A${i}`, [aff(ecosystem, 'pkg', ranges.map((events) => ({ type, events })), versions)]));
          const idx = new AdvisoryIndex(advisories);
          const bounds = specs.flatMap(([ranges, versions]) => [...versions, ...ranges.flat().flatMap((e) => Object.values(e))]).filter((v) => v !== '0');
          for (const v of [...probes, ...bounds]) {
            const want = advisories.filter((a) => a.affected.some((p) => isAffected(p, v))).map((a) => a.id);
            expect(ids(idx.lookup(ecosystem, 'pkg', v)), v).toEqual(want);
          }
        },
      ),
      { numRuns: 400, seed: 99 },
    );
  });
});
