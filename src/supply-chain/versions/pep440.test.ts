import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as pep440 from '@renovatebot/pep440';
import { VersionParseError } from './common.ts';
import { cmp, expectOrder, expectPairs } from './order-testing.ts';
import { pep440Scheme } from './pep440.ts';

describe('PEP 440 order', () => {
  it('orders the example list of PEP 440 ("Summary of permitted suffixes and relative ordering")', () => {
    expectOrder(pep440Scheme, [
      '1.dev0', '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2',
      '1.0b2.post345.dev456', '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7',
      '1.0+5', '1.0.post456.dev34', '1.0.post456', '1.0.15', '1.1.dev1',
    ]);
  });

  it('treats the normalised spellings as equal', () => {
    expectOrder(pep440Scheme, [
      ['0', '0.0', '0.0.0'],
      ['1.0a', '1.0a0', '1.0-alpha', '1.0.alpha.0', '1.0ALPHA', '1.0_a_0'],
      ['1.0c1', '1.0rc1', '1.0pre1', '1.0preview1', '1.0-RC-1'],
      ['1.0', '1.0.0', 'v1.0', '1.0.0.0', ' 1.0 ', '01.00'],
      ['1.0+ubuntu-1', '1.0+ubuntu.1', '1.0+UBUNTU_1'],
      ['1.0.post1.dev0', '1.0-1.dev', '1.0.post1.dev-'],
      ['1.0-1', '1.0.post1', '1.0r1', '1.0rev1', '1.0-post1', '1.0post-1'],
      '1.1',
      ['1!0.1', '1!0.1.0'],
    ]);
  });

  it('keeps arbitrary-precision numbers exact', () => {
    expectPairs(pep440Scheme, [
      ['1.99999999999999999998', '1.99999999999999999999', -1],
      ['1.0+99999999999999999999', '1.0+100000000000000000000', -1],
    ]);
  });

  it('follows packaging, not the renovate port, for local segments such as 1e5', () => {
    // packaging: '1e5' is not all digits, so it is an alphanumeric segment and sorts first.
    expect(cmp(pep440Scheme, '1.0+1e5', '1.0+2')).toBe(-1);
    expect(pep440.compare('1.0+1e5', '1.0+2')).toBe(1);
  });

  it('rejects non-PEP 440 strings', () => {
    for (const bad of ['1.0-', 'a1.0', '1.0+', '1.0+a..b', '1..0', '1.0.dev-1-', 'dev', '1.0 beta', '1.0+é']) {
      expect(() => pep440Scheme.parse(bad), bad).toThrow(VersionParseError);
    }
  });
});

// The renovate port (ported from packaging) is the independent reference; local segments that
// JavaScript's Number() would read as numbers ('1e5', '0x1', 'Infinity') are left out on purpose.
const n = fc.oneof(fc.constantFrom('0', '00', '1', '2', '9', '10', '11'), fc.integer({ min: 0, max: 100000 }).map(String));
const sep = fc.constantFrom('', '.', '-', '_');
const release = fc.array(n, { minLength: 1, maxLength: 4 }).map((r) => r.join('.'));
const pre = fc.tuple(sep, fc.constantFrom('a', 'alpha', 'b', 'beta', 'c', 'rc', 'pre', 'preview', 'RC'), sep, fc.option(n, { nil: '' }))
  .map(([s1, l, s2, x]) => (x === '' ? `${s1}${l}` : `${s1}${l}${s2}${x}`));
const post = fc.oneof(
  n.map((x) => `-${x}`),
  fc.tuple(sep, fc.constantFrom('post', 'rev', 'r'), sep, fc.option(n, { nil: '' })).map(([s1, l, s2, x]) => (x === '' ? `${s1}${l}` : `${s1}${l}${s2}${x}`)),
);
const dev = fc.tuple(sep, fc.constantFrom('dev', 'DEV'), fc.option(n, { nil: '' })).map(([s1, l, x]) => `${s1}${l}${x}`);
const localSeg = fc.oneof(n, fc.constantFrom('abc', 'ubuntu', 'a1', 'z', 'deb9u1', 'B'));
const local = fc.array(localSeg, { minLength: 1, maxLength: 3 }).chain((segs) =>
  fc.array(fc.constantFrom('.', '-', '_'), { minLength: segs.length, maxLength: segs.length }).map((seps) => segs.map((s, i) => (i === 0 ? s : `${seps[i]}${s}`)).join('')),
);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const version = fc
  .tuple(opt(n), release, opt(pre), opt(post), opt(dev), opt(local), fc.boolean())
  .map(([epoch, rel, p, po, d, l, v]) => `${v ? 'v' : ''}${epoch !== undefined ? `${epoch}!` : ''}${rel}${p ?? ''}${po ?? ''}${d ?? ''}${l !== undefined ? `+${l}` : ''}`);

describe('PEP 440 against @renovatebot/pep440', () => {
  it('agrees with pep440.compare on generated versions', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(cmp(pep440Scheme, a, b), `${a} vs ${b}`).toBe(Math.sign(pep440.compare(a, b)));
      }),
      { numRuns: 4000, seed: 11 },
    );
  });

  it('agrees on neighbours that differ only in suffixes', () => {
    const pool = fc.sample(fc.tuple(fc.constantFrom('1.0', '1'), opt(pre), opt(post), opt(dev), opt(local)), { numRuns: 400, seed: 5 })
      .map(([r, p, po, d, l]) => `${r}${p ?? ''}${po ?? ''}${d ?? ''}${l !== undefined ? `+${l}` : ''}`);
    const failures: string[] = [];
    for (let i = 0; i < pool.length; i++) {
      for (let j = i + 1; j < Math.min(pool.length, i + 30); j++) {
        const a = pool[i] as string;
        const b = pool[j] as string;
        if (cmp(pep440Scheme, a, b) !== Math.sign(pep440.compare(a, b))) failures.push(`${a} vs ${b}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('accepts exactly what pep440.valid accepts', () => {
    const strings = fc.sample(
      fc.tuple(version, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'0.-_+!aprv'), fc.boolean()), { maxLength: 2 })).map(([v, edits]) => {
        let s = v;
        for (const [at, ch, insert] of edits) {
          const i = at % (s.length + 1);
          s = insert ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i) + s.slice(i + 1);
        }
        return s === '' ? '0' : s;
      }),
      { numRuns: 4000, seed: 9 },
    );
    let accepted = 0;
    const failures: string[] = [];
    for (const s of strings) {
      let ours = true;
      try {
        pep440Scheme.parse(s);
      } catch (e) {
        if (!(e instanceof VersionParseError)) throw e;
        ours = false;
      }
      if (ours) accepted++;
      if (ours !== (pep440.valid(s) !== null)) failures.push(s);
    }
    expect(failures).toEqual([]);
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(3900);
  });
});
