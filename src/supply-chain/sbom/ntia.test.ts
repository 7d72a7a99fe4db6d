import { describe, expect, it } from 'vitest';
import type { Sbom } from '../model.ts';
import { parseSbom } from './parse.ts';
import { NTIA_WEIGHTS, ntiaReport } from './ntia.ts';
import { fixture } from './fixtures/fixture.ts';

const element = (r: ReturnType<typeof ntiaReport>, name: string) => r.elements.find((e) => e.element === name)!;

describe('ntiaReport', () => {
  it('weights add up to 100', () => {
    expect(Object.values(NTIA_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('counts, per element, the components lacking it (root included) and scores by weighted coverage', () => {
    const r = ntiaReport(parseSbom(fixture('cyclonedx-1.6.json')));
    expect(r.components).toBe(9);
    // Suppliers: root, lodash, log4j, acme-utils, express (publisher) — four lack one.
    expect(element(r, 'supplier')).toMatchObject({ present: false, missing: 4, scope: 'component' });
    expect(element(r, 'supplier').examples.sort()).toEqual(['body-parser', 'django', 'openssl', 'scope-core']);
    expect(element(r, 'name')).toMatchObject({ present: true, missing: 0 });
    expect(element(r, 'version')).toMatchObject({ present: false, missing: 1, examples: ['acme-utils'] });
    // acme-utils has neither purl, cpe, swid nor hash.
    expect(element(r, 'uniqueIdentifier')).toMatchObject({ missing: 1, examples: ['acme-utils'] });
    // Everything is included by something (the dangling ghost-ref edge was dropped, not counted).
    expect(element(r, 'dependencyRelationship')).toMatchObject({ present: true, missing: 0 });
    expect(element(r, 'author')).toMatchObject({ present: true, scope: 'document' });
    expect(element(r, 'timestamp')).toMatchObject({ present: true, scope: 'document' });
    const expected = 15 * (5 / 9) + 15 + 15 * (8 / 9) + 20 * (8 / 9) + 15 + 10 + 10;
    expect(r.score).toBeCloseTo(Math.round(expected * 10) / 10, 5);
    expect(r.conformant).toBe(false);
  });

  it('scores a complete SBOM 100 and an empty one only on its document fields', () => {
    const full: Sbom = {
      format: 'cyclonedx-json', specVersion: '1.6', authors: ['A'], tools: [], warnings: [], timestamp: '2024-01-01T00:00:00Z',
      root: { ref: 'r', name: 'r', version: '1', supplier: 'S', purl: 'pkg:generic/r@1', hashes: [] },
      components: [{ ref: 'c', name: 'c', version: '2', supplier: 'T', hashes: [{ alg: 'SHA-256', value: 'ab' }] }],
      dependencies: new Map([['r', ['c']]]),
    };
    expect(ntiaReport(full)).toMatchObject({ score: 100, conformant: true });
    const empty: Sbom = { ...full, root: undefined, components: [], dependencies: new Map(), authors: [] };
    expect(ntiaReport(empty)).toMatchObject({ components: 0, score: 10, conformant: false });
  });

  it('counts a root that lists nothing, and components nothing includes, as lacking relationships', () => {
    const s = parseSbom(fixture('cyclic.cdx.json'));
    expect(element(ntiaReport(s), 'dependencyRelationship')).toMatchObject({ missing: 1, examples: ['island'] });
  });

  it('gives the same report for one SBOM in SPDX JSON and in tag-value', () => {
    const json = ntiaReport(parseSbom(fixture('spdx-2.3.json')));
    const tv = ntiaReport(parseSbom(fixture('spdx-2.3.spdx')));
    expect(tv).toEqual(json);
    expect(element(json, 'supplier')).toMatchObject({ missing: 2 });
    expect(element(json, 'uniqueIdentifier')).toMatchObject({ missing: 2 });
    expect(element(json, 'dependencyRelationship').examples).toEqual(['SPDXRef-orphan']);
  });
});
