/**
 * The benchmark SBOM (issue 3): a CycloneDX 1.6 JSON of n components whose package names and
 * versions are real ones, taken from the shared OSV corpus (every package an advisory names, at
 * every version its ranges and lists name), so matching it exercises real advisories. Shared by
 * the library figures (supply-chain-lib.ts) and the database ones (supply-chain-db.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadOsvDir } from '../src/supply-chain/match/osv-corpus.ts';
import type { Advisory } from '../src/supply-chain/model.ts';

export const OSV_CORPUS = fileURLToPath(new URL('../../shared/data/osv/', import.meta.url));

export interface CorpusPackage {
  ecosystem: string;
  name: string;
  version: string;
}

/** Every distinct (ecosystem, package, version) the corpus names, in a fixed order. */
export function corpusPackages(advisories: readonly Advisory[]): CorpusPackage[] {
  const seen = new Set<string>();
  const out: CorpusPackage[] = [];
  for (const a of advisories) {
    for (const p of a.affected) {
      const versions = new Set(p.versions);
      for (const r of p.ranges) if (r.type !== 'GIT') for (const e of r.events) for (const v of Object.values(e)) if (v !== '0' && !v.includes('*')) versions.add(v);
      for (const version of versions) {
        const key = `${p.ecosystem}\u0000${p.name}\u0000${version}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ ecosystem: p.ecosystem, name: p.name, version });
      }
    }
  }
  return out;
}

/** The component as an SBOM generator would write it; undefined for ecosystems without a purl mapping here. */
function componentOf(p: CorpusPackage): { purl: string; version: string; supplier: string } | undefined {
  if (p.ecosystem === 'Go') {
    const v = p.version.startsWith('v') ? p.version : `v${p.version}`;
    const owner = p.name.split('/').slice(0, 2).join('/');
    return { purl: `pkg:golang/${p.name.split('/').map(encodeURIComponent).join('/')}@${encodeURIComponent(v)}`, version: v, supplier: owner };
  }
  if (p.ecosystem === 'PyPI') return { purl: `pkg:pypi/${encodeURIComponent(p.name.toLowerCase().replace(/[-_.]+/g, '-'))}@${encodeURIComponent(p.version)}`, version: p.version, supplier: `${p.name} maintainers` };
  if (p.ecosystem === 'crates.io') return { purl: `pkg:cargo/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}`, version: p.version, supplier: `${p.name} authors` };
  const alma = /^AlmaLinux:(\d+)$/.exec(p.ecosystem);
  if (alma) {
    const m = /^(\d+):(.*)$/.exec(p.version);
    const epoch = m ? `&epoch=${m[1]}` : '';
    const bare = m ? (m[2] as string) : p.version;
    return { purl: `pkg:rpm/almalinux/${encodeURIComponent(p.name)}@${encodeURIComponent(bare)}?arch=x86_64${epoch}&distro=almalinux-${alma[1]}`, version: p.version, supplier: 'AlmaLinux' };
  }
  return undefined;
}

/** Deterministic xorshift, so every run writes the same file. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const LICENCES = ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'MIT OR Apache-2.0', 'GPL-2.0-only', 'ISC'];

/** The CycloneDX text of n components cycling through the corpus packages (repeats get their own bom-ref, as syft's package-id does). */
export function benchSbomText(packages: readonly CorpusPackage[], n: number): string {
  const usable = packages.map((p) => ({ p, c: componentOf(p) })).filter((x): x is { p: CorpusPackage; c: NonNullable<ReturnType<typeof componentOf>> } => x.c !== undefined);
  if (usable.length === 0) throw new Error('no corpus packages to build the benchmark SBOM from');
  const rand = rng(42);
  // Shuffled (deterministically), so a small SBOM still mixes every ecosystem.
  for (let i = usable.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [usable[i], usable[j]] = [usable[j]!, usable[i]!];
  }
  const components: object[] = [];
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    const { p, c } = usable[i % usable.length]!;
    const round = Math.floor(i / usable.length);
    const ref = round === 0 ? c.purl : `${c.purl}#${round}`;
    refs.push(ref);
    components.push({
      type: 'library',
      'bom-ref': ref,
      supplier: { name: c.supplier },
      name: p.name,
      version: c.version,
      hashes: [{ alg: 'SHA-256', content: createHash('sha256').update(ref).digest('hex') }],
      licenses: [LICENCES[i % LICENCES.length]!.includes(' ') ? { expression: LICENCES[i % LICENCES.length] } : { license: { id: LICENCES[i % LICENCES.length] } }],
      purl: c.purl,
    });
  }
  // Each component depends on up to three earlier ones: a DAG some tens of levels deep.
  const dependencies: { ref: string; dependsOn: string[] }[] = [];
  for (let i = 0; i < n; i++) {
    const k = i < 100 ? 0 : Math.floor(rand() * 4);
    const on = new Set<string>();
    for (let j = 0; j < k; j++) on.add(refs[Math.floor(rand() * i)]!);
    dependencies.push({ ref: refs[i]!, dependsOn: [...on] });
  }
  const rootRef = 'bench-product';
  dependencies.push({ ref: rootRef, dependsOn: refs.slice(Math.max(0, n - 100)) });
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:6f1c8f3e-2a4b-4c1d-9e7f-1b2c3d4e5f60',
    version: 1,
    metadata: {
      timestamp: '2026-01-01T00:00:00Z',
      authors: [{ name: 'netreview bench' }],
      tools: { components: [{ type: 'application', name: 'netreview-bench', version: '1' }] },
      component: { type: 'application', 'bom-ref': rootRef, name: 'bench product', version: '1.0.0', supplier: { name: 'Bench Vendor' } },
    },
    components,
    dependencies,
  });
}

/**
 * Writes the n-component benchmark SBOM to `path`. Package names and versions come from the
 * shared OSV corpus; throws when the corpus is absent.
 */
export async function buildBenchSbom(path: string, n: number, advisories?: readonly Advisory[]): Promise<void> {
  if (advisories === undefined && !existsSync(OSV_CORPUS)) throw new Error(`shared OSV corpus not found at ${OSV_CORPUS}`);
  const packages = corpusPackages(advisories ?? loadOsvDir(OSV_CORPUS));
  await writeFile(path, benchSbomText(packages, n));
}
