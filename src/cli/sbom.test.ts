import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { requireSharedData, sharedPath } from '../../test/shared-data.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OSV = join(ROOT, 'src/supply-chain/advisories/fixtures/osv');
const tmp = mkdtempSync(join(tmpdir(), 'netreview-cli-sbom-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function netreview(...args: string[]): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(tmp, 'no-database-here') };
  delete env.DATABASE_URL;
  try {
    const r = await run(process.execPath, [join(ROOT, 'bin/netreview.js'), 'sbom', 'analyze', ...args], { env, cwd: ROOT, timeout: 120_000, maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const product = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  metadata: {
    timestamp: '2099-06-01T00:00:00Z',
    authors: [{ name: 'Acme build' }],
    component: { type: 'application', 'bom-ref': 'gw', name: 'acme-gateway', version: '1.0.0', supplier: { name: 'Acme Networks' }, purl: 'pkg:generic/acme-gateway@1.0.0' },
  },
  components: [
    { type: 'library', 'bom-ref': 'router', name: 'router', version: 'v1.3.0', supplier: { name: 'Example Org' }, licenses: [{ license: { id: 'MIT' } }], purl: 'pkg:golang/example.com/web/router@v1.3.0' },
    { type: 'library', 'bom-ref': 'pkg', name: 'example-pkg', version: '1.9', supplier: { name: 'Acme Networks' }, purl: 'pkg:pypi/example-pkg@1.9' },
    { type: 'library', 'bom-ref': 'crate', name: 'example-crate', version: '0.3.0', purl: 'pkg:cargo/example-crate@0.3.0' },
    { type: 'library', 'bom-ref': 'rpm', name: 'exampled', version: '2:1.4.2-2.el9', purl: 'pkg:rpm/almalinux/exampled@2:1.4.2-2.el9?arch=x86_64&distro=almalinux-9' },
  ],
  dependencies: [
    { ref: 'gw', dependsOn: ['router', 'pkg'] },
    { ref: 'router', dependsOn: ['crate'] },
    { ref: 'crate', dependsOn: ['rpm'] },
  ],
};
const sbomFile = join(tmp, 'product.cdx.json');
writeFileSync(sbomFile, JSON.stringify(product, null, 2));

/**
 * The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that this output uses,
 * with their required properties and enumerations. No copy of the full schema is available
 * offline here, so the log is checked structurally against this subset.
 */
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  version: { type: 'string' },
                  informationUri: { type: 'string', format: 'uri' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: { id: { type: 'string' }, shortDescription: { $ref: '#/$defs/message' }, helpUri: { type: 'string', format: 'uri' }, properties: { type: 'object' } },
                    },
                  },
                },
              },
            },
          },
          artifacts: { type: 'array', items: { type: 'object', properties: { location: { $ref: '#/$defs/artifactLocation' }, roles: { type: 'array', items: { enum: ['analysisTarget', 'attachment', 'responseFile', 'resultFile', 'standardStream', 'tracedFile', 'unmodified', 'modified', 'added', 'deleted', 'renamed', 'uncontrolled', 'driver', 'extension', 'translation', 'taxonomy', 'policy', 'referencedOnCommandLine', 'memoryContents', 'directory', 'userSpecifiedConfiguration', 'toolSpecifiedConfiguration', 'debugOutputFile'] } } } } },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: { $ref: '#/$defs/message' },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: { type: 'object', properties: { artifactLocation: { $ref: '#/$defs/artifactLocation' } } },
                      logicalLocations: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, fullyQualifiedName: { type: 'string' }, kind: { type: 'string' } } } },
                    },
                  },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                suppressions: {
                  type: 'array',
                  items: { type: 'object', required: ['kind'], properties: { kind: { enum: ['inSource', 'external'] }, status: { enum: ['accepted', 'underReview', 'rejected'] }, justification: { type: 'string' } } },
                },
                properties: { type: 'object' },
              },
            },
          },
        },
      },
    },
  },
  $defs: {
    message: { type: 'object', anyOf: [{ required: ['text'] }, { required: ['id'] }], properties: { text: { type: 'string' } } },
    artifactLocation: { type: 'object', properties: { uri: { type: 'string', format: 'uri-reference' }, index: { type: 'integer', minimum: -1 } } },
  },
};

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under NodeNext its plugin is the default export's `default`.
  formats.default(ajv);
  return ajv.compile(SARIF_SUBSET);
}

