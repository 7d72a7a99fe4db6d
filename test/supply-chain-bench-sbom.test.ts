import { describe, expect, it } from 'vitest';
import { benchSbomText, corpusPackages } from '../bench/supply-chain-sbom.ts';
import { loadOsvDir } from '../src/supply-chain/match/osv-corpus.ts';
import { AdvisoryIndex } from '../src/supply-chain/match/index.ts';
import { parseSbom } from '../src/supply-chain/sbom/index.ts';
import { requireSharedData, sharedPath } from './shared-data.ts';

describe.skipIf(!requireSharedData('benchmark SBOM'))('the benchmark SBOM built from the OSV corpus', () => {
  it('is a CycloneDX document whose every component is a real corpus package at a version its advisories name', () => {
    const advisories = loadOsvDir(sharedPath('osv'), 7);
    const packages = corpusPackages(advisories);
    const sbom = parseSbom(benchSbomText(packages, 3000));
    expect(sbom.format).toBe('cyclonedx-json');
    expect(sbom.components).toHaveLength(3000);
    expect(sbom.warnings).toEqual([]);
    const known = new Set(packages.map((p) => `${p.ecosystem}|${p.name}`));
    for (const c of sbom.components) expect(known.has(`${c.ecosystem}|${c.packageName}`), c.purl).toBe(true);
    // Every ecosystem of the corpus that has a purl type appears.
    expect(new Set(sbom.components.map((c) => c.ecosystem?.replace(/:.*/, '')))).toEqual(new Set(['AlmaLinux', 'Go', 'PyPI', 'crates.io']));
    const index = new AdvisoryIndex(advisories);
    const hit = sbom.components.filter((c) => index.matchComponent(c).length > 0).length;
    expect(hit / sbom.components.length).toBeGreaterThan(0.5);
  }, 120_000);
});
