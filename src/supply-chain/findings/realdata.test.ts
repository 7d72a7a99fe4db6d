import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireSharedData, sharedPath } from '../../../test/shared-data.ts';
import { importAdvisories } from '../advisories/index.ts';
import { AdvisoryIndex } from '../match/index.ts';
import { parseSbom, type ParsedSbom } from '../sbom/index.ts';
import { analyzeSbom, type SbomAnalysis } from './index.ts';

const now = new Date('2026-12-01T00:00:00Z');
const sbomAt = (...p: string[]): ParsedSbom => parseSbom(readFileSync(sharedPath('sbom', ...p)));

interface RawRange { type: string; events: Record<string, string>[] }
interface RawOsv { id: string; withdrawn?: string; affected?: { package: { name: string; ecosystem: string }; ranges?: RawRange[] }[] }

/**
 * The Go vulnerability database read again straight from its JSON files and evaluated with
 * node-semver (every Go range is SEMVER; '+incompatible' is build metadata, which SemVer
 * ignores): an independent reference for which components each record hits and where it is fixed.
 */
function referenceGo(dir: string): Map<string, { id: string; ranges: RawRange[] }[]> {
  const byModule = new Map<string, { id: string; ranges: RawRange[] }[]>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const rec = JSON.parse(readFileSync(join(dir, f), 'utf8')) as RawOsv;
    if (!rec.id?.startsWith('GO-') || rec.withdrawn !== undefined) continue;
    for (const a of rec.affected ?? []) {
      const list = byModule.get(a.package.name) ?? [];
      list.push({ id: rec.id, ranges: a.ranges ?? [] });
      byModule.set(a.package.name, list);
    }
  }
  return byModule;
}

function referenceHit(ranges: RawRange[], version: string): { hit: boolean; fixed: string | null } {
  const v = version.replace(/^v/, '');
  let hit = false;
  let fixed: string | null = null;
  for (const r of ranges) {
    let vulnerable = false;
    let next: string | null = null;
    const sorted = [...r.events].sort((x, y) => {
      const kx = Object.values(x)[0] as string, ky = Object.values(y)[0] as string;
      return kx === '0' ? -1 : ky === '0' ? 1 : semver.compare(kx, ky);
    });
    for (const e of sorted) {
      if (e.introduced !== undefined && (e.introduced === '0' || semver.gte(v, e.introduced))) vulnerable = true;
      else if (e.fixed !== undefined && semver.gte(v, e.fixed)) vulnerable = false;
      else if (e.last_affected !== undefined && semver.gt(v, e.last_affected)) vulnerable = false;
    }
    if (!vulnerable) continue;
    hit = true;
    next = sorted.map((e) => e.fixed).find((f) => f !== undefined && semver.gt(f, v)) ?? null;
    if (next !== null && (fixed === null || semver.lt(next, fixed))) fixed = next;
  }
  return { hit, fixed: fixed === null ? null : `v${fixed}` };
}

const keyOf = (a: SbomAnalysis): string[] => a.findings.map((f) => `${f.name}@${f.version} ${f.advisoryId}`).sort();

