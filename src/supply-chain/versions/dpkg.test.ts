import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { VersionParseError } from './common.ts';
import { dpkgScheme } from './dpkg.ts';
import { cmp, expectOrder, expectPairs } from './order-testing.ts';

describe('dpkg order (Debian Policy §5.6.12)', () => {
  it('orders the policy examples: ~ before everything, letters before non-letters', () => {
    expectOrder(dpkgScheme, ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a', '1.0+']);
    expectOrder(dpkgScheme, ['1.0~rc1', ['1.0', '1.0-0', '0:1.0', '1.00'], '1.0-1', '1.0-1ubuntu1', '1.0-1+deb12u1', '1.0a', '1.0+dfsg', '1.0.1']);
    expectOrder(dpkgScheme, ['2.36.1-8+deb11u1', '2.36.1-8+deb11u2', '2.36.1-9', '1:0.1']);
  });

  it('rejects what dpkg rejects', () => {
    for (const bad of ['', ':1.0', 'a:1.0', '1:', '1.0-', '1 0', '99999999999:1', '1.0é']) {
      expect(() => dpkgScheme.parse(bad), JSON.stringify(bad)).toThrow(VersionParseError);
    }
  });

  it('accepts what dpkg only warns about, and compares it as dpkg does', () => {
    expectPairs(dpkgScheme, [['a1', '1', 1], ['1.0_1', '1.0.1', 1]]);
  });
});

function dpkgAvailable(): boolean {
  return spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs `dpkg --compare-versions` on every pair in one shell: -1, 0 or 1 per pair. */
function dpkgCompare(pairs: [string, string][]): number[] {
  const script =
    'while IFS=" " read -r a b; do ' +
    'dpkg --compare-versions "$a" lt "$b" 2>/dev/null; l=$?; dpkg --compare-versions "$a" eq "$b" 2>/dev/null; e=$?; ' +
    'echo "$l $e"; done';
  const out = spawnSync('sh', ['-c', script], { input: pairs.map(([a, b]) => `${a} ${b}\n`).join(''), encoding: 'utf8' });
  return out.stdout.trim().split('\n').map((line, i) => {
    const [l, e] = line.split(' ');
    if ((l !== '0' && l !== '1') || (e !== '0' && e !== '1')) throw new Error(`dpkg could not compare ${pairs[i]?.join(' vs ')}`);
    return l === '0' ? -1 : e === '0' ? 0 : 1;
  });
}

// Versions dpkg accepts without complaint, from a small alphabet so that pairs often tie or
// differ in one place: epochs, '~', '+', '.', letters of both cases, leading zeros, revisions.
const piece = fc.constantFrom('0', '1', '2', '9', '10', '01', '00', 'a', 'b', 'Z', 'z', '.', '+', '~', '~~', 'rc', 'dfsg', 'ubuntu');
const upstream = fc.tuple(fc.constantFrom('0', '1', '2', '10', '1.0', '2.36'), fc.array(piece, { maxLength: 5 })).map(([h, t]) => h + t.join(''));
const revision = fc.array(piece, { minLength: 1, maxLength: 4 }).map((t) => t.join(''));
const dpkgVersion = fc
  .tuple(fc.option(fc.constantFrom('0', '1', '2', '10'), { nil: undefined, freq: 3 }), upstream, fc.option(revision, { nil: undefined }))
  .map(([e, u, r]) => `${e !== undefined ? `${e}:` : ''}${u}${r !== undefined ? `-${r}` : ''}`);

describe.skipIf(!dpkgAvailable())('dpkg order against dpkg --compare-versions', () => {
  it('agrees on generated pairs and their near neighbours', () => {
    const versions = fc.sample(dpkgVersion, { numRuns: 200, seed: 42 });
    const pairs: [string, string][] = [];
    for (let i = 0; i < versions.length; i++) {
      const a = versions[i] as string;
      pairs.push([a, versions[(i * 7 + 3) % versions.length] as string]);
      if (i % 4 === 0) pairs.push([a, `${a}~`], [a, `${a}0`], [a, `${a}.0`]);
    }
    const want = dpkgCompare(pairs);
    const failures = pairs.filter(([a, b], i) => cmp(dpkgScheme, a, b) !== want[i]).map(([a, b]) => `${a} vs ${b}`);
    expect(want.filter((x) => x === 0).length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

if (!dpkgAvailable()) console.warn('[netreview] dpkg is not installed: the dpkg --compare-versions cross-check is skipped');
