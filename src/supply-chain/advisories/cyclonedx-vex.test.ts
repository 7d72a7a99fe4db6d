import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCycloneDxVex } from './cyclonedx-vex.ts';
import { importVex, parseVexDocument } from './vex.ts';

const path = (p: string): string => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));
const load = (p: string): Record<string, unknown> => JSON.parse(readFileSync(path(p), 'utf8')) as Record<string, unknown>;
const dig = (doc: Record<string, unknown>, ...path: (string | number)[]): Record<string, unknown> =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], doc) as Record<string, unknown>;
const tmp = mkdtempSync(join(tmpdir(), 'netreview-vex-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('CycloneDX VEX', () => {
  const r = parseCycloneDxVex(load('cyclonedx/example-vex.json'), 'vex.json');

  it('maps analysis states and keeps justification, detail and response', () => {
    expect(r.serialNumber).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    expect(r.statements[0]).toEqual({
      vulnerability: 'CVE-2021-23337',
      products: ['pkg:npm/lodash@4.17.20'],
      productPurls: ['pkg:npm/lodash@4.17.20'],
      status: 'not_affected',
      justification: 'code_not_reachable',
      impactStatement: 'The portal never passes user input to _.template.',
      actionStatement: 'response: will_not_fix',
      aliases: ['GHSA-35jh-r3h4-6jhm'],
      document: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      source: { format: 'cyclonedx-vex', path: 'vex.json' },
    });
  });

  it('splits a statement by per-version status and resolves refs of this BOM to purls', () => {
    const cve = r.statements.filter((s) => s.vulnerability === 'CVE-2022-24999');
    expect(cve.map((s) => [s.status, s.products, s.versions ?? [], s.productPurls ?? []])).toEqual([
      ['affected', ['qs', 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/2#express'], ['6.7.0'], ['pkg:npm/qs@6.7.0', 'pkg:npm/express@4.17.1']],
      ['not_affected', ['qs'], ['vers:npm/>=6.10.3'], ['pkg:npm/qs@6.7.0']],
    ]);
    expect(cve[0]?.actionStatement).toBe('response: update; Upgrade express to 4.17.3 or later.');
    expect(cve[0]?.justification).toBeUndefined();
  });

  it('leaves BOM-Links into other BOMs unresolved and versions without status at the state', () => {
    const triage = r.statements.find((s) => s.vulnerability === 'CVE-2024-0001');
    expect(triage).toMatchObject({ status: 'under_investigation', products: ['urn:cdx:00000000-0000-4000-8000-000000000000/1#other-product'] });
    expect(triage?.productPurls).toBeUndefined();
    const resolved = r.statements.filter((s) => s.vulnerability === 'CVE-2020-8203').map((s) => [s.status, s.versions]);
    expect(resolved).toEqual([['fixed', ['5.0.2']], ['affected', ['vers:semver/<5.0.2']]]);
  });

  it('skips vulnerabilities without analysis, with a warning', () => {
    expect(r.statements.some((s) => s.vulnerability === 'CVE-2019-10744')).toBe(false);
    expect(r.warnings).toEqual([{ at: '/vulnerabilities/4/analysis', message: 'vulnerability CVE-2019-10744 has no analysis: a listing, not a VEX statement; skipped' }]);
  });

  it('refuses documents that are not CycloneDX VEX, naming why', () => {
    expect(() => parseCycloneDxVex(load('cyclonedx/sbom-without-vulnerabilities.json'), 'sbom.json'))
      .toThrow('sbom.json /vulnerabilities: is missing or empty: this CycloneDX document is an SBOM, not a VEX document');
    expect(() => parseCycloneDxVex({ bomFormat: 'CycloneDX', specVersion: '1.3', vulnerabilities: [{}] }, 'old.json'))
      .toThrow('old.json /specVersion: "1.3": VEX (vulnerabilities with analysis) needs CycloneDX 1.4 or later');
    expect(() => parseCycloneDxVex({ spdxVersion: 'SPDX-2.3' }, 'x.json')).toThrow('x.json /bomFormat: is missing: not a CycloneDX document');
    const bad = load('cyclonedx/example-vex.json');
    dig(bad, 'vulnerabilities', 0, 'analysis').state = 'maybe';
    expect(() => parseCycloneDxVex(bad, 'v.json')).toThrow(/v\.json \/vulnerabilities\/0\/analysis\/state: "maybe" is not a CycloneDX impact analysis state/);
    const badVersion = load('cyclonedx/example-vex.json');
    dig(badVersion, 'vulnerabilities', 1, 'affects', 0, 'versions', 0).status = 'patched';
    expect(() => parseCycloneDxVex(badVersion, 'v.json')).toThrow('v.json /vulnerabilities/1/affects/0/versions/0/status: "patched" is not one of affected, unaffected, unknown');
  });
});

describe('VEX documents of either kind', () => {
  it('tells CSAF VEX from CycloneDX VEX by content, not by name', async () => {
    const csafAsTxt = join(tmp, 'statement.json');
    writeFileSync(csafAsTxt, readFileSync(path('csaf/example-vex.json')));
    expect((await importVex(csafAsTxt)).format).toBe('csaf-vex');
    const cdx = await importVex(path('cyclonedx/example-vex.json'));
    expect(cdx.format).toBe('cyclonedx-vex');
    expect(cdx.statements).toHaveLength(6);
  });

  it('says what a wrong file is instead', async () => {
    expect(() => parseVexDocument({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT' }, 'a.json')).toThrow('a.json: not a VEX document: it is an SPDX document (SPDX carries no VEX statements)');
    expect(() => parseVexDocument({ id: 'GO-2024-1', modified: '2024-01-01T00:00:00Z' }, 'b.json')).toThrow('not a VEX document: it is an OSV advisory');
    expect(() => parseVexDocument({ '@context': 'https://openvex.dev/ns/v0.2.0' }, 'c.json')).toThrow('it is OpenVEX, which is not supported');
    expect(() => parseVexDocument([1, 2], 'd.json')).toThrow('top level is array');
    const notJson = join(tmp, 'tag-value.json');
    writeFileSync(notJson, 'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n');
    await expect(importVex(notJson)).rejects.toThrow(/tag-value\.json: not valid JSON: unexpected "S" where a value was expected at line 1 column 1/);
    await expect(importVex(join(tmp, 'nope.json'))).rejects.toThrow('nope.json: no such file');
  });
});
