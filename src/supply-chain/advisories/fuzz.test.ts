import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsaf } from './csaf.ts';
import { CvssVectorError } from './cvss-vector.ts';
import { parseCycloneDxVex } from './cyclonedx-vex.ts';
import { AdvisoryError } from './errors.ts';
import { parseStructured } from './load.ts';
import { parseOsv } from './osv.ts';
import { scoreCvss } from './severity.ts';
import { listZipEntries, readZipEntry } from './zip.ts';
import { zipSync, strToU8 } from 'fflate';

/**
 * Hostile input must end in the folder's own error types, never in a TypeError or a hang:
 * random JSON, fixtures with one value replaced at a random place, random bytes.
 */

const fixture = (p: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url)), 'utf8'));

/** Every path to a value inside a JSON document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function replaceAt(doc: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = replacement;
  return copy;
}

const only = (errorType: new (...args: never[]) => Error, fn: () => unknown): boolean => {
  try {
    fn();
    return true;
  } catch (err) {
    if (err instanceof errorType) return true;
    throw err;
  }
};

function mutationFuzz(name: string, doc: unknown, parse: (v: unknown) => unknown): void {
  const all = paths(doc);
  it(`${name}: any one value replaced by any JSON gives a result or an AdvisoryError`, () => {
    fc.assert(fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 2 }), (path, replacement) =>
      only(AdvisoryError, () => parse(replaceAt(doc, path, replacement)))), { numRuns: 1500 });
  });
}

describe('fuzzing the parsers', () => {
  it('parseOsv on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => only(AdvisoryError, () => parseOsv(v))), { numRuns: 1000 });
  });

  mutationFuzz('OSV', parseStructured(readFileSync(fileURLToPath(new URL('./fixtures/osv/go/GO-2099-0001.json', import.meta.url))), 'x.json', 'json'), (v) => parseOsv(v));
  mutationFuzz('CSAF advisory', fixture('csaf/example-advisory.json'), (v) => parseCsaf(v));
  mutationFuzz('CSAF VEX', fixture('csaf/example-vex.json'), (v) => parseCsaf(v));
  mutationFuzz('CycloneDX VEX', fixture('cyclonedx/example-vex.json'), (v) => parseCycloneDxVex(v));

  it('CVSS vectors: random strings and near-miss vectors only ever raise CvssVectorError', () => {
    const pieces = fc.constantFrom('CVSS:3.1', 'CVSS:3.0', 'CVSS:4.0', 'AV:N', 'AC:L', 'AT:N', 'PR:N', 'UI:N', 'UI:P', 'S:U', 'C:H', 'I:H', 'A:H', 'VC:H', 'VI:H', 'VA:H', 'SC:N', 'SI:N', 'SA:N', 'E:P', 'MSI:S', 'Au:N', 'X', '', ':', 'AV:');
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 16 }).map((p) => p.join('/'))), (v) =>
      only(CvssVectorError, () => scoreCvss(v))), { numRuns: 3000 });
  });

  it('an alias with no anchor is malformed YAML, not a crash (found by this fuzzer: "*\\0")', () => {
    for (const text of ['*\0', '*a', 'k: *missing\n']) {
      expect(() => parseStructured(new TextEncoder().encode(text), 'r.yaml', 'yaml')).toThrow(AdvisoryError);
      expect(() => parseStructured(new TextEncoder().encode(text), 'r.yaml', 'yaml')).toThrow(/^r\.yaml: not valid YAML: Unresolved alias/);
    }
  });

  it('JSON and YAML loading of random bytes only raise AdvisoryError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom<'json' | 'yaml'>('json', 'yaml'), (bytes, kind) =>
      only(AdvisoryError, () => parseStructured(bytes, 'r', kind))), { numRuns: 1000 });
  });

  it('zip reading of damaged archives only raises AdvisoryError', () => {
    const zip = zipSync({ 'a.json': strToU8('{"id":"OSV-1","modified":"2024-01-01T00:00:00Z"}'), 'b.yaml': strToU8('id: OSV-2\n') });
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
      const damaged = zip.slice();
      for (const [at, byte] of edits) damaged[at] = byte;
      return only(AdvisoryError, () => {
        for (const e of listZipEntries(damaged, 'z.zip')) only(AdvisoryError, () => readZipEntry(damaged, e, 'z.zip', 1e6));
      });
    }), { numRuns: 1000 });
    expect(listZipEntries(zip, 'z.zip').map((e) => e.name)).toEqual(['a.json', 'b.yaml']);
  });
});
