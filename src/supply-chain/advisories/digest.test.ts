import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Advisory } from '../model.ts';
import { advisoryDigest, canonicalJson } from './digest.ts';
import { locateJsonError } from './load.ts';
import { parseOsv } from './osv.ts';

const record = {
  id: 'GHSA-1111-2222-3333',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2024-1'],
  affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }],
};

describe('advisoryDigest', () => {
  it('ignores where the record was read from', () => {
    expect(advisoryDigest(parseOsv(record, 'a/x.json'))).toBe(advisoryDigest(parseOsv(record, 'b.zip!x.json')));
    expect(advisoryDigest(parseOsv(record))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order but not content', () => {
    const reordered = Object.fromEntries(Object.entries(record).reverse());
    const a = parseOsv(record);
    expect(advisoryDigest(parseOsv(reordered))).toBe(advisoryDigest(a));
    const changed: Advisory = { ...a, affected: [{ ...(a.affected[0] as Advisory['affected'][0]), ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.1' }] }] }] };
    expect(advisoryDigest(changed)).not.toBe(advisoryDigest(a));
    expect(advisoryDigest({ ...a, withdrawn: '2024-02-01T00:00:00Z' })).not.toBe(advisoryDigest(a));
    expect(advisoryDigest({ ...a, source: { format: 'csaf' } })).not.toBe(advisoryDigest(a));
  });

  it('is one text per JSON value, whatever the key order', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const text = canonicalJson(v);
      const again = canonicalJson(JSON.parse(text));
      return text === again && canonicalJson(JSON.parse(JSON.stringify(v))) === text;
    }), { numRuns: 300 });
    expect(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 2 }] })).toBe('{"a":[null,{"c":2}],"b":1}');
  });
});

describe('locating JSON syntax errors', () => {
  it('finds no error in valid JSON and one in every truncation that JSON.parse rejects', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.nat(), (v, cut) => {
      const text = JSON.stringify(v, null, cut % 3);
      if (locateJsonError(text) !== undefined) return false;
      const truncated = text.slice(0, cut % (text.length + 1));
      let valid = true;
      try { JSON.parse(truncated); } catch { valid = false; }
      return valid === (locateJsonError(truncated) === undefined);
    }), { numRuns: 1000 });
  });

  it('copes with deep nesting without recursion', () => {
    expect(locateJsonError('['.repeat(200_000))).toEqual({ offset: 200_000, problem: 'unexpected end of input (truncated?)' });
  });
});
