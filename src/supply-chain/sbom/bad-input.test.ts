import { describe, expect, it } from 'vitest';
import { parseSbom, DEFAULT_MAX_BYTES } from './parse.ts';
import { SbomError, type SbomErrorCode } from './errors.ts';
import { fixture } from './fixtures/fixture.ts';

function failure(input: Buffer | string, opts = {}): SbomError {
  try {
    parseSbom(input, opts);
  } catch (e) {
    if (e instanceof SbomError) return e;
    throw e;
  }
  throw new Error('parseSbom did not fail');
}

const cdx = (components: unknown, extra: object = {}) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components, ...extra });

describe('unreadable input is refused with a typed, placed error', () => {
  const cases: [string, Buffer | string, SbomErrorCode, RegExp, string | undefined][] = [
    ['empty input', '  \n\t ', 'empty', /empty/, undefined],
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'compressed', /gzip-compressed/, 'byte 0'],
    ['zip', Buffer.from('PK\u0003\u0004rest-of-zip', 'latin1'), 'compressed', /zip-compressed/, 'byte 0'],
    ['binary garbage', Buffer.from([0x7b, 0x22, 0x9f, 0x00, 0xff, 0x10, 0x02, 0x03]), 'binary', /binary data/, 'byte 3'],
    ['UTF-32', Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), 'encoding', /UTF-32/, 'byte 0'],
    ['NUL characters in a string', '{"bomFormat":"Cyclone\u0000DX"}', 'binary', /NUL/, 'character 21'],
    ['plain text', 'Apache License\nVersion 2.0', 'unknown-format', /not JSON, XML or SPDX tag-value/, 'line 1'],
    ['a JSON array', '[{"bomFormat":"CycloneDX"}]', 'unknown-format', /array/, '/'],
    ['JSON that is no SBOM', '{"id":"GHSA-1","affected":[]}', 'unknown-format', /top-level keys: id, affected/, '/'],
    ['SPDX YAML', 'spdxVersion: SPDX-2.3\nname: x\n', 'unsupported-format', /YAML/, 'line 1'],
    ['SPDX RDF/XML', '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', 'unsupported-format', /RDF/, 'line 2'],
    ['XML that is no CycloneDX', '<?xml version="1.0"?>\n<project><name>x</name></project>', 'unknown-format', /'project'/, 'line 2'],
    ['a bom element without the CycloneDX namespace', '<bom version="1"><components/></bom>', 'unknown-format', /namespace/, 'line 1'],
    ['CycloneDX without specVersion', '{"bomFormat":"CycloneDX","components":[]}', 'structure', /specVersion/, '/specVersion'],
    ['components that are not an array', cdx({ a: 1 }), 'structure', /components must be an array/, '/components'],
    ['dependencies that are not an array', cdx([], { dependencies: 'x' }), 'structure', /dependencies must be an array/, '/dependencies'],
    ['SPDX packages that are not an array', '{"spdxVersion":"SPDX-2.3","packages":{}}', 'structure', /packages must be an array/, '/packages'],
    ['SPDX 3 without @graph', '{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}', 'structure', /@graph/, '/@graph'],
  ];
  it.each(cases)('%s', (_label, input, code, message, at) => {
    const e = failure(input);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.at).toBe(at);
  });
});

describe('JSON syntax errors name the JSON pointer and the line', () => {
  it('locates a truncated CycloneDX file inside the component being read', () => {
    const text = fixture('cyclonedx-1.6.json').toString('utf8');
    const cut = text.indexOf('"4.17.1"');
    const e = failure(text.slice(0, cut + 4));
    expect(e.code).toBe('syntax');
    expect(e.message).toMatch(/unterminated string \(input truncated\?\)/);
    expect(e.at).toBe('/components/1/version (line 36, column 22)');
  });

  it('locates a trailing comma and data after the document', () => {
    expect(failure('{\n  "bomFormat": "CycloneDX",\n  "components": [1,]\n}').at).toBe('/components/1 (line 3, column 20)');
    const e = failure('{"spdxVersion":"SPDX-2.3"}\n{"again":1}');
    expect(e.message).toMatch(/after the end of the JSON document/);
    expect(e.at).toBe('/ (line 2, column 1)');
  });

  it('reports bad tokens and missing colons', () => {
    expect(failure('{"bomFormat" "CycloneDX"}').message).toMatch(/expected ':'/);
    expect(failure('{"a": tru}').message).toMatch(/unexpected character "t"/);
    expect(failure('{"a": "\\x"}').message).toMatch(/bad escape/);
  });
});

