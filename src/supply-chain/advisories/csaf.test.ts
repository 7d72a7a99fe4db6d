import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsaf } from './csaf.ts';
import { AdvisoryError } from './errors.ts';
import { versToOsv } from './vers-to-osv.ts';
import { purlToOsv, tryParsePurl } from '../purl/index.ts';

type Doc = Record<string, unknown>;
/** The object at a path inside a parsed document, for mutating test copies. */
const dig = (doc: Doc, ...path: (string | number)[]): Doc =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], doc) as Doc;

const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/csaf/${name}`, import.meta.url)), 'utf8')) as Record<string, unknown>;

describe('CSAF 2.0 security advisory', () => {
  const r = parseCsaf(load('example-advisory.json'), 'example-advisory.json');

  it('reads the document metadata', () => {
    expect(r.document).toEqual({
      category: 'csaf_security_advisory', csafVersion: '2.0', title: 'Example Company Gateway: Log4j remote code execution (Log4Shell)',
      trackingId: 'EXAMPLE-SA-2021-0007', version: '2', status: 'final', currentReleaseDate: '2021-12-14T10:00:00.000Z',
      initialReleaseDate: '2021-12-12T08:00:00.000Z', publisher: 'Example Company',
    });
  });

  it('resolves products from branches, full product names and relationships', () => {
    const byId = new Map(r.products.map((p) => [p.productId, p]));
    expect(byId.get('CSAFPID-0001')).toMatchObject({ version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' });
    expect(byId.get('CSAFPID-0002')).toMatchObject({ versionRange: 'vers:maven/>=2.0-beta9|<2.15.0' });
    expect(byId.get('CSAFPID-0100')).toMatchObject({ version: '4.2.0', cpe: 'cpe:2.3:a:example:gateway:4.2.0:*:*:*:*:*:*:*' });
    expect(byId.get('CSAFPID-0200')).toEqual({ productId: 'CSAFPID-0200', name: 'Example Console (SaaS)' });
    // The component inside the gateway is identified by the component's purl.
    expect(byId.get('CSAFPID-1000')).toMatchObject({ component: 'CSAFPID-0001', relatesTo: 'CSAFPID-0100', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' });
  });

  it('makes one advisory per vulnerability, scoped by the document, with affected packages from purls', () => {
    expect(r.advisories.map((a) => a.id)).toEqual(['EXAMPLE-SA-2021-0007#CVE-2021-44228', 'EXAMPLE-SA-2021-0007#CVE-2021-45046']);
    const [log4shell] = r.advisories;
    expect(log4shell).toMatchObject({
      aliases: ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q'],
      related: [],
      summary: 'Log4Shell: JNDI lookup in log messages',
      published: '2021-12-10T00:00:00.000Z',
      modified: '2021-12-14T10:00:00.000Z',
      source: { format: 'csaf', path: 'example-advisory.json' },
      severity: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', score: 10, level: 'critical' }],
    });
    expect(log4shell?.affected).toEqual([{
      ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core',
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0-beta9' }, { fixed: '2.15.0' }] }],
      versions: ['2.14.1'],
    }]);
  });

  it('keys affected packages as SBOM components are keyed (one purl module: distro release, normalised names)', () => {
    const doc = load('example-advisory.json');
    dig(doc, 'product_tree', 'branches', 0, 'branches', 0, 'branches', 0, 'product').product_identification_helper = { purl: 'pkg:deb/debian/log4j-core@2.14.1?distro=debian-12' };
    const pkg = parseCsaf(doc, 'x.json').advisories[0]?.affected?.[0];
    expect(pkg).toMatchObject({ ecosystem: 'Debian:12', name: 'log4j-core' });
    expect(purlToOsv(tryParsePurl('pkg:deb/debian/log4j-core@2.14.1?distro=debian-12')!)).toEqual({ ecosystem: pkg?.ecosystem, packageName: pkg?.name });
  });

  it('derives VEX statements from product status, flags and remediations', () => {
    const notAffected = r.vex.find((s) => s.status === 'not_affected');
    expect(notAffected).toMatchObject({ vulnerability: 'CVE-2021-44228', products: ['CSAFPID-0200'], justification: 'component_not_present', document: 'EXAMPLE-SA-2021-0007' });
    const inGateway = r.vex.find((s) => s.productIds?.includes('CSAFPID-1000'));
    expect(inGateway).toMatchObject({ status: 'affected', products: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'] });
    expect(inGateway?.actionStatement).toContain('mitigation: Remove the JndiLookup class from the classpath.');
    const fixed = r.vex.find((s) => s.status === 'fixed' && s.vulnerability === 'CVE-2021-44228');
    expect(fixed?.productIds).toEqual(['CSAFPID-0003', 'CSAFPID-0101', 'CSAFPID-1001']);
    expect(r.remediations[0]).toMatchObject({ category: 'vendor_fix', productIds: ['CSAFPID-0100', 'CSAFPID-1000'], url: 'https://psirt.example.com/downloads/gateway-4.3.1' });
  });

  it('warns where the document says less (or other) than it should, without failing', () => {
    expect(r.warnings).toEqual([
      { at: '/vulnerabilities/0/product_status/known_affected', message: 'product "CSAFPID-0100" has no purl of a known ecosystem; no affected package derived' },
      // The vendor wrote 9.1; the vector scores 9.0 by the v3.1 equations (NVD also says 9.0).
      { at: '/vulnerabilities/1/scores/0/cvss_v3/baseScore', message: 'states 9.1, the vector scores 9 by the specification' },
    ]);
  });
});

describe('CSAF VEX document', () => {
  const r = parseCsaf(load('example-vex.json'), 'example-vex.json');

  it('turns each product status into statements with justification and impact', () => {
    expect(r.document.category).toBe('csaf_vex');
    const summary = r.vex.map((s) => [s.vulnerability, s.status, s.products, s.justification ?? null, s.impactStatement ?? null]);
    expect(summary).toEqual([
      ['CVE-2021-44228', 'not_affected', ['pkg:maven/com.example/gateway-agent@3.0.0'], 'vulnerable_code_not_in_execute_path', 'Agent 3.0.0 ships log4j-core but never logs untrusted input.'],
      ['CVE-2021-44228', 'not_affected', ['cpe:2.3:h:example:gateway_appliance:7:*:*:*:*:*:*:*'], null, 'The appliance firmware does not contain Log4j.'],
      ['CVE-2021-44228', 'affected', ['pkg:maven/com.example/gateway-agent@3.1.0'], null, null],
      ['CVE-2021-44228', 'fixed', ['pkg:maven/com.example/gateway-agent@3.2.0'], null, null],
      ['CVE-2021-45105', 'under_investigation', ['pkg:maven/com.example/gateway-agent@3.1.0', 'pkg:maven/com.example/gateway-agent@3.2.0'], null, null],
    ]);
    expect(r.vex[2]?.actionStatement).toBe('vendor_fix: Upgrade to Gateway Agent 3.2.0.');
    expect(r.vex.every((s) => s.source.format === 'csaf-vex')).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});

describe('CSAF documents that are not what they claim', () => {
  const cases: [string, (d: Doc) => void, string][] = [
    ['no csaf_version', (d) => { delete dig(d, 'document').csaf_version; }, '/document/csaf_version: is missing: not a CSAF document'],
    ['CSAF 1.2', (d) => { dig(d, 'document').csaf_version = '1.2'; }, '/document/csaf_version: "1.2" is not a supported CSAF version (2.0)'],
    ['no tracking id', (d) => { delete dig(d, 'document', 'tracking').id; }, '/document/tracking/id: is required'],
    ['product without id', (d) => { delete dig(d, 'product_tree', 'branches', 0, 'branches', 0, 'branches', 0, 'product').product_id; }, '/product_tree/branches/0/branches/0/branches/0/product/product_id: is required'],
    ['duplicate product id', (d) => { (dig(d, 'product_tree').full_product_names as unknown[]).push({ name: 'x', product_id: 'CSAFPID-0001' }); }, '/product_tree/full_product_names/1/product_id: product id "CSAFPID-0001" is defined twice'],
    ['undefined product in a status', (d) => { (dig(d, 'vulnerabilities', 0, 'product_status').fixed as unknown[]).push('CSAFPID-9999'); }, '/vulnerabilities/0/product_status/fixed/3: product id "CSAFPID-9999" is not defined in the product tree'],
    ['unknown product status', (d) => { dig(d, 'vulnerabilities', 0, 'product_status').probably_fine = ['CSAFPID-0001']; }, '/vulnerabilities/0/product_status/probably_fine: is not a CSAF product status'],
    ['undefined group', (d) => { dig(d, 'vulnerabilities', 0, 'remediations', 0).group_ids = ['CSAFGID-0404']; }, '/vulnerabilities/0/remediations/0/group_ids/0: group id "CSAFGID-0404" is not defined'],
    ['bad CVE', (d) => { dig(d, 'vulnerabilities', 0).cve = 'CVE-21-1'; }, '/vulnerabilities/0/cve: "CVE-21-1" is not a CVE id'],
    ['bad purl', (d) => { dig(d, 'product_tree', 'full_product_names', 0).product_identification_helper = { purl: 'maven:log4j' }; }, '/product_tree/full_product_names/0/product_identification_helper/purl: "maven:log4j" is not a package URL'],
    ['bad vector', (d) => { dig(d, 'vulnerabilities', 0, 'scores', 0, 'cvss_v3').vectorString = 'CVSS:3.1/AV:N'; }, '/vulnerabilities/0/scores/0/cvss_v3/vectorString: invalid CVSS vector'],
    ['branch with nothing', (d) => { (dig(d, 'product_tree').branches as unknown[]).push({ category: 'vendor', name: 'Empty' }); }, '/product_tree/branches/2: a branch needs "branches" or "product"'],
  ];
  it.each(cases)('%s', (_name, mutate, message) => {
    const doc = load('example-advisory.json');
    mutate(doc);
    expect(() => parseCsaf(doc, 'doc.json')).toThrow(AdvisoryError);
    expect(() => parseCsaf(doc, 'doc.json')).toThrow(`doc.json ${message}`);
  });

  it('refuses a CycloneDX file handed in as CSAF', () => {
    expect(() => parseCsaf({ bomFormat: 'CycloneDX', specVersion: '1.5' }, 'bom.json')).toThrow('bom.json /document/csaf_version: is missing: not a CSAF document');
  });
});

describe('vers ranges as OSV events', () => {
  it('splits intervals so fixed and last_affected never share a range', () => {
    expect(versToOsv('vers:maven/>=1.0|<=1.4|>=2.0|<2.3')).toEqual({
      intervals: [[{ introduced: '1.0' }, { last_affected: '1.4' }], [{ introduced: '2.0' }, { fixed: '2.3' }]], versions: [], unsupported: [],
    });
    expect(versToOsv('vers:npm/<1.2.3')?.intervals).toEqual([[{ introduced: '0' }, { fixed: '1.2.3' }]]);
    expect(versToOsv('vers:npm/1.0.0|2.0.0')).toEqual({ intervals: [], versions: ['1.0.0', '2.0.0'], unsupported: [] });
    expect(versToOsv('vers:pypi/>=3.0')?.intervals).toEqual([[{ introduced: '3.0' }]]);
    expect(versToOsv('vers:deb/*')?.intervals).toEqual([[{ introduced: '0' }]]);
    expect(versToOsv('vers:npm/>1.0|!=1.5')?.unsupported).toEqual(['>1.0', '!=1.5']);
    expect(versToOsv('>=1.0')).toBeUndefined();
  });
});
