import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AliasGroups, parseOsv, parseVexDocument } from '../advisories/index.ts';
import { AdvisoryIndex } from '../match/index.ts';
import { parseSbom } from '../sbom/index.ts';
import { fixture } from '../sbom/fixtures/fixture.ts';
import { analyzeSbom, type SupplyChainFinding } from './index.ts';

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const MEDIUM = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N';

const osv = (id: string, rest: Record<string, unknown>): ReturnType<typeof parseOsv> => parseOsv({ id, modified: '2099-01-01T00:00:00Z', ...rest }, `${id}.json`);
const goPkg = (name: string, events: object[][]) => ({ package: { ecosystem: 'Go', name }, ranges: events.map((e) => ({ type: 'SEMVER', events: e })) });

const advisories = [
  osv('GO-2099-0001', {
    aliases: ['CVE-2099-1001', 'GHSA-aaaa-bbbb-cccc'],
    summary: 'Path traversal in example.com/web/router',
    affected: [goPkg('example.com/web/router', [[{ introduced: '0' }, { fixed: '1.4.2' }], [{ introduced: '2.0.0-rc.1' }, { fixed: '2.1.0' }]])],
  }),
  // The same vulnerability as published by GitHub, with a rating: one finding, not two.
  osv('GHSA-aaaa-bbbb-cccc', {
    aliases: ['CVE-2099-1001'],
    severity: [{ type: 'CVSS_V3', score: CRITICAL }],
    affected: [goPkg('example.com/web/router', [[{ introduced: '0' }, { fixed: '1.4.2' }]])],
  }),
  osv('GO-2099-0003', {
    aliases: ['CVE-2099-3003'],
    details: 'Timing leak in github.com/acme/lib.\nMore   text.\n\nSecond paragraph.',
    severity: [{ type: 'CVSS_V3', score: MEDIUM }],
    affected: [goPkg('github.com/acme/lib', [[{ introduced: '0' }, { last_affected: '0.1.0' }]])],
  }),
  osv('PYSEC-2099-11', {
    aliases: ['CVE-2099-2001'],
    affected: [{ package: { ecosystem: 'PyPI', name: 'example-pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.10' }] }], versions: ['1.9'] }],
  }),
  osv('RUSTSEC-2099-0001', {
    affected: [{ package: { ecosystem: 'crates.io', name: 'example-crate' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0.0.0-0' }, { fixed: '0.3.1' }] }] }],
  }),
  osv('GO-2099-0002', { withdrawn: '2024-08-21T16:25:56Z', affected: [goPkg('example.com/tls', [[{ introduced: '0' }]])] }),
];
const index = new AdvisoryIndex(advisories);

const sbomText = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  metadata: {
    timestamp: '2099-06-01T00:00:00Z',
    component: { type: 'application', 'bom-ref': 'gateway', name: 'acme-gateway', version: '1.0.0', supplier: { name: 'Acme Networks' }, purl: 'pkg:golang/github.com/acme/gateway@v1.0.0' },
  },
  components: [
    { type: 'library', 'bom-ref': 'router', name: 'router', version: 'v1.3.0', supplier: { name: 'Example Org' }, licenses: [{ license: { id: 'MIT' } }], purl: 'pkg:golang/example.com/web/router@v1.3.0' },
    { type: 'library', 'bom-ref': 'router2', name: 'router', version: 'v2.0.5', supplier: { name: 'Example Org' }, licenses: [{ expression: 'MIT OR Apache-2.0' }], purl: 'pkg:golang/example.com/web/router@v2.0.5' },
    { type: 'library', 'bom-ref': 'acme-lib', name: 'lib', version: 'v0.1.0', purl: 'pkg:golang/github.com/acme/lib@v0.1.0' },
    { type: 'library', 'bom-ref': 'pyfoo', name: 'Example_Pkg', version: '1.9', supplier: { name: ' acme NETWORKS ' }, licenses: [{ license: { id: 'MIT' } }], purl: 'pkg:pypi/Example_Pkg@1.9' },
    { type: 'library', 'bom-ref': 'crate', name: 'example-crate', version: '0.3.1', supplier: { name: 'Example Org' }, purl: 'pkg:cargo/example-crate@0.3.1' },
    { type: 'library', 'bom-ref': 'tls', name: 'tls', version: 'v1.0.0', purl: 'pkg:golang/example.com/tls@v1.0.0' },
    { type: 'library', 'bom-ref': 'vendored', name: 'vendored', supplier: { name: 'Third Party Ltd' }, purl: 'pkg:generic/vendored' },
  ],
  dependencies: [
    { ref: 'gateway', dependsOn: ['router', 'acme-lib'] },
    { ref: 'router', dependsOn: ['pyfoo', 'router2'] },
    { ref: 'pyfoo', dependsOn: ['router', 'crate'] },
    { ref: 'crate', dependsOn: ['tls'] },
  ],
});
const sbom = parseSbom(sbomText);
const now = new Date('2099-07-01T00:00:00Z');
const find = (fs: SupplyChainFinding[], ref: string, id: string): SupplyChainFinding => {
  const f = fs.find((x) => x.componentRef === ref && (x.advisoryId === id || x.aliases.includes(id)));
  if (f === undefined) throw new Error(`no finding ${ref} × ${id}`);
  return f;
};

