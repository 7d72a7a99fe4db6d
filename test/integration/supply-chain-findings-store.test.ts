import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorContext } from '../../src/domain/actor.ts';
import { openTestDb } from '../db.ts';
import { systemCtx } from '../factories.ts';
import { cycloneDxSbom, osvTree } from '../factories-supply-chain.ts';
import { importAdvisoriesIntoDb } from '../../src/services/supply-chain/import-advisories.ts';
import { ingestSbom } from '../../src/services/supply-chain/ingest-sbom.ts';
import { listFindings } from '../../src/db/repos/sbom-analyses.ts';
import type { FindingRow } from '../../src/db/repos/sbom-analyses.ts';
import { parseVexDocument } from '../../src/supply-chain/advisories/index.ts';
import { analyzeSbom } from '../../src/supply-chain/findings/index.ts';
import type { SupplyChainFinding } from '../../src/supply-chain/findings/index.ts';
import { AdvisoryIndex } from '../../src/supply-chain/match/index.ts';
import type { Advisory } from '../../src/supply-chain/model.ts';
import { parseSbom } from '../../src/supply-chain/sbom/index.ts';

// Findings are stored as three narrow tables (components, vulnerabilities, and per finding the
// two numbers): what the API reads back must be every finding as computed, field by field.

let db: Awaited<ReturnType<typeof openTestDb>>;
let ctx: ActorContext;
let dir = '';

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const MEDIUM = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N';

beforeAll(async () => {
  db = await openTestDb();
  ctx = systemCtx(db);
  dir = osvTree([
    { id: 'GHSA-rt-0001', pkg: 'alpha', fixed: '2.0.0', aliases: ['CVE-2099-0101'], severity: CRITICAL },
    // Another record of the same flaw (shared alias): one finding with it, not two.
    { id: 'GHSA-rt-0002', pkg: 'alpha', fixed: '1.5.0', aliases: ['CVE-2099-0101'] },
    { id: 'GHSA-rt-0003', pkg: 'alpha', introduced: '1.0.0', fixed: '3.0.0', severity: MEDIUM },
    { id: 'GHSA-rt-0004', pkg: 'beta', fixed: '9.9.9', aliases: ['CVE-2099-0104'] },
    { id: 'GHSA-rt-0005', pkg: 'gamma', aliases: ['CVE-2099-0105'], severity: MEDIUM },
  ]);
  await importAdvisoriesIntoDb(ctx, { path: dir });
});
afterAll(async () => {
  await db?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function expected(f: SupplyChainFinding, seq: number, summaries: ReadonlyMap<string, string | null>) {
  return {
    seq,
    component_ref: f.componentRef,
    purl: f.purl,
    name: f.name,
    version: f.version,
    ecosystem: f.ecosystem,
    advisory_id: f.advisoryId,
    aliases: f.aliases,
    summary: summaries.get(f.advisoryId) ?? null,
    severity: f.severity,
    score: f.score,
    vector: f.vector,
    fixed_version: f.fixedVersion,
    path: { refs: f.path, names: f.pathNames },
    depth: f.depth,
    direct: f.direct,
    category: f.category,
    suppressed: f.suppressed,
  };
}

async function allFindings(analysisId: string, page: { severity?: string; category?: number } = {}): Promise<FindingRow[]> {
  const out: FindingRow[] = [];
  for (;;) {
    const rows = await listFindings(db, analysisId, { ...page, afterSeq: out.at(-1)?.seq ?? 0, limit: 2 });
    if (rows.length === 0) return out;
    out.push(...rows);
  }
}

describe('stored findings read back as computed', () => {
  it('every field of every finding, across pages, and under the severity and category filters', async () => {
    const doc = JSON.parse(
      cycloneDxSbom({ name: 'Gateway', version: '1.0' }, [
        { name: 'alpha', version: '1.2.0' },
        { name: 'beta', version: '1.0.0' },
        { name: 'gamma', version: '0.1.0' },
        { name: 'alpha', version: '2.5.0' },
        { name: 'delta', version: '1.0.0' },
      ]).toString('utf8'),
    ) as { components: { supplier: { name: string } }[] };
    // The product's supplier ships beta and gamma itself: Art. 4(1) findings beside 4(2) ones.
    doc.components[1]!.supplier.name = 'Acme';
    doc.components[2]!.supplier.name = 'Acme';
    const content = Buffer.from(JSON.stringify(doc));
    const vex = parseVexDocument(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000002',
        vulnerabilities: [{ id: 'CVE-2099-0104', analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'Never "loaded", really.' }, affects: [{ ref: 'pkg:npm/beta' }] }],
      },
      'gateway.vex.json',
    ).statements;
    const now = new Date('2099-07-01T00:00:00Z');
    const r = await ingestSbom({ ...ctx, now: () => now }, { content, vex });

    const advisories = (await db.query<{ osv: Advisory }>('SELECT osv FROM advisories')).rows.map((x) => x.osv);
    const summaries = new Map((await db.query<{ id: string; summary: string | null }>('SELECT id, summary FROM advisories')).rows.map((x) => [x.id, x.summary]));
    const computed = analyzeSbom(parseSbom(content), new AdvisoryIndex(advisories), { now, vex }).findings;
    expect(computed.length).toBe(r.findings);
    expect(computed.length).toBeGreaterThanOrEqual(5);
    expect(computed.some((f) => f.suppressed !== null)).toBe(true);
    expect(new Set(computed.map((f) => f.category))).toEqual(new Set([1, 2]));

    const want = computed.map((f, i) => expected(f, i + 1, summaries));
    const got = await allFindings(r.analysisId);
    expect(got).toEqual(want);
    expect(await allFindings(r.analysisId, { severity: 'medium' })).toEqual(want.filter((f) => f.severity === 'medium'));
    expect(await allFindings(r.analysisId, { category: 1 })).toEqual(want.filter((f) => f.category === 1));
    expect(await allFindings(r.analysisId, { category: 2 })).toEqual(want.filter((f) => f.category === 2));
  });
});
