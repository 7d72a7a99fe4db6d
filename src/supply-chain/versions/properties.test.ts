import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_VERSION_LENGTH, VersionParseError, type SchemeId, type VersionKey, type VersionScheme } from './common.ts';
import { schemeById } from './index.ts';

const num = fc.constantFrom('0', '1', '2', '9', '10', '01', '00', '123');
const word = fc.constantFrom('a', 'b', 'alpha', 'beta', 'rc', 'pre', 'dev', 'post', 'sp', 'ga', 'final', 'snapshot', 'p', 'r', 'z', 'A', 'RC', 'git', 'x');
const sep = fc.constantFrom('.', '-', '_', '+', '~', '^', ':', '');

/** Loose version-like strings: a number, then pieces in any order. Lenient schemes accept most. */
const loose = fc.tuple(num, fc.array(fc.oneof(num, word, sep), { maxLength: 7 })).map(([h, t]) => h + t.join(''));
const semverLike = fc
  .tuple(num, num, num, fc.option(fc.array(fc.oneof(num, word), { minLength: 1, maxLength: 3 }), { nil: undefined }), fc.option(word, { nil: undefined }))
  .map(([a, b, c, pre, build]) => `${a}.${b}.${c}${pre ? `-${pre.join('.')}` : ''}${build ? `+${build}` : ''}`);
const pep440Like = fc
  .tuple(fc.array(num, { minLength: 1, maxLength: 3 }), fc.array(fc.oneof(sep, word, num), { maxLength: 5 }))
  .map(([r, t]) => r.join('.') + t.join(''));
const nugetLike = fc
  .tuple(fc.array(num, { minLength: 1, maxLength: 4 }), fc.option(fc.array(fc.oneof(num, word), { minLength: 1, maxLength: 3 }), { nil: undefined }))
  .map(([r, pre]) => r.join('.') + (pre ? `-${pre.join('.')}` : ''));

// Maven's ComparableVersion is not transitive on every string: qualifiers between dots and
// numbered release qualifiers ('-Final-1') produce cycles in Maven itself (pinned in
// maven.test.ts). Its property run therefore uses the shapes where Maven's order is a total
// order: numbers joined by '.', then at most one '-qualifier' (optionally numbered: '-rc1',
// '-beta-2') and an optional '-SNAPSHOT' or '-N' build suffix.
const mavenQualifier = fc.constantFrom('alpha', 'beta', 'milestone', 'rc', 'cr', 'SNAPSHOT', 'sp', 'jre', 'android', 'M', 'a', 'b');
const mavenLike = fc
  .tuple(
    fc.array(num, { minLength: 1, maxLength: 4 }),
    fc.option(fc.tuple(mavenQualifier, fc.option(fc.tuple(fc.constantFrom('', '-'), num), { nil: undefined })), { nil: undefined }),
    fc.option(fc.constantFrom('-SNAPSHOT', '-1', '-2'), { nil: undefined }),
  )
  .map(([r, q, tail]) => r.join('.') + (q ? `-${q[0]}${q[1] ? q[1][0] + q[1][1] : ''}` : '') + (tail ?? ''));

const GENERATORS: Record<SchemeId, fc.Arbitrary<string>> = {
  semver: semverLike,
  go: semverLike.map((v) => `v${v}`),
  npm: semverLike,
  pub: semverLike,
  pep440: pep440Like,
  maven: mavenLike,
  rpm: loose,
  dpkg: loose,
  apk: loose,
  rubygems: loose,
  nuget: nugetLike,
  packagist: loose,
  generic: loose,
};

