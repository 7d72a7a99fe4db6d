import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import formats from 'ajv-formats';
import type { Sbom } from '../model.ts';
import { requireSharedData, sharedPath } from '../../../test/shared-data.ts';
import { parseSbom } from './parse.ts';
import { SbomError } from './errors.ts';
import { ntiaReport } from './ntia.ts';
import { dependencyGraph } from './graph.ts';
import { fixture } from './fixtures/fixture.ts';

const sbomDir = (p: string) => sharedPath('sbom', p);
const read = (p: string) => readFileSync(sbomDir(p));

interface IndexRow {
  path: string;
  what: string;
}

// ajv-formats is CommonJS: under NodeNext its plugin is the default export's `default`.
const addFormats = formats.default;

/** The rows of sbom/INDEX.md: path and the description that names format and counts. */
function indexRows(): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const line of readFileSync(sbomDir('INDEX.md'), 'utf8').split('\n')) {
    const m = /^\| `([^`]+)` \| [\d,]+ \| (.*) \|$/.exec(line);
    if (m) rows.push({ path: m[1]!, what: m[2]! });
  }
  return rows;
}

const count = (what: string, key: string) => Number(new RegExp(`${key}=(\\d+)`).exec(what)?.[1]);
const packagesIn = (s: Sbom) => s.components.length + (s.root && s.root.ref !== 'SPDXRef-DOCUMENT' ? 1 : 0);

describe.skipIf(!requireSharedData('SBOM intake on real files'))('real SBOMs (../shared/data/sbom)', () => {
  const rows = hasRows();
  function hasRows(): IndexRow[] {
    try {
      return indexRows();
    } catch {
      return [];
    }
  }

  it('INDEX.md lists the files', () => {
    expect(rows.length).toBeGreaterThan(150);
  });

  it('reads every CycloneDX JSON and SPDX file the index lists, with the component counts it gives', () => {
    let checked = 0;
    for (const { path, what } of rows) {
      const cdxJson = /^CycloneDX [\d.]+ JSON; components=/.test(what);
      const spdx = /^SPDX-2\.\d (JSON|tag-value); packages=/.test(what);
      if (!cdxJson && !spdx) continue;
      const s = parseSbom(read(path));
      if (cdxJson) {
        expect(s.format, path).toBe('cyclonedx-json');
        const root = JSON.parse(read(path).toString('utf8')) as { metadata?: { component?: { components?: unknown[] } } };
        const underRoot = countNested(root.metadata?.component?.components);
        expect(s.components.length - underRoot, path).toBe(count(what, 'components'));
      } else {
        expect(s.format, path).toBe(/JSON/.test(what) ? 'spdx-json' : 'spdx-tag-value');
        expect(packagesIn(s), path).toBe(count(what, 'packages'));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('reads every CycloneDX XML file, and SPDX 3.0 JSON-LD', () => {
    for (const { path, what } of rows) {
      if (/^CycloneDX [\d.]+ XML/.test(what)) {
        const s = parseSbom(read(path));
        expect(s.format, path).toBe('cyclonedx-xml');
        // The index counts every <component> element, tools and pedigree ancestors included.
        expect(s.components.length + (s.root ? 1 : 0), path).toBeLessThanOrEqual(count(what, '<component> elements'));
      } else if (/^SPDX 3\.0 JSON-LD/.test(what)) {
        const s = parseSbom(read(path));
        expect(s.format, path).toBe('spdx3-jsonld');
        expect(s.root ?? s.components[0], path).toBeDefined();
      }
    }
  });

  it('refuses the broken and non-SBOM files with SbomError, naming the place', () => {
    const refused = (p: string) => {
      try {
        parseSbom(read(p));
      } catch (e) {
        if (e instanceof SbomError) return e;
        throw e;
      }
      throw new Error(`${p} was accepted`);
    };
    expect(refused('dependency-track/apiserver/src/test/resources/unit/bom-invalid.json')).toMatchObject({ code: 'syntax' });
    expect(refused('bom-shelter/in-the-wild/spdx/powershell-2.2.6.spdx.json')).toMatchObject({ code: 'syntax', at: '/ (line 2765, column 1)' });
    expect(refused('bom-shelter/in-the-wild/cyclonedx/scanoss-sbom-cdx.json').code).toBe('unknown-format');
    expect(refused('guac-data/docs/slsa/kube-slsa-v1.24.1.json').message).toMatch(/predicate .* is not an SBOM/);
    expect(refused('spdx-spec-examples/examples/SPDXRdfExample-v2.3.spdx.rdf.xml').code).toBe('unsupported-format');
    for (const { path, what } of rows) {
      if (/^(JSON, not an SBOM|OSV record)/.test(what)) expect(refused(path).code, path).toBe('unknown-format');
    }
  });

  it('reads the same SBOM in SPDX JSON and tag-value alike (flux, julia)', () => {
    for (const [a, b] of [
      ['bom-shelter/in-the-wild/spdx/flux_0.26.3_sbom.spdx.json', 'bom-shelter/in-the-wild/spdx/flux_0.26.3_sbom.spdx'],
      ['bom-shelter/in-the-wild/spdx/julia.spdx.json', 'bom-shelter/in-the-wild/spdx/julia.spdx'],
    ] as const) {
      const key = (s: Sbom) => s.components.map((c) => `${c.ref} ${c.name} ${c.version} ${c.purl} ${c.supplier}`).sort();
      expect(key(parseSbom(read(a)))).toEqual(key(parseSbom(read(b))));
    }
  });

  it('reads the same CycloneDX 1.4 BOM in JSON and XML alike (laravel)', () => {
    const key = (s: Sbom) => s.components.map((c) => `${c.name}@${c.version} ${c.purl} ${c.licenses} ${c.hashes.length}`).sort();
    expect(key(parseSbom(read('cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.4.xml')))).toEqual(
      key(parseSbom(read('cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.4.json'))),
    );
  });

  it('keeps the dependency graph of a real npm BOM: depth, direct, paths, cycles reported', () => {
    const s = parseSbom(read('bom-shelter/in-the-wild/cyclonedx/redis-commander-sbom-cdx.json'));
    const g = dependencyGraph(s);
    expect(g.inferredTopLevel).toBe(false);
    expect(g.direct().length).toBeGreaterThan(10);
    expect(g.maxDepth()).toBeGreaterThan(3);
    expect(s.warnings.some((w) => /^dependency cycle: /.test(w.message))).toBe(true);
    for (const ref of g.transitive()) expect(g.pathTo(ref)!.length).toBe(g.depth(ref)! + 1);
  });

  it('gives NTIA counts that agree with a direct count on the raw JSON (Dependency-Track’s own SBOM)', () => {
    const path = 'dependency-track/e2e/src/test/resources/dtrack-apiserver-4.5.0.bom.json';
    const raw = JSON.parse(read(path).toString('utf8')) as { components: Record<string, unknown>[]; metadata: { component: Record<string, unknown> } };
    const all = [raw.metadata.component, ...raw.components];
    const r = ntiaReport(parseSbom(read(path)));
    const el = (name: string) => r.elements.find((e) => e.element === name)!;
    expect(r.components).toBe(all.length);
    expect(el('version').missing).toBe(all.filter((c) => !c['version']).length);
    expect(el('uniqueIdentifier').missing).toBe(all.filter((c) => !c['purl'] && !c['cpe'] && !c['swid'] && !(c['hashes'] as unknown[] | undefined)?.length).length);
    expect(el('supplier').missing).toBe(all.filter((c) => !(c['supplier'] as { name?: string } | undefined)?.name && !c['publisher']).length);
    expect(r.score).toBeGreaterThan(50);
    expect(r.score).toBeLessThanOrEqual(100);
  });

  it('scores a richly described SBOM above a bare one', () => {
    const rich = ntiaReport(parseSbom(read('dependency-track/e2e/src/test/resources/dtrack-apiserver-4.5.0.bom.json')));
    const bare = ntiaReport(parseSbom(read('bom-shelter/in-the-wild/spdx/julia.spdx.json')));
    expect(rich.score).toBeGreaterThan(bare.score);
  });
});

function countNested(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  let n = 0;
  for (const c of list) n += 1 + countNested((c as { components?: unknown }).components);
  return n;
}

describe.skipIf(!requireSharedData('SBOM fixtures against official schemas'))('the project’s own fixtures are valid per the official schemas', () => {
  const schemaDir = (f: string) => sharedPath('schemas', f);
  const load = (f: string) => JSON.parse(readFileSync(schemaDir(f), 'utf8')) as object;

  it('CycloneDX JSON fixtures validate against bom-1.x.schema.json', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(load('cyclonedx/spdx.schema.json'));
    ajv.addSchema(load('cyclonedx/jsf-0.82.schema.json'));
    for (const [file, version] of [['cyclonedx-1.4.json', '1.4'], ['cyclonedx-1.6.json', '1.6'], ['cyclic.cdx.json', '1.5']] as const) {
      const validate = ajv.compile(load(`cyclonedx/bom-${version}.schema.json`));
      const ok = validate(JSON.parse(fixture(file).toString('utf8')));
      expect(ok ? [] : validate.errors, file).toEqual([]);
    }
  });

  it('the SPDX 2.3 JSON fixture validates against spdx-schema.json', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(load('spdx/v2.3.1/spdx-schema.json'));
    const ok = validate(JSON.parse(fixture('spdx-2.3.json').toString('utf8')));
    expect(ok ? [] : validate.errors).toEqual([]);
  });
});
