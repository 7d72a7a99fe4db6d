/**
 * Factories for the supply-chain integration suites: OSV advisories written to a temporary tree
 * (with a README beside them, as real OSV exports have) and CycloneDX SBOMs of npm packages.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserActor, ActorContext } from '../src/domain/actor.ts';
import type { MaterialRow } from '../src/db/repos/materials.ts';
import { loadCaseForActor } from '../src/services/cases/transition-case.ts';
import { uploadMaterial } from '../src/services/materials/upload-material.ts';
import { ctxFor } from './factories.ts';

export interface OsvSpec {
  id: string;
  pkg: string;
  ecosystem?: string;
  introduced?: string;
  fixed?: string;
  aliases?: string[];
  withdrawn?: string;
  modified?: string;
  severity?: string;
}

export function osvRecord(s: OsvSpec): Record<string, unknown> {
  return {
    schema_version: '1.6.0',
    id: s.id,
    modified: s.modified ?? '2026-01-01T00:00:00Z',
    published: '2026-01-01T00:00:00Z',
    aliases: s.aliases ?? [],
    ...(s.withdrawn ? { withdrawn: s.withdrawn } : {}),
    summary: `Test vulnerability ${s.id} in ${s.pkg}`,
    ...(s.severity ? { severity: [{ type: 'CVSS_V3', score: s.severity }] } : {}),
    affected: [
      {
        package: { ecosystem: s.ecosystem ?? 'npm', name: s.pkg },
        ranges: [{ type: 'SEMVER', events: [{ introduced: s.introduced ?? '0' }, ...(s.fixed ? [{ fixed: s.fixed }] : [])] }],
      },
    ],
  };
}

/** A directory of OSV files (one per record) plus a README that is not an advisory. */
export function osvTree(specs: OsvSpec[], dir = mkdtempSync(join(tmpdir(), 'netreview-osv-'))): string {
  mkdirSync(join(dir, 'npm'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# Test advisories\n');
  for (const s of specs) writeFileSync(join(dir, 'npm', `${s.id}.json`), JSON.stringify(osvRecord(s)));
  return dir;
}

export interface NpmComponent {
  name: string;
  version: string;
}

/** A CycloneDX 1.5 JSON SBOM of a product whose direct dependencies are the given npm packages. */
export function cycloneDxSbom(product: { name: string; version: string }, components: NpmComponent[]): Buffer {
  const ref = (c: NpmComponent) => `pkg:npm/${c.name}@${c.version}`;
  return Buffer.from(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      version: 1,
      metadata: {
        timestamp: '2026-01-01T00:00:00Z',
        authors: [{ name: 'Build system' }],
        component: { 'bom-ref': 'root', type: 'application', name: product.name, version: product.version, supplier: { name: 'Acme' } },
      },
      components: components.map((c) => ({ 'bom-ref': ref(c), type: 'library', name: c.name, version: c.version, purl: ref(c), supplier: { name: 'OSS' } })),
      dependencies: [{ ref: 'root', dependsOn: components.map(ref) }],
    }),
  );
}

export async function uploadSbomAs(ctx: ActorContext, supplier: UserActor, caseId: string, content: Buffer): Promise<MaterialRow> {
  const c = ctxFor(ctx, supplier);
  return uploadMaterial(c, await loadCaseForActor(c, caseId), { filename: 'product.cdx.json', kind: 'sbom', mediaType: 'application/json', authenticityStatement: 'We attest this SBOM is authentic and complete.' }, content);
}