function tryParse(scheme: VersionScheme, v: string): VersionKey | undefined {
  try {
    return scheme.parse(v);
  } catch (e) {
    if (e instanceof VersionParseError) return undefined;
    throw e;
  }
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe.each(Object.keys(GENERATORS) as SchemeId[])('%s: total order', (id) => {
  const scheme = schemeById(id);
  const versions = fc.sample(GENERATORS[id], { numRuns: 1500, seed: 20240601 });
  const parsed = versions.map((v) => ({ v, k: tryParse(scheme, v) })).filter((x): x is { v: string; k: VersionKey } => x.k !== undefined);

  it('parses a useful share of the generated strings', () => {
    expect(parsed.length).toBeGreaterThan(300);
  });

  it('is reflexive and antisymmetric', () => {
    const bad: string[] = [];
    for (let i = 0; i < parsed.length; i++) {
      const a = parsed[i] as { v: string; k: VersionKey };
      const b = parsed[(i * 31 + 7) % parsed.length] as { v: string; k: VersionKey };
      if (scheme.compare(a.k, scheme.parse(a.v)) !== 0) bad.push(`${a.v} != itself`);
      if (sign(scheme.compare(a.k, b.k)) !== -sign(scheme.compare(b.k, a.k))) bad.push(`${a.v} / ${b.v}`);
    }
    expect(bad).toEqual([]);
  });

  it('is transitive: sorting yields a chain and equal versions compare alike', () => {
    const bad: string[] = [];
    for (let start = 0; start + 40 <= parsed.length; start += 40) {
      const chunk = parsed.slice(start, start + 40).sort((a, b) => scheme.compare(a.k, b.k));
      for (let i = 0; i < chunk.length; i++) {
        for (let j = i + 1; j < chunk.length; j++) {
          const a = chunk[i] as { v: string; k: VersionKey };
          const b = chunk[j] as { v: string; k: VersionKey };
          if (scheme.compare(a.k, b.k) > 0) bad.push(`${a.v} > ${b.v} after sorting`);
        }
      }
      for (let i = 0; i + 1 < chunk.length; i++) {
        const a = chunk[i] as { v: string; k: VersionKey };
        const b = chunk[i + 1] as { v: string; k: VersionKey };
        if (scheme.compare(a.k, b.k) !== 0) continue;
        for (const c of chunk) {
          if (sign(scheme.compare(a.k, c.k)) !== sign(scheme.compare(b.k, c.k))) bad.push(`${a.v} == ${b.v} but not against ${c.v}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('checks triples drawn at random', () => {
    fc.assert(
      fc.property(GENERATORS[id], GENERATORS[id], GENERATORS[id], (x, y, z) => {
        const [a, b, c] = [tryParse(scheme, x), tryParse(scheme, y), tryParse(scheme, z)];
        if (a === undefined || b === undefined || c === undefined) return;
        if (scheme.compare(a, b) <= 0 && scheme.compare(b, c) <= 0) expect(scheme.compare(a, c)).toBeLessThanOrEqual(0);
        if (scheme.compare(a, b) >= 0 && scheme.compare(b, c) >= 0) expect(scheme.compare(a, c)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000, seed: 77 },
    );
  });
});

const ALL = Object.keys(GENERATORS) as SchemeId[];
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

describe('parsers on hostile input', () => {
  it('throw nothing but VersionParseError on arbitrary UTF-16 strings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.oneof(fc.string({ unit: anyUnit, maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 300 })), (id, s) => {
        tryParse(schemeById(id), s);
      }),
      { numRuns: 20000, seed: 5 },
    );
  });

  it('reject absurd strings with a precise reason', () => {
    for (const id of ALL) {
      const scheme = schemeById(id);
      expect(() => scheme.parse('1'.repeat(MAX_VERSION_LENGTH + 1))).toThrow(/longer than 256 characters/);
      expect(() => scheme.parse(`1.0${'\u0000'}`)).toThrow(/control character U\+0000 at offset 3/);
      expect(() => scheme.parse('1.0\u001b[31m')).toThrow(/control character U\+001B/);
      expect(() => scheme.parse('1.\ud800')).toThrow(/lone surrogate at offset 2/);
      expect(() => scheme.parse('')).toThrow(/empty version/);
      expect(() => scheme.parse(undefined as unknown as string)).toThrow(VersionParseError);
    }
  });

  it('stay fast on the worst strings within the length limit', () => {
    const nasty = [
      '1'.repeat(256), '0'.repeat(256), `1${'.1'.repeat(127)}`, `1${'-1'.repeat(127)}`, `1${'-a'.repeat(127)}`, 'a'.repeat(256),
      `1${'.a1'.repeat(85)}`, `1.0${'-rc'.repeat(84)}`, `1${'_alpha'.repeat(42)}`, `1${'~'.repeat(255)}`, `1.0.0-${'a.'.repeat(124)}a`,
      `1.0${'.dev'.repeat(63)}`, `1${'.'.repeat(255)}`, `${'1.'.repeat(127)}x!`, `1.0+${'a-'.repeat(125)}`,
    ];
    const started = performance.now();
    for (const id of ALL) for (const s of nasty) tryParse(schemeById(id), s);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