describe('analyzeSbom', () => {
  const r = analyzeSbom(sbom, index, { now });

  it('finds each (component, vulnerability) once, records of one vulnerability joined by alias', () => {
    expect(r.findings.map((f) => `${f.componentRef} ${f.advisoryId}`)).toEqual([
      // Most severe first; the GHSA record carries the rating and names the group.
      'router GHSA-aaaa-bbbb-cccc',
      'acme-lib GO-2099-0003',
      // v2.0.5 is only in the Go record's second range, which the rated GHSA record lacks.
      'router2 GO-2099-0001',
      'pyfoo PYSEC-2099-11',
    ]);
    const router = find(r.findings, 'router', 'GO-2099-0001');
    expect(router).toMatchObject({
      purl: 'pkg:golang/example.com/web/router@v1.3.0',
      name: 'router',
      version: 'v1.3.0',
      ecosystem: 'Go',
      aliases: ['CVE-2099-1001', 'GO-2099-0001'],
      advisories: ['GHSA-aaaa-bbbb-cccc', 'GO-2099-0001'],
      summary: 'Path traversal in example.com/web/router',
      severity: 'critical',
      score: 9.8,
      vector: CRITICAL,
      suppressed: null,
    });
  });

  it('gives the first fix above the version in the range that matched, spelled like the component', () => {
    expect(find(r.findings, 'router', 'GO-2099-0001').fixedVersion).toBe('v1.4.2');
    expect(find(r.findings, 'router2', 'GO-2099-0001').fixedVersion).toBe('v2.1.0');
    expect(find(r.findings, 'pyfoo', 'PYSEC-2099-11').fixedVersion).toBe('1.10');
    // last_affected: no fix is known.
    expect(find(r.findings, 'acme-lib', 'GO-2099-0003').fixedVersion).toBeNull();
  });

  it('takes the summary from the first paragraph of details when there is none, and the lone rating', () => {
    expect(find(r.findings, 'acme-lib', 'GO-2099-0003')).toMatchObject({ summary: 'Timing leak in github.com/acme/lib. More text.', severity: 'medium', score: 4.2, vector: MEDIUM });
    expect(find(r.findings, 'pyfoo', 'PYSEC-2099-11')).toMatchObject({ severity: 'unknown', score: null, vector: null });
  });

  it('gives the shortest path from the root, direct vs transitive, across a cycle', () => {
    expect(find(r.findings, 'router', 'GO-2099-0001')).toMatchObject({ path: ['gateway', 'router'], pathNames: ['acme-gateway', 'router'], depth: 1, direct: true });
    expect(find(r.findings, 'pyfoo', 'PYSEC-2099-11')).toMatchObject({ path: ['gateway', 'router', 'pyfoo'], depth: 2, direct: false });
    expect(find(r.findings, 'router2', 'GO-2099-0001')).toMatchObject({ path: ['gateway', 'router', 'router2'], depth: 2, direct: false });
  });

  it('files first-party components under Art. 4(1) and the rest under Art. 4(2)', () => {
    // Same purl namespace as the root (github.com/acme) although no supplier is named.
    expect(find(r.findings, 'acme-lib', 'GO-2099-0003').category).toBe(1);
    // Same supplier as the root, compared without case or surrounding space.
    expect(find(r.findings, 'pyfoo', 'PYSEC-2099-11').category).toBe(1);
    expect(find(r.findings, 'router', 'GO-2099-0001').category).toBe(2);
    const declared = analyzeSbom(sbom, index, { now, productSupplier: 'Example Org' });
    expect(find(declared.findings, 'router', 'GO-2099-0001').category).toBe(1);
  });

  it('never matches withdrawn records, fixed versions or components without a version', () => {
    expect(r.findings.some((f) => ['tls', 'crate', 'vendored'].includes(f.componentRef))).toBe(false);
    expect(r.unmatchable).toBe(1);
  });

  it('counts by severity and category', () => {
    expect(r.counts).toEqual({
      total: 4,
      suppressed: 0,
      bySeverity: { critical: 1, high: 0, medium: 1, low: 0, none: 0, unknown: 2 },
      byCategory: { '1': 2, '2': 2 },
      affectedComponents: 4,
    });
    expect(r.analysedAt).toBe('2099-07-01T00:00:00.000Z');
  });

  it('summarises provenance: suppliers, unknown share, licences as given, depth', () => {
    expect(r.provenance).toEqual({
      product: { ref: 'gateway', name: 'acme-gateway', version: '1.0.0', supplier: 'Acme Networks' },
      components: 7,
      suppliers: [
        { supplier: 'Example Org', components: 3 },
        { supplier: 'Third Party Ltd', components: 1 },
        { supplier: 'acme NETWORKS', components: 1 },
      ],
      unknownSupplier: 2,
      unknownSupplierShare: 2 / 7,
      licences: [
        { expression: 'MIT', components: 2 },
        { expression: 'MIT OR Apache-2.0', components: 1 },
      ],
      unknownLicence: 4,
      firstParty: 2,
      thirdParty: 5,
      direct: 2,
      // router2 and pyfoo (2), crate (3), tls (4); 'vendored' hangs from nothing.
      transitive: 4,
      unreachable: 1,
      maxDepth: 4,
      meanDepth: (1 + 2 + 1 + 2 + 3 + 4) / 6,
    });
    expect(r.ntia.components).toBe(8);
  });
});