describe('XML and tag-value errors name the line', () => {
  it('reports malformed XML with line and column from the validator', () => {
    const text = fixture('cyclonedx-1.6.xml').toString('utf8').replace('<version>4.17.20</version>', '<version>4.17.20</versio>');
    const e = failure(text);
    expect(e.code).toBe('syntax');
    expect(e.message).toMatch(/Expected closing tag 'version'/);
    expect(e.at).toBe('line 26, column 23');
  });

  it('refuses XML entity declarations (expansion bombs) before parsing', () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE bom [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library"><name>&b;</name></component></components></bom>';
    const e = failure(bomb);
    expect(e.code).toBe('structure');
    expect(e.message).toMatch(/entity declarations are refused/);
    expect(e.at).toBe('line 3');
  });

  it('reports an unterminated <text> at the line that opened it', () => {
    const e = failure('SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nDocumentComment: <text>never closed\nmore\n');
    expect(e.code).toBe('syntax');
    expect(e.message).toMatch(/<text> opened by DocumentComment is never closed/);
    expect(e.at).toBe('line 3');
  });

  it('needs SPDXVersion in tag-value and gives up on a file of non-tag lines', () => {
    expect(failure('DocumentName: x\nPackageName: y\n').message).toMatch(/no SPDXVersion/);
    const garbage = 'SPDXVersion: SPDX-2.3\n' + 'this is not a tag line\n'.repeat(1200);
    expect(failure(garbage).message).toMatch(/more than 1000 lines/);
  });

  it('warns about a stray line in tag-value and goes on', () => {
    const s = parseSbom('SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nnot a tag line\nPackageName: zlib\nSPDXID: SPDXRef-zlib\nPackageVersion: 1.3\n');
    expect(s.components).toHaveLength(1);
    expect(s.warnings).toContainEqual({ at: 'line 3', message: 'line is not "Tag: value"; ignored' });
  });
});

describe('size, absurd values and floods of problems are bounded', () => {
  it('refuses input above maxBytes, for Buffers and strings, with a 512 MiB default', () => {
    expect(DEFAULT_MAX_BYTES).toBe(512 * 1024 * 1024);
    expect(failure(Buffer.alloc(2000, 0x20), { maxBytes: 1000 }).code).toBe('too-large');
    expect(failure('é'.repeat(600), { maxBytes: 1000 }).code).toBe('too-large');
    expect(() => parseSbom(cdx([]), { maxBytes: 1000 })).not.toThrow();
  });

  it('drops absurd versions and cuts absurd names, with a warning each', () => {
    const s = parseSbom(cdx([
      { type: 'library', name: 'x'.repeat(5000), version: '1'.repeat(1_000_000) },
      { type: 'library', name: 'ctl', version: '1.0\u0007' },
    ]));
    expect(s.components[0]!.version).toBeUndefined();
    expect(s.components[0]!.name).toHaveLength(1024);
    expect(s.components[1]!.version).toBeUndefined();
    expect(s.warnings.map((w) => w.message)).toEqual([
      'name of 5000 characters cut to 1024',
      'version of 1000000 characters exceeds 256; dropped',
      'version contains control characters; dropped',
    ]);
  });

  it('keeps at most maxWarnings warnings and counts the rest', () => {
    const comps = Array.from({ length: 5000 }, (_, i) => ({ type: 'library', name: `c${i}` }));
    const s = parseSbom(cdx(comps), { maxWarnings: 10 });
    expect(s.components).toHaveLength(5000);
    expect(s.warnings).toHaveLength(11);
    expect(s.warnings[10]).toEqual({ at: '/', message: '4990 further warnings omitted (limit 10)' });
  });

  it('skips components that are not objects and renames duplicate refs', () => {
    const s = parseSbom(cdx([42, { type: 'library', 'bom-ref': 'x', name: 'a', version: '1' }, { type: 'library', 'bom-ref': 'x', name: 'b', version: '1' }]));
    expect(s.components.map((c) => c.ref)).toEqual(['x', 'x#2']);
    expect(s.warnings.map((w) => w.at)).toEqual(['/components/0', '/components/2/bom-ref']);
  });

  it('flattens components nested 20,000 deep without exhausting the stack', () => {
    // Built as text: JSON.stringify itself would overflow on this depth.
    let node = '{"type":"library","name":"leaf","version":"1"}';
    for (let i = 0; i < 20_000; i++) node = `{"type":"library","bom-ref":"n${i}","name":"n${i}","version":"1","components":[${node}]}`;
    const s = parseSbom(`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${node}]}`);
    expect(s.components).toHaveLength(20_001);
    expect(s.dependencies.get('n1')).toEqual(['n0']);
  });

  it('reports a cyclic graph as warnings naming one loop per cycle and the count', () => {
    const s = parseSbom(fixture('cyclic.cdx.json'));
    expect(s.warnings).toEqual([
      { at: '/dependencies', message: 'dependency cycle: d → d' },
      { at: '/dependencies', message: 'dependency cycle: a → b → a' },
      { at: '/dependencies', message: '4 components lie on dependency cycles; depths use the shortest path from the root' },
    ]);
  });
});
