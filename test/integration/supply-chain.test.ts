import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorContext } from '../../src/domain/actor.ts';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, ctxFor, systemCtx } from '../factories.ts';
import { auditEventsAfter, auditHeadSeq, refusal } from '../factories-extra.ts';
import { cycloneDxSbom, osvRecord, osvTree, uploadSbomAs } from '../factories-supply-chain.ts';
import { requireSharedData, sharedPath } from '../shared-data.ts';
import { importAdvisoriesIntoDb } from '../../src/services/supply-chain/import-advisories.ts';
import { ingestSbom } from '../../src/services/supply-chain/ingest-sbom.ts';
import { runPendingJobs } from '../../src/services/jobs/run-pending-jobs.ts';
import { startJobWorker } from '../../src/jobs/worker.ts';
import { findAnalysis, listFindings } from '../../src/db/repos/sbom-analyses.ts';
import { listImpacts } from '../../src/db/repos/portfolio.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let ctx: ActorContext;
let p: Parties;
const dirs: string[] = [];

beforeAll(async () => {
  db = await openTestDb();
  ctx = systemCtx(db);
  p = await buildParties(ctx);
});
afterAll(async () => {
  await db?.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: number }>(sql, params as never)).rows[0]?.n);
}

describe('supply-chain ingest, advisories and portfolio impact', () => {
  const lodashVuln = { id: 'GHSA-test-lodash', pkg: 'lodash', fixed: '4.17.21', aliases: ['CVE-2099-0001'], severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' };

  it('imports a tree of advisories, skipping what is not one, and re-imports idempotently', async () => {
    const dir = osvTree([lodashVuln]);
    dirs.push(dir);
    const first = await importAdvisoriesIntoDb(ctx, { path: dir });
    expect(first).toMatchObject({ imported: 1, created: 1, unchanged: 0, skipped: 1, affectedProducts: 0 });
    const again = await importAdvisoriesIntoDb(ctx, { path: dir });
    expect(again).toMatchObject({ imported: 0, unchanged: 1 });
    expect(await count("SELECT count(*)::int AS n FROM advisory_packages ap JOIN sc_packages p ON p.id = ap.package_id WHERE p.ecosystem = 'npm' AND p.name = 'lodash'")).toBe(1);
  });

  it('refuses a missing path with a precise error and changes nothing', async () => {
    const before = await auditHeadSeq(db);
    const e = await refusal(importAdvisoriesIntoDb(ctx, { path: '/nonexistent/advisories' }));
    expect(e.code).toBe('validation_failed');
    expect(await auditHeadSeq(db)).toBe(before);
  });

  let firstPv = 0;
  it('ingests an SBOM: components in the portfolio, findings stored, impact recorded, audited, in one go', async () => {
    const before = await auditHeadSeq(db);
    const sbom = cycloneDxSbom({ name: 'Gateway', version: '1.0' }, [
      { name: 'lodash', version: '4.17.20' },
      { name: 'left-pad', version: '1.1.0' },
      { name: 'lodash', version: '4.17.20' },
    ]);
    const r = await ingestSbom(ctx, { content: sbom });
    firstPv = r.productVersionId;
    // Two entries of the same package and version: two findings, one portfolio row.
    expect(r).toMatchObject({ components: 3, indexedComponents: 2, findings: 2, advisoriesConsidered: 1 });
    expect(await count('SELECT count(*)::int AS n FROM portfolio_components WHERE product_version_id = $1', [r.productVersionId])).toBe(2);
    const analysis = await findAnalysis(db, r.analysisId);
    expect(analysis).toMatchObject({ state: 'succeeded', component_count: 3, finding_count: 2, format: 'cyclonedx-json' });
    const findings = await listFindings(db, r.analysisId, { afterSeq: 0, limit: 10 });
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ advisory_id: 'GHSA-test-lodash', name: 'lodash', version: '4.17.20', fixed_version: '4.17.21', severity: 'critical', category: 2, direct: true });
    expect(findings[0]?.aliases).toContain('CVE-2099-0001');
    expect(findings[0]?.path).toEqual({ refs: ['root', findings[0]!.component_ref], names: ['Gateway', 'lodash'] });
    expect((await listImpacts(db, 'GHSA-test-lodash', false)).map((i) => i.product_version_id)).toEqual([r.productVersionId]);
    const events = await auditEventsAfter(db, before);
    expect(events.map((e) => e.type)).toEqual(['sbom.analysed']);
  });

  it('a new advisory finds the product versions that hold its package, and only those in range', async () => {
    const fixed = await ingestSbom(ctx, { content: cycloneDxSbom({ name: 'Gateway', version: '2.0' }, [{ name: 'lodash', version: '4.17.21' }, { name: 'left-pad', version: '1.3.0' }]) });
    const dir = osvTree([lodashVuln, { id: 'GHSA-test-leftpad', pkg: 'left-pad', introduced: '1.0.0', fixed: '1.2.0' }]);
    dirs.push(dir);
    const r = await importAdvisoriesIntoDb(ctx, { path: dir });
    expect(r).toMatchObject({ imported: 1, created: 1, unchanged: 1, affectedProducts: 1 });
    expect((await listImpacts(db, 'GHSA-test-leftpad', false)).map((i) => i.product_version_id)).toEqual([firstPv]);

    // The lodash advisory widens to 4.17.21: the second product version is hit too.
    writeFileSync(join(dir, 'npm', 'GHSA-test-lodash.json'), JSON.stringify(osvRecord({ ...lodashVuln, fixed: '4.17.22', modified: '2026-02-01T00:00:00Z' })));
    const widened = await importAdvisoriesIntoDb(ctx, { path: dir });
    expect(widened).toMatchObject({ imported: 1, changed: 1, affectedProducts: 1 });
    expect((await listImpacts(db, 'GHSA-test-lodash', false)).map((i) => i.product_version_id).sort()).toEqual([firstPv, fixed.productVersionId].sort());

    // Withdrawn: every open impact is set aside, none deleted.
    writeFileSync(join(dir, 'npm', 'GHSA-test-lodash.json'), JSON.stringify(osvRecord({ ...lodashVuln, fixed: '4.17.22', modified: '2026-03-01T00:00:00Z', withdrawn: '2026-03-01T00:00:00Z' })));
    const withdrawn = await importAdvisoriesIntoDb(ctx, { path: dir });
    expect(withdrawn).toMatchObject({ imported: 1, withdrawn: 1, impactsSuperseded: 2 });
    expect(await listImpacts(db, 'GHSA-test-lodash', false)).toEqual([]);
    expect((await listImpacts(db, 'GHSA-test-lodash', true)).map((i) => i.superseded_reason)).toEqual(['withdrawn', 'withdrawn']);
  });

  it('an unreadable SBOM is refused before anything is stored', async () => {
    const before = await count('SELECT count(*)::int AS n FROM product_versions');
    const e = await refusal(ingestSbom(ctx, { content: '{"bomFormat": "CycloneDX", "components": [' }));
    expect(e.code).toBe('validation_failed');
    expect(e.message).toMatch(/cannot be read/);
    expect(await count('SELECT count(*)::int AS n FROM product_versions')).toBe(before);
  });
});