describe.skipIf(!requireSharedData('findings on real SBOMs and advisories'))('findings on real SBOMs and advisories', () => {
  let goIndex: AdvisoryIndex;
  let pypaIndex: AdvisoryIndex;
  beforeAll(async () => {
    goIndex = new AdvisoryIndex((await importAdvisories(sharedPath('osv', 'golang-vulndb'))).advisories);
    pypaIndex = new AdvisoryIndex((await importAdvisories(sharedPath('osv', 'pypa-advisory-database'))).advisories);
  }, 120_000);

  it('harp (CycloneDX, cyclonedx-gomod) against the Go vulnerability database agrees with node-semver on every component', () => {
    const sbom = sbomAt('bom-shelter', 'in-the-wild', 'cyclonedx', 'harp-darwin-amd64.sbom.json');
    const r = analyzeSbom(sbom, goIndex, { now });
    const reference = referenceGo(sharedPath('osv', 'golang-vulndb', 'data', 'osv'));
    const expected: string[] = [];
    const expectedFixed = new Map<string, string | null>();
    for (const c of [sbom.root!, ...sbom.components]) {
      if (c.ecosystem !== 'Go' || !c.packageName || !c.version) continue;
      for (const rec of reference.get(c.packageName) ?? []) {
        const { hit, fixed } = referenceHit(rec.ranges, c.version);
        if (!hit) continue;
        expected.push(`${c.ref} ${rec.id}`);
        expectedFixed.set(`${c.ref} ${rec.id}`, fixed);
      }
    }
    expect(r.findings.map((f) => `${f.componentRef} ${f.advisoryId}`).sort()).toEqual([...new Set(expected)].sort());
    for (const f of r.findings) expect(f.fixedVersion, `${f.componentRef} ${f.advisoryId}`).toBe(expectedFixed.get(`${f.componentRef} ${f.advisoryId}`));
    expect(r.findings).toHaveLength(103);
    expect(r.counts.affectedComponents).toBe(30);
    // CVE-2022-32149 in golang.org/x/text, fixed in v0.3.8, pulled in through google/cel-go.
    expect(r.findings.find((f) => f.advisoryId === 'GO-2022-1059' && f.name === 'golang.org/x/text')).toMatchObject({
      version: 'v0.3.7',
      aliases: ['CVE-2022-32149', 'GHSA-69ch-w2m2-3vjp'],
      fixedVersion: 'v0.3.8',
      pathNames: ['github.com/elastic/harp', 'github.com/google/cel-go', 'golang.org/x/text'],
      depth: 2,
      direct: false,
      category: 2,
      severity: 'unknown',
    });
    expect(r.provenance).toMatchObject({ components: 814, unknownSupplier: 814, unknownSupplierShare: 1, direct: 178, transitive: 636, unreachable: 0, maxDepth: 5 });
  });

  it('flux: the same SBOM as SPDX JSON and as SPDX tag-value gives the same findings', () => {
    const json = analyzeSbom(sbomAt('bom-shelter', 'in-the-wild', 'spdx', 'flux_0.26.3_sbom.spdx.json'), goIndex, { now });
    const tv = analyzeSbom(sbomAt('bom-shelter', 'in-the-wild', 'spdx', 'flux_0.26.3_sbom.spdx'), goIndex, { now });
    expect(json.findings.length).toBe(143);
    expect(keyOf(tv)).toEqual(keyOf(json));
    expect(tv.counts).toEqual(json.counts);
  });

  it('python image (CycloneDX, syft) against PyPA: pip, setuptools and wheel, with the CVSS rating and fix', () => {
    const r = analyzeSbom(sbomAt('guac-data', 'docs', 'cyclonedx', 'syft-cyclonedx-docker.io-library-python.latest.json'), pypaIndex, { now });
    expect(r.findings.map((f) => [f.name, f.version, f.advisoryId, f.aliases, f.fixedVersion, f.severity, f.score])).toEqual([
      ['pip', '22.2.2', 'PYSEC-2023-228', ['CVE-2023-5752'], '23.3', 'low', 3.3],
      ['setuptools', '63.2.0', 'PYSEC-2022-43012', ['CVE-2022-40897'], '65.5.1', 'unknown', null],
      ['wheel', '0.37.1', 'PYSEC-2022-43017', ['CVE-2022-40898'], '0.38.1', 'unknown', null],
    ]);
    expect(r.findings[0]).toMatchObject({ vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:N', depth: 1, direct: true, pathNames: ['docker.io/library/python:latest', 'pip'] });
    // 426 Debian packages name their maintainers as suppliers; the image itself names none.
    expect(r.provenance.components).toBe(431);
    expect(r.provenance.suppliers[0]).toEqual({ supplier: 'Debian X Strike Force <debian-x@lists.debian.org>', components: 36 });
  });
});
