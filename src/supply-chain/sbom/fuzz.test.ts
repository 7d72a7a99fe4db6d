import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSbom } from './parse.ts';
import { SbomError } from './errors.ts';
import { dependencyGraph } from './graph.ts';
import { ntiaReport } from './ntia.ts';
import { fixture } from './fixtures/fixture.ts';

const FIXTURES = ['cyclonedx-1.4.json', 'cyclonedx-1.6.json', 'cyclonedx-1.5.xml', 'cyclonedx-1.6.xml', 'spdx-2.3.json', 'spdx-2.3.spdx', 'spdx-3.0.jsonld', 'cyclic.cdx.json'];
const texts = FIXTURES.map((f) => fixture(f).toString('utf8'));

/** Either a well-formed result whose graph and report can be computed, or an SbomError. */
function survives(input: Buffer | string): void {
  let sbom;
  try {
    sbom = parseSbom(input, { maxBytes: 1 << 20 });
  } catch (e) {
    if (!(e instanceof SbomError)) throw e;
    expect(typeof e.code).toBe('string');
    return;
  }
  const refs = new Set(sbom.components.map((c) => c.ref));
  if (sbom.root) refs.add(sbom.root.ref);
  for (const [from, tos] of sbom.dependencies) {
    expect(refs.has(from)).toBe(true);
    for (const t of tos) expect(refs.has(t)).toBe(true);
  }
  for (const c of sbom.components) {
    expect(typeof c.ref).toBe('string');
    expect(Array.isArray(c.hashes)).toBe(true);
  }
  for (const w of sbom.warnings) expect(typeof w.at).toBe('string');
  const g = dependencyGraph(sbom);
  for (const c of sbom.components) g.pathTo(c.ref);
  ntiaReport(sbom);
}

/** Edits that break files the way uploads break: truncation, deletion, insertion, duplication. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(40) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('{', '}', '[', ']', '"', ',', '<', '>', '</text>', '<text>', ':', '\n', '\u0000', '&amp;', 'null', '-1') }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(200) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, ms: Mutation[]): string {
  let s = text;
  for (const m of ms) {
    const i = Math.floor(m.at * s.length);
    if (m.kind === 'truncate') s = s.slice(0, i);
    else if (m.kind === 'delete') s = s.slice(0, i) + s.slice(i + m.len);
    else if (m.kind === 'insert') s = s.slice(0, i) + m.text + s.slice(i);
    else s = s.slice(0, i) + s.slice(i, i + m.len) + s.slice(i);
  }
  return s;
}

describe('fuzzing: nothing escapes but SbomError', () => {
  it('survives arbitrary strings and bytes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), survives), { numRuns: 1000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => survives(Buffer.from(b))), { numRuns: 1000 });
  });

  it('survives mutated real-format fixtures', () => {
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, ms) => survives(mutate(texts[i]!, ms))),
      { numRuns: 1500 },
    );
  });

  it('survives mutated fixtures in other encodings', () => {
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(mutation, { maxLength: 2 }), fc.constantFrom('utf16le', 'latin1', 'utf8'), (i, ms, enc) => {
        const bom = enc === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0);
        survives(Buffer.concat([bom, Buffer.from(mutate(texts[i]!, ms), enc as BufferEncoding)]));
      }),
      { numRuns: 300 },
    );
  });

  it('survives well-formed JSON of the wrong shape under SBOM keys', () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const component = fc.record({
      'bom-ref': fc.oneof(fc.constantFrom('a', 'b', 'c'), anyJson),
      name: anyJson,
      version: anyJson,
      purl: fc.oneof(fc.constantFrom('pkg:npm/a@1', 'pkg:maven/g/a@1', 'pkg:bad'), anyJson),
      cpe: anyJson,
      hashes: fc.oneof(fc.array(fc.record({ alg: fc.oneof(fc.constantFrom('SHA-256', 'MD5'), anyJson), content: anyJson })), anyJson),
      licenses: fc.oneof(fc.array(fc.record({ license: anyJson, expression: anyJson }, { requiredKeys: [] })), anyJson),
      supplier: anyJson,
      components: anyJson,
      swid: anyJson,
      authors: anyJson,
    }, { requiredKeys: [] });
    const cdx = fc.record({
      bomFormat: fc.constant('CycloneDX'),
      specVersion: fc.oneof(fc.constantFrom('1.4', '1.5', '1.6'), anyJson),
      metadata: fc.oneof(anyJson, fc.record({ component, tools: anyJson, authors: anyJson, timestamp: anyJson })),
      components: fc.oneof(anyJson, fc.array(fc.oneof(component, anyJson), { maxLength: 6 })),
      dependencies: fc.oneof(anyJson, fc.array(fc.record({ ref: fc.oneof(fc.constantFrom('a', 'b', 'c'), anyJson), dependsOn: fc.oneof(fc.array(fc.constantFrom('a', 'b', 'c', 'zz')), anyJson) }), { maxLength: 6 })),
    }, { requiredKeys: ['bomFormat'] });
    const pkg = fc.dictionary(fc.constantFrom('SPDXID', 'name', 'versionInfo', 'supplier', 'checksums', 'externalRefs', 'licenseConcluded'), anyJson);
    const spdx = fc.record({
      spdxVersion: fc.constant('SPDX-2.3'),
      SPDXID: fc.oneof(fc.constant('SPDXRef-DOCUMENT'), anyJson),
      creationInfo: anyJson,
      packages: fc.oneof(anyJson, fc.array(pkg, { maxLength: 6 })),
      relationships: fc.oneof(anyJson, fc.array(fc.record({ spdxElementId: anyJson, relationshipType: anyJson, relatedSpdxElement: anyJson }), { maxLength: 6 })),
      documentDescribes: anyJson,
    }, { requiredKeys: ['spdxVersion'] });
    const ids = fc.constantFrom('urn:a', 'urn:b', 'urn:c', '_:ci');
    const element = fc.record({
      type: fc.oneof(fc.constantFrom('software_Package', 'Relationship', 'SpdxDocument', 'software_Sbom', 'CreationInfo', 'Organization', 'simplelicensing_LicenseExpression'), anyJson),
      spdxId: fc.oneof(ids, anyJson),
      name: anyJson,
      from: fc.oneof(ids, anyJson),
      to: fc.oneof(fc.array(ids, { maxLength: 3 }), anyJson),
      relationshipType: fc.oneof(fc.constantFrom('dependsOn', 'contains', 'describes', 'hasConcludedLicense'), anyJson),
      rootElement: fc.oneof(fc.array(ids, { maxLength: 2 }), anyJson),
      creationInfo: fc.oneof(ids, anyJson),
      created: anyJson,
      createdBy: anyJson,
      verifiedUsing: anyJson,
      externalIdentifier: anyJson,
      suppliedBy: fc.oneof(ids, anyJson),
      software_packageUrl: anyJson,
      simplelicensing_licenseExpression: anyJson,
    }, { requiredKeys: [] });
    const spdx3 = fc.record({
      '@context': fc.constant('https://spdx.org/rdf/3.0.1/spdx-context.jsonld'),
      '@graph': fc.oneof(anyJson, fc.array(element, { maxLength: 8 })),
    });
    fc.assert(fc.property(fc.oneof(cdx, spdx, spdx3), (doc) => survives(JSON.stringify(doc))), { numRuns: 1500 });
  });
});
