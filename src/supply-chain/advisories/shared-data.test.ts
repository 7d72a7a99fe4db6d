import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import { requireSharedData, sharedPath } from '../../../test/shared-data.ts';
import type { Advisory } from '../model.ts';
import { scoreCvss3 } from './cvss3.ts';
import { importAdvisories } from './import.ts';
import type { ImportResult } from './import.ts';
import { isMatchable } from './index.ts';
import { kindOfFile, parseStructured } from './load.ts';
import { parseOsv } from './osv.ts';
import { parseVexDocument } from './vex.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort().map((f) => join(dir, f));
}
const from = (r: ImportResult, folder: string): Advisory[] => r.advisories.filter((a) => a.source.path?.includes(`/osv/${folder}/`));

describe.skipIf(!requireSharedData('advisories: OSV corpus'))('the shared OSV corpus (../shared/data/osv)', () => {
  let r: ImportResult;
  beforeAll(async () => {
    r = await importAdvisories(sharedPath('osv'));
  }, 120_000);

  it('imports every record of every source without an error, skipping only documentation', () => {
    expect(r.errors).toEqual([]);
    expect(r.counts).toMatchObject({
      records: 8717,
      advisories: 8717,
      superseded: 0,
      byEcosystem: { AlmaLinux: 427, GIT: 132, Go: 4291, PyPI: 2661, 'crates.io': 1206 },
      skipped: { documentation: 15, 'not-an-advisory': 0, 'unsupported-file-type': 0, hidden: 0, empty: 0, 'symlinked-directory': 0 },
    });
    expect(r.skipped.map((s) => s.path.split('/').pop())).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'NOTICES', 'LICENSE.txt', 'SOURCE.md']));
  });

  it('keeps the 17 withdrawn Go records, flagged and unmatchable', () => {
    const goWithdrawn = from(r, 'golang-vulndb').filter((a) => a.withdrawn !== undefined);
    expect(goWithdrawn).toHaveLength(17);
    expect(goWithdrawn.map((a) => a.id)).toContain('GO-2022-0617');
    expect(goWithdrawn.every((a) => !isMatchable(a))).toBe(true);
    expect(r.counts.withdrawn).toBe(40);
  });

  it('scores every CVSS severity: 417 RustSec and 202 PyPA records, none for Go', () => {
    const withSeverity = (folder: string): Advisory[] => from(r, folder).filter((a) => a.severity.length > 0);
    expect(withSeverity('rustsec-advisory-db-osv')).toHaveLength(417);
    expect(withSeverity('pypa-advisory-database')).toHaveLength(202);
    expect(withSeverity('golang-vulndb')).toHaveLength(0);
    const all = r.advisories.flatMap((a) => a.severity);
    expect(all.filter((s) => s.type === 'CVSS_V4')).toHaveLength(57);
    for (const s of all) {
      expect(s.score, s.vector).toBeGreaterThanOrEqual(0);
      expect(['none', 'low', 'medium', 'high', 'critical']).toContain(s.level);
    }
  });

  it('groups aliases across databases: Go with GHSA and CVE, AlmaLinux errata by the CVEs they fix', () => {
    const go = from(r, 'golang-vulndb').filter((a) => a.aliases.some((x) => x.startsWith('CVE-')) && a.aliases.some((x) => x.startsWith('GHSA-')));
    expect(go.length).toBeGreaterThan(3000);
    for (const a of go) {
      for (const alias of a.aliases) expect(r.groups.same(a.id, alias)).toBe(true);
      expect(r.groups.canonicalId(a.id)).toMatch(/^CVE-/);
    }
    const alma = from(r, 'almalinux-osv-database');
    expect(alma.filter((a) => a.related.some((x) => x.startsWith('CVE-')))).toHaveLength(425);
    const thunderbird = r.groups.vulnerabilitiesOf('ALSA-2024:0001');
    expect(thunderbird).toHaveLength(11);
    expect(thunderbird).toContain('CVE-2023-6856');
    // Records of different databases that name one vulnerability end in one group.
    expect(r.groups.members('CVE-2020-8927')).toEqual(expect.arrayContaining(['GO-2025-3726', 'PYSEC-2020-29', 'RUSTSEC-2021-0131']));
    expect(r.counts.aliasGroups).toBe(7994);
    expect(r.counts.vulnerabilities).toBe(8639);
  });

  it('accepts exactly what the OSV schema accepts, except the documented leniencies', () => {
    const schema = JSON.parse(readFileSync(sharedPath('schemas/osv/schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const schemaInvalid: string[] = [];
    for (const file of filesUnder(sharedPath('osv'))) {
      const kind = kindOfFile(file);
      if (kind !== 'json' && kind !== 'yaml') continue;
      const record = parseStructured(new Uint8Array(readFileSync(file)), file, kind);
      const ok = validate(record);
      if (!ok) schemaInvalid.push(file);
      // parseOsv must accept every record, valid or not: the invalid ones are the leniencies.
      expect(() => parseOsv(record, file)).not.toThrow();
    }
    // PyPA GIT events with short hashes or patch names: schema-invalid, still usable.
    expect(schemaInvalid).toHaveLength(7);
    expect(schemaInvalid.every((f) => f.includes('/pypa-advisory-database/'))).toBe(true);
  }, 120_000);

  it('re-imports a source identically, from a directory and from a zip of it', async () => {
    const dir = sharedPath('osv/rustsec-advisory-db-osv');
    const again = await importAdvisories(dir);
    expect(again.advisories).toEqual(from(r, 'rustsec-advisory-db-osv'));
    const tmp = mkdtempSync(join(tmpdir(), 'netreview-osvzip-'));
    try {
      const zip = join(tmp, 'rustsec.zip');
      writeFileSync(zip, zipSync(Object.fromEntries(filesUnder(dir).map((f) => [f.slice(dir.length + 1), new Uint8Array(readFileSync(f))]))));
      const zipped = await importAdvisories(zip);
      const strip = (list: Advisory[]): Advisory[] => list.map((a) => ({ ...a, source: { format: a.source.format } }));
      expect(strip(zipped.advisories)).toEqual(strip(again.advisories));
      expect(zipped.counts.skipped.documentation).toBe(again.counts.skipped.documentation);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!requireSharedData('advisories: CycloneDX VEX examples'))('the shared CycloneDX VEX documents', () => {
  const vexFiles = (): string[] => [
    ...filesUnder(sharedPath('sbom/cyclonedx-bom-examples/VEX')),
    sharedPath('sbom/dependency-track/apiserver/src/test/resources/unit/vex-issue2549.json'),
  ].filter((f) => f.endsWith('.json'));

  it('reads every VEX document and refuses the companion SBOMs as not VEX', () => {
    let statements = 0;
    const refused: string[] = [];
    for (const f of vexFiles()) {
      const doc = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      if (Array.isArray(doc.vulnerabilities) && doc.vulnerabilities.length > 0) statements += parseVexDocument(doc, f).statements.length;
      else {
        expect(() => parseVexDocument(doc, f)).toThrow(/this CycloneDX document is an SBOM, not a VEX document/);
        refused.push(f);
      }
    }
    expect(refused).toHaveLength(14);
    expect(statements).toBeGreaterThan(100);
    const cisa = parseVexDocument(JSON.parse(readFileSync(sharedPath('sbom/cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-1/vex-not_affected.json'), 'utf8')));
    expect(cisa.statements).toEqual([expect.objectContaining({ vulnerability: 'CVE-2021-44228', status: 'not_affected', justification: 'code_not_present', products: ['product-ABC'] })]);
  });

  it('computes the CVSS v3.1 scores that the documents state beside their vectors', () => {
    const agree: string[] = [];
    const disagree: string[] = [];
    for (const f of vexFiles()) {
      const doc = JSON.parse(readFileSync(f, 'utf8')) as { vulnerabilities?: { id: string; ratings?: { vector?: string; score?: number; method?: string; source?: { name?: string } }[] }[] };
      for (const v of doc.vulnerabilities ?? []) {
        for (const rating of v.ratings ?? []) {
          if (!rating.vector || typeof rating.score !== 'number' || !rating.method?.startsWith('CVSSv3')) continue;
          const label = `${v.id} ${rating.source?.name ?? '?'} ${rating.score}`;
          try {
            const s = scoreCvss3(rating.vector, rating.method === 'CVSSv3' ? '3.0' : '3.1');
            if ((s.environmental ?? s.base) === rating.score) agree.push(label);
            else disagree.push(label);
          } catch (err) {
            disagree.push(`${label} ${(err as Error).message}`);
          }
        }
      }
    }
    expect(agree).toHaveLength(72);
    // Vendor scores that are not the equations' result for their vector, and a mistyped vector.
    expect(disagree.sort()).toEqual([
      'CVE-2020-11898 Example Company 0 invalid CVSS vector "AAV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:N/MI:N/MA:N": unknown CVSS v3.1 metric "AAV" at component 1',
      'CVE-2020-11898 NVD 9.1 invalid CVSS vector "AAV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H": unknown CVSS v3.1 metric "AAV" at component 1',
      'CVE-2020-25649 SNYK 8.2',
      'CVE-2020-25651 OSSINDEX 7.6',
    ]);
  });
});