describe('alias groups of the whole corpus', () => {
  // Two records of one package name different ids of the same flaw; only a third record, about
  // another package, says that CVE-2099-7001 and GHSA-7777-7777-7777 are the same vulnerability.
  const a = osv('GO-2099-0071', { aliases: ['CVE-2099-7001'], affected: [goPkg('example.com/joined', [[{ introduced: '0' }, { fixed: '1.10.0' }]])] });
  const b = osv('GHSA-7777-7777-7777', { affected: [goPkg('example.com/joined', [[{ introduced: '0' }, { fixed: '1.9.0' }]])] });
  const c = osv('PYSEC-2099-71', { aliases: ['CVE-2099-7001', 'GHSA-7777-7777-7777'], affected: [] });
  const s = parseSbom(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ 'bom-ref': 'j', name: 'joined', version: 'v1.0.0', purl: 'pkg:golang/example.com/joined@v1.0.0' }] }));
  const idx = new AdvisoryIndex([a, b, c]);

  it('join records the component matched into one finding when the corpus groups them, with the highest fix', () => {
    expect(analyzeSbom(s, idx, { now }).findings.map((f) => f.advisoryId)).toEqual(['GHSA-7777-7777-7777', 'GO-2099-0071']);
    const joined = analyzeSbom(s, idx, { now, groups: new AliasGroups([a, b, c]) }).findings;
    expect(joined.map((f) => [f.advisoryId, f.advisories, f.fixedVersion])).toEqual([['GHSA-7777-7777-7777', ['GHSA-7777-7777-7777', 'GO-2099-0071'], 'v1.10.0']]);
  });
});