describe('analysis job on SBOM upload', () => {
  it('queues an analysis with the upload and runs it to completion', async () => {
    const c = await buildCase(ctx, p);
    const m = await uploadSbomAs(ctx, p.supplier, c.id, cycloneDxSbom({ name: 'Router', version: '3' }, [{ name: 'left-pad', version: '1.1.0' }]));
    const queued = (await db.query<{ id: string; state: string }>('SELECT id, state FROM sbom_analyses WHERE material_id = $1', [m.id])).rows;
    expect(queued).toMatchObject([{ state: 'queued' }]);
    const summary = await runPendingJobs(ctx);
    expect(summary).toMatchObject({ ran: 1, succeeded: 1, failed: [] });
    const a = await findAnalysis(db, queued[0]!.id);
    expect(a).toMatchObject({ state: 'succeeded', case_id: c.id, finding_count: 1 });
    const pv = (await db.query<{ product_name: string; version: string; case_id: string }>('SELECT product_name, version, case_id FROM product_versions WHERE id = $1', [a!.product_version_id])).rows[0];
    expect(pv).toEqual({ product_name: 'EdgeRouter X9', version: '4.2.1', case_id: c.id });
    expect(await runPendingJobs(ctx)).toMatchObject({ ran: 0 });
  });

  it('records a failed analysis with its error message, audited, and stores nothing of it', async () => {
    const c = await buildCase(ctx, p);
    const m = await uploadSbomAs(ctx, p.supplier, c.id, Buffer.from('this is not an SBOM at all'));
    const before = await auditHeadSeq(db);
    const summary = await runPendingJobs(ctx);
    expect(summary.failed).toHaveLength(1);
    const a = (await db.query<{ state: string; error: string; product_version_id: number | null }>('SELECT state, error, product_version_id FROM sbom_analyses WHERE material_id = $1', [m.id])).rows[0];
    expect(a?.state).toBe('failed');
    expect(a?.error).toMatch(/cannot be read/);
    expect(a?.product_version_id).toBeNull();
    expect((await auditEventsAfter(db, before)).map((e) => e.type)).toEqual(['sbom.analysis_failed']);
    const job = (await db.query<{ state: string; last_error: string }>("SELECT state, last_error FROM jobs WHERE payload->>'materialId' = $1", [m.id])).rows[0];
    expect(job).toMatchObject({ state: 'failed' });
    expect(job?.last_error).toMatch(/cannot be read/);
  });

  it('a later SBOM of the same case replaces the earlier one in impact queries', async () => {
    const c = await buildCase(ctx, p);
    const sbom = (v: string) => cycloneDxSbom({ name: 'Switch', version: v }, [{ name: 'is-odd', version: '1.0.0' }]);
    await uploadSbomAs(ctx, p.supplier, c.id, sbom('1'));
    await runPendingJobs(ctx);
    await uploadSbomAs(ctx, p.supplier, c.id, sbom('2'));
    await runPendingJobs(ctx);
    const pvs = (await db.query<{ id: number; superseded: boolean }>('SELECT id, superseded_at IS NOT NULL AS superseded FROM product_versions WHERE case_id = $1 ORDER BY id', [c.id])).rows;
    expect(pvs.map((x) => x.superseded)).toEqual([true, false]);
    const dir = osvTree([{ id: 'GHSA-test-isodd', pkg: 'is-odd', fixed: '2.0.0' }]);
    dirs.push(dir);
    expect(await importAdvisoriesIntoDb(ctx, { path: dir })).toMatchObject({ created: 1, affectedProducts: 1 });
    expect((await listImpacts(db, 'GHSA-test-isodd', true)).map((i) => i.product_version_id)).toEqual([pvs[1]!.id]);
  });

  it('the server\'s worker runs what the upload queued', async () => {
    const c = await buildCase(ctx, p);
    const m = await uploadSbomAs(ctx, p.supplier, c.id, cycloneDxSbom({ name: 'Hub', version: '1' }, [{ name: 'left-pad', version: '1.1.0' }]));
    const worker = startJobWorker(db, ctx.blobDir, { intervalMs: 3_600_000 });
    worker.wake();
    await worker.stop();
    const a = (await db.query<{ state: string }>('SELECT state FROM sbom_analyses WHERE material_id = $1', [m.id])).rows[0];
    expect(a?.state).toBe('succeeded');
  });

  it('does not queue anything for other material kinds', async () => {
    const c = await buildCase(ctx, p);
    const { uploadAs } = await import('../factories-extra.ts');
    await uploadAs(ctxFor(ctx, p.supplier), p.supplier, c.id);
    expect(await count("SELECT count(*)::int AS n FROM jobs WHERE state = 'queued'")).toBe(0);
  });
});

