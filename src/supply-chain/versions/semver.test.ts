import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import semver from 'semver';
import { VersionParseError } from './common.ts';
import { expectOrder, expectPairs, cmp } from './order-testing.ts';
import { goScheme, npmScheme, pubScheme, semverScheme } from './semver.ts';

describe('SemVer 2.0 precedence (semver.org §11)', () => {
  it('orders the spec examples', () => {
    expectOrder(semverScheme, ['1.0.0', '2.0.0', '2.1.0', '2.1.1']);
    expectOrder(semverScheme, [
      '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2',
      '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0',
    ]);
  });

  it('ignores build metadata and compares numbers of any size', () => {
    expectOrder(semverScheme, [
      ['1.0.0-alpha+001', '1.0.0-alpha'],
      ['1.0.0+20130313144700', '1.0.0', 'v1.0.0+exp.sha.5114f85'],
      '1.0.1',
      '99999999999999999999.0.0',
      '100000000000000000000.0.0',
    ]);
    expectPairs(semverScheme, [['1.0.0-9', '1.0.0-10', -1], ['1.0.0-a10', '1.0.0-a9', -1], ['1.0.0-Z', '1.0.0-a', -1]]);
  });

  it('rejects what SemVer 2.0 rejects, with a VersionParseError', () => {
    for (const bad of ['1', '1.2', '01.2.3', '1.02.3', '1.2.3-01', '1.2.3-', '1.2.3+', '1.2.3-a..b', '1.2.3 ', 'V1.2.3', '1.2.3.4', '=1.2.3']) {
      expect(() => semverScheme.parse(bad), bad).toThrow(VersionParseError);
    }
  });
});

describe('Go module versions', () => {
  it('orders pseudo-versions between the releases they derive from', () => {
    expectOrder(goScheme, [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'v0.0.1',
      'v1.2.3',
      'v1.2.4-0.20191109021931-daa7c04131f5',
      'v1.2.4-alpha',
      'v1.2.4-alpha.0.20200101000000-abcdefabcdef',
      'v1.2.4-beta',
      'v1.2.4',
      ['v2.0.0', 'v2.0.0+incompatible', '2.0.0', 'v2', 'v2.0'],
      'v2.2.5-rc6.0.20190621200032-0ddffe484adc+incompatible',
      'v2.2.5',
    ]);
  });

  it('accepts OSV bounds without the v and Go shorthands only with it', () => {
    expect(cmp(goScheme, '1.26.0-0', 'v1.26.0-rc.1')).toBe(-1);
    expect(() => goScheme.parse('1.2')).toThrow(VersionParseError);
    expect(() => goScheme.parse('v1.2-pre')).toThrow(VersionParseError);
  });
});

describe('pub_semver', () => {
  it('orders build metadata after pre-release, none first', () => {
    expectOrder(pubScheme, ['1.0.0-alpha', '1.0.0', '1.0.0+1', '1.0.0+2', '1.0.0+10', '1.0.0+a', '1.0.1']);
    expectPairs(pubScheme, [['01.2.3', '1.2.3', 0], ['1.0.0-01', '1.0.0-1', 0]]);
  });
});

// node-semver is the independent reference for npm's order and grammar.
const num = fc.oneof(fc.constantFrom('0', '1', '2', '9', '10', '11'), fc.integer({ min: 0, max: 2_000_000 }).map(String));
const alnumId = fc.oneof(
  fc.constantFrom('alpha', 'beta', 'rc', 'a1', 'x-y', '-', '0a', 'A', 'Z', 'z', 'pre'),
  fc.string({ unit: fc.constantFrom(...'0123456789aZz-'), minLength: 1, maxLength: 4 }).filter((s) => !/^[0-9]+$/.test(s)),
);
const preIds = fc.array(fc.oneof(num, alnumId), { minLength: 1, maxLength: 4 }).map((ids) => ids.join('.'));
const buildIds = fc.array(fc.string({ unit: fc.constantFrom(...'0123abcXYZ-'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });
const validSemver = fc
  .tuple(num, num, num, fc.option(preIds, { nil: undefined }), fc.option(buildIds, { nil: undefined }), fc.boolean())
  .map(([a, b, c, pre, build, v]) => `${v ? 'v' : ''}${a}.${b}.${c}${pre ? `-${pre}` : ''}${build ? `+${build.join('.')}` : ''}`);

const edits = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'0.-+vaZ_ '), fc.constantFrom('ins', 'del', 'rep')), { maxLength: 2 });
function applyEdits(v: string, e: [number, string, string][]): string {
  let s = v;
  for (const [at, ch, op] of e) {
    const i = at % (s.length + 1);
    s = op === 'ins' ? s.slice(0, i) + ch + s.slice(i) : op === 'del' ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + ch + s.slice(i + 1);
  }
  return s === '' ? '0' : s;
}

describe('npm order against node-semver', () => {
  it('agrees with semver.compare on generated versions', () => {
    fc.assert(
      fc.property(validSemver, validSemver, (a, b) => {
        expect(cmp(npmScheme, a, b)).toBe(semver.compare(a, b));
      }),
      { numRuns: 3000, seed: 1 },
    );
  });

  it('agrees on near neighbours (same core, different pre-release)', () => {
    const pool = fc.sample(fc.tuple(fc.constantFrom('1.0.0', '0.0.1'), fc.option(preIds, { nil: undefined })), { numRuns: 300, seed: 7 })
      .map(([core, pre]) => (pre ? `${core}-${pre}` : core));
    const failures: string[] = [];
    for (let i = 0; i < pool.length; i++) {
      for (let j = i; j < Math.min(pool.length, i + 40); j++) {
        const a = pool[i] as string;
        const b = pool[j] as string;
        if (cmp(npmScheme, a, b) !== semver.compare(a, b)) failures.push(`${a} vs ${b}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('accepts exactly the strings semver.valid accepts', () => {
    // Valid versions with up to two random edits: about half stay valid, the rest fail somewhere.
    const samples = fc.sample(fc.tuple(validSemver, edits), { numRuns: 5000, seed: 3 }).map(([v, e]) => applyEdits(v, e));
    let accepted = 0;
    const failures: string[] = [];
    for (const s of samples) {
      let ours = true;
      try {
        npmScheme.parse(s);
      } catch (e) {
        if (!(e instanceof VersionParseError)) throw e;
        ours = false;
      }
      if (ours) accepted++;
      if (ours !== (semver.valid(s) !== null)) failures.push(s);
    }
    expect(failures).toEqual([]);
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(4500);
  });

  it('rejects numbers node-semver cannot hold', () => {
    expect(() => npmScheme.parse('9007199254740992.0.0')).toThrow(VersionParseError);
    expect(cmp(npmScheme, '9007199254740991.0.0', '1.0.0')).toBe(1);
  });
});