describe('VEX suppression', () => {
  const vexDoc = (vulnerabilities: object[]) => parseVexDocument({ bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000001', vulnerabilities }, 'acme.vex.json');

  it('keeps a suppressed finding with the statement, matched by alias and by a version-less purl', () => {
    const vex = vexDoc([
      { id: 'CVE-2099-1001', analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'Serve is never called.' }, affects: [{ ref: 'pkg:golang/example.com/web/router' }] },
    ]).statements;
    const r = analyzeSbom(sbom, index, { now, vex });
    expect(r.findings).toHaveLength(4);
    for (const ref of ['router', 'router2']) {
      expect(find(r.findings, ref, 'GO-2099-0001').suppressed).toEqual({
        status: 'not_affected',
        justification: 'code_not_reachable',
        impactStatement: 'Serve is never called.',
        vulnerability: 'CVE-2099-1001',
        source: 'cyclonedx-vex urn:uuid:00000000-0000-4000-8000-000000000001 acme.vex.json',
      });
    }
    expect(find(r.findings, 'acme-lib', 'GO-2099-0003').suppressed).toBeNull();
    expect(r.counts).toMatchObject({ total: 4, suppressed: 2, bySeverity: { critical: 0, medium: 1, unknown: 1 }, affectedComponents: 2 });
  });

  it('applies a versioned purl to that version only, and a vers: range in the component order', () => {
    const vex = vexDoc([
      { id: 'GO-2099-0001', analysis: { state: 'resolved' }, affects: [{ ref: 'pkg:golang/example.com/web/router@v2.0.5' }] },
      { id: 'CVE-2099-2001', analysis: { state: 'not_affected', justification: 'code_not_present' }, affects: [{ ref: 'pyfoo', versions: [{ range: 'vers:pypi/>=1.10' }] }] },
    ]).statements;
    const r = analyzeSbom(sbom, index, { now, vex });
    expect(find(r.findings, 'router', 'GO-2099-0001').suppressed).toBeNull();
    expect(find(r.findings, 'router2', 'GO-2099-0001').suppressed?.status).toBe('fixed');
    // 1.9 is below 1.10 in PEP 440 order (not in string order): the statement does not cover it.
    expect(find(r.findings, 'pyfoo', 'PYSEC-2099-11').suppressed).toBeNull();
  });

  it('lets a statement about the component override one about the whole product; affected never suppresses', () => {
    const vex = vexDoc([
      { id: 'CVE-2099-3003', analysis: { state: 'not_affected', justification: 'code_not_present' }, affects: [{ ref: 'gateway' }] },
      { id: 'CVE-2099-3003', analysis: { state: 'exploitable' }, affects: [{ ref: 'acme-lib' }] },
      { id: 'CVE-2099-2001', analysis: { state: 'not_affected', justification: 'protected_at_runtime' }, affects: [{ ref: 'gateway' }] },
      { id: 'CVE-2099-1001', analysis: { state: 'in_triage' }, affects: [{ ref: 'router' }] },
    ]).statements;
    const r = analyzeSbom(sbom, index, { now, vex });
    expect(find(r.findings, 'acme-lib', 'GO-2099-0003').suppressed).toBeNull();
    expect(find(r.findings, 'pyfoo', 'PYSEC-2099-11').suppressed).toMatchObject({ status: 'not_affected', justification: 'protected_at_runtime', vulnerability: 'CVE-2099-2001' });
    expect(find(r.findings, 'router', 'GO-2099-0001').suppressed).toBeNull();
  });
});

describe('the project\'s CSAF VEX fixture (Log4Shell in a gateway agent)', () => {
  const csaf = JSON.parse(readFileSync(fileURLToPath(new URL('../advisories/fixtures/csaf/example-vex.json', import.meta.url)), 'utf8')) as unknown;
  const vex = parseVexDocument(csaf, 'example-vex.json').statements;
  const log4shell = osv('GHSA-jfh8-c2jp-5v3q', {
    aliases: ['CVE-2021-44228'],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.13.0' }, { fixed: '2.15.0' }] }] }],
  });
  const agent = (version: string) => parseSbom(JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    metadata: { component: { 'bom-ref': 'agent', type: 'application', name: 'gateway-agent', version, purl: `pkg:maven/com.example/gateway-agent@${version}` } },
    components: [{ 'bom-ref': 'log4j', type: 'library', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }],
    dependencies: [{ ref: 'agent', dependsOn: ['log4j'] }],
  }));
  const only = (version: string): SupplyChainFinding => {
    const fs = analyzeSbom(agent(version), new AdvisoryIndex([log4shell]), { now, vex }).findings;
    expect(fs).toHaveLength(1);
    return fs[0] as SupplyChainFinding;
  };

  it('a statement about the product version covers its components: 3.0.0 not affected, 3.1.0 affected, 3.2.0 fixed', () => {
    expect(only('3.0.0')).toMatchObject({
      advisoryId: 'GHSA-jfh8-c2jp-5v3q',
      severity: 'critical',
      score: 10,
      fixedVersion: '2.15.0',
      suppressed: { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', vulnerability: 'CVE-2021-44228', source: 'csaf-vex EXAMPLE-VEX-2021-0007 example-vex.json' },
    });
    expect(only('3.1.0').suppressed).toBeNull();
    expect(only('3.2.0').suppressed?.status).toBe('fixed');
    expect(only('9.9.9').suppressed).toBeNull();
  });
});

describe('project fixtures', () => {
  it('summarises the CycloneDX 1.6 fixture: suppliers, licence expressions, first-party by supplier and group', () => {
    const s = parseSbom(fixture('cyclonedx-1.6.json'));
    const r = analyzeSbom(s, new AdvisoryIndex([]), { now });
    expect(r.findings).toEqual([]);
    expect(r.provenance.suppliers).toEqual([
      { supplier: 'Acme Networks', components: 1 },
      { supplier: 'Apache Software Foundation', components: 1 },
      { supplier: 'OpenJS Foundation', components: 1 },
      // CycloneDX's publisher stands in for a missing supplier.
      { supplier: 'TJ Holowaychuk', components: 1 },
    ]);
    expect(r.provenance.licences.map((l) => l.expression)).toEqual(['Apache-2.0', 'LicenseRef-Acme-Proprietary-Licence', 'MIT', 'MIT OR Apache-2.0']);
    expect(r.provenance.firstParty).toBe(1);
    expect(r.provenance.components).toBe(s.components.length);
    expect(r.counts.total).toBe(0);
  });
});