describe.skipIf(!requireSharedData('supply-chain real data'))('real advisories and a real SBOM', () => {
  it('the Go advisory database and the harp SBOM: imported, ingested, matched, and found again by impact', async () => {
    const r = await importAdvisoriesIntoDb(ctx, { path: sharedPath('osv', 'golang-vulndb') });
    expect(r.imported).toBeGreaterThan(4000);
    expect(r.skipped).toBeGreaterThan(0);
    const ingest = await ingestSbom(ctx, { content: readFileSync(sharedPath('sbom', 'bom-shelter', 'in-the-wild', 'cyclonedx', 'harp-darwin-amd64.sbom.json')) });
    expect(ingest.format).toBe('cyclonedx-json');
    expect(ingest.findings).toBeGreaterThan(0);
    const f = (await listFindings(db, ingest.analysisId, { afterSeq: 0, limit: 1 }))[0]!;
    expect(f.ecosystem).toBe('Go');
    // The same advisory, arriving again as changed, finds this product version through the portfolio alone.
    await db.query("UPDATE advisories SET digest = 'stale' WHERE id = $1", [f.advisory_id]);
    expect((await importAdvisoriesIntoDb(ctx, { path: sharedPath('osv', 'golang-vulndb', 'data', 'osv', `${f.advisory_id}.json`) })).changed).toBe(1);
    expect((await listImpacts(db, f.advisory_id, false)).map((i) => i.product_version_id)).toContain(ingest.productVersionId);
  }, 240_000);
});