describe('netreview sbom analyze (standalone, no database)', () => {
  it('prints the NTIA report, provenance and findings as a table; quiet on stderr when it is not a terminal', async () => {
    const r = await netreview(sbomFile, '--advisories', OSV, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NTIA minimum elements {2}score [\d.]+\/100/m);
    expect(r.stdout).toMatch(/^ {2}suppliers: 2; unknown supplier 2\/4 \(50\.0 %\)$/m);
    expect(r.stdout).toMatch(/^ {2}depth: max 3, mean 1\.75; direct 2, transitive 2, unreachable 0$/m);
    expect(r.stdout).toMatch(/^Findings {2}4 — critical 2, unknown 2$/m);
    // GO-2099-0001 and RUSTSEC-2099-0001 share GHSA-aaaa-bbbb-cccc but hit different packages: two findings.
    expect(r.stdout).toMatch(/^ {2}critical +9\.8 +PYSEC-2099-11 +example-pkg@1\.9 +1\.10 +1 +1\s*$/m);
    expect(r.stdout).toMatch(/^ {2}unknown +GO-2099-0001 +router@v1\.3\.0 +v1\.4\.2 +1 +2\s*$/m);
    expect(r.stdout).toMatch(/^ {2}critical +9\.3 +RUSTSEC-2099-0001 +example-crate@0\.3\.0 +0\.3\.1 +2 +2\s*$/m);
    expect(r.stdout).toMatch(/ALSA-2099:0001 +exampled@2:1\.4\.2-2\.el9 +2:1\.4\.2-3\.el9_3\.alma +3 +2/);
  }, 120_000);

  it('writes JSON with every finding, and reads advisories from a zip', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const rel of ['go/GO-2099-0001.json', 'pypi/example-pkg/PYSEC-2099-11.yaml', 'README.md']) files[`osv/${rel}`] = readFileSync(join(OSV, rel));
    files['osv/notes.txt'] = strToU8('not an advisory');
    const zip = join(tmp, 'advisories.zip');
    writeFileSync(zip, zipSync(files));
    const r = await netreview(sbomFile, '--advisories', zip, '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { sbom: { format: string; components: number }; advisories: { counts: { advisories: number } }; findings: { advisoryId: string; fixedVersion: string | null; path: string[]; category: number }[] };
    expect(doc.sbom).toMatchObject({ format: 'cyclonedx-json', components: 4 });
    expect(doc.advisories.counts.advisories).toBe(2);
    expect(doc.findings.map((f) => [f.advisoryId, f.fixedVersion, f.path, f.category])).toEqual([
      ['PYSEC-2099-11', '1.10', ['gw', 'pkg'], 1],
      ['GO-2099-0001', 'v1.4.2', ['gw', 'router'], 2],
    ]);
  }, 120_000);

  it('writes SARIF 2.1.0 with VEX suppressions as external suppressions', async () => {
    const vex = join(tmp, 'acme.vex.json');
    writeFileSync(vex, JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      vulnerabilities: [{ id: 'CVE-2099-2001', analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'never deserialises input' }, affects: [{ ref: 'pkg:pypi/example-pkg' }] }],
    }));
    const r = await netreview(sbomFile, '--advisories', OSV, '--vex', vex, '--format', 'sarif');
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: { ruleId: string; level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[]; suppressions?: { kind: string; justification: string }[] }[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run0 = log.runs[0]!;
    expect(run0.results.map((x) => [x.ruleId, x.level, x.locations[0]!.logicalLocations[0]!.fullyQualifiedName])).toEqual([
      ['PYSEC-2099-11', 'error', 'pkg:pypi/example-pkg@1.9'],
      ['RUSTSEC-2099-0001', 'error', 'pkg:cargo/example-crate@0.3.0'],
      ['ALSA-2099:0001', 'warning', 'pkg:rpm/almalinux/exampled@2:1.4.2-2.el9?arch=x86_64&distro=almalinux-9'],
      ['GO-2099-0001', 'warning', 'pkg:golang/example.com/web/router@v1.3.0'],
    ]);
    expect(run0.results[0]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: `not_affected; code_not_reachable; never deserialises input; cyclonedx-vex ${vex}` }]);
    expect(run0.results.slice(1).every((x) => x.suppressions === undefined)).toBe(true);
    expect(run0.tool.driver.rules[0]).toMatchObject({ id: 'PYSEC-2099-11', properties: { 'security-severity': '9.8' } });
    // The validator is not a rubber stamp: a wrong level is refused.
    expect(validate({ ...log, runs: [{ ...run0, results: [{ ...run0.results[0], level: 'fatal' }] }] })).toBe(false);
  }, 120_000);

  it('without --advisories still reports NTIA and provenance, in Chinese by default', async () => {
    const r = await netreview(sbomFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NTIA 最低要素 {2}得分/m);
    expect(r.stdout).toMatch(/^漏洞公告 {2}未提供/m);
    expect(r.stdout).not.toMatch(/^发现/m);
  }, 120_000);

  it.each([
    ['a missing file', () => [join(tmp, 'missing.json')], /^error \(not_found\): .*missing\.json: no such file$/],
    ['malformed JSON', () => { const f = join(tmp, 'broken.json'); writeFileSync(f, '{"bomFormat": "CycloneDX",\n "components": [ {"name": "a",} ]}'); return [f]; }, /^error \(invalid_document\): .*broken\.json: JSON syntax error: .*\(at \/components\/0\/name \(line 2, column \d+\)\)$/],
    ['a file that is not an SBOM', () => [join(ROOT, 'package.json')], /^error \(invalid_document\): .*package\.json: JSON is neither CycloneDX .* \(at \/\)$/],
    ['a missing advisories path', () => [sbomFile, '--advisories', join(tmp, 'no-such-dir')], /^error \(not_found\): .*no-such-dir: no such file or directory$/],
    ['an SBOM given as VEX', () => [sbomFile, '--advisories', OSV, '--vex', sbomFile], /^error \(invalid_document\): .*product\.cdx\.json \/vulnerabilities: is missing or empty/],
  ])('refuses %s with one line naming the place, exit status 1', async (_what, args, message) => {
    const r = await netreview(...args());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  }, 120_000);
});

describe.skipIf(!requireSharedData('sbom analyze on real data'))('netreview sbom analyze on real data', () => {
  it('the python image SBOM against the PyPA database', async () => {
    const r = await netreview(sharedPath('sbom', 'guac-data', 'docs', 'cyclonedx', 'syft-cyclonedx-docker.io-library-python.latest.json'), '--advisories', sharedPath('osv', 'pypa-advisory-database'), '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { findings: { name: string; advisoryId: string; fixedVersion: string }[]; provenance: { components: number } };
    expect(doc.findings.map((f) => `${f.name} ${f.advisoryId} ${f.fixedVersion}`)).toEqual(['pip PYSEC-2023-228 23.3', 'setuptools PYSEC-2022-43012 65.5.1', 'wheel PYSEC-2022-43017 0.38.1']);
    expect(doc.provenance.components).toBe(431);
  }, 120_000);
});
