/**
 * The writes the scenario measures (`queries_per_request_max` ≤ 4, issue 2) each keep their change
 * and its audit event in one statement. These tests pin the statement counts and prove the folded
 * checks still refuse with nothing written.
 */
import { existsSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import type { CaseRow, LoadedCase } from '../../src/db/repos/cases.ts';
import { findActivity } from '../../src/db/repos/assessment.ts';
import { listFindings } from '../../src/db/repos/findings.ts';
import { planActivity } from '../../src/services/assessment/plan-activity.ts';
import { importSarif } from '../../src/services/assessment/import-sarif.ts';
import { exportCaseOscal } from '../../src/services/assessment/export-oscal.ts';
import { proposePanelMembers } from '../../src/services/panel/propose-panel-members.ts';
import { uploadMaterial } from '../../src/services/materials/upload-material.ts';
import { blobPath } from '../../src/storage/blobs.ts';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, ctxFor, systemCtx } from '../factories.ts';
import { act, driveTo, load, refusedUnchanged, uploadAs } from '../factories-extra.ts';
import { buildCaseInAssessment } from '../factories-assessment.ts';
import { buildExperts } from '../factories-panel.ts';

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
let c: CaseRow;

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db);
  ({ p, c } = await buildCaseInAssessment(base));
});
afterAll(async () => db?.dispose());

/** Runs a service call on an already-loaded case, answering its result and the statements it ran. */
async function counted<T>(call: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = db.stats.statements;
  const result = await call();
  return { result, statements: db.stats.statements - before };
}

const sarif = (tool: string) =>
  Buffer.from(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: tool } }, results: [{ ruleId: 'R1', level: 'error', message: { text: `finding of ${tool}` } }] }] }));
const blobOf = (bytes: Buffer) => blobPath(base.blobDir, createHash('sha256').update(bytes).digest('hex'));

describe('assessment writes', () => {
  it('plans an activity in two statements, answering the row findActivity reads', async () => {
    const loaded = await load(base, p.assessor, c.id);
    const { result, statements } = await counted(() => planActivity(ctxFor(base, p.assessor), loaded, { method: 'lab_test', title: 'TLS test', scope: 'Management interface', people: [p.assessor.userId] }));
    expect(statements).toBe(2);
    expect(result).toEqual(await findActivity(db, c.id, result.id));
    expect(result.people).toEqual([{ user_id: p.assessor.userId, display_name: expect.any(String) }]);
    const ev = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'assessment.activity_planned' AND subject_id = $1`, [result.id]);
    expect(ev.rows[0]!.n).toBe(1);
  });

  it('imports SARIF in two statements, with the evidence and both audit events', async () => {
    const loaded = await load(base, p.assessor, c.id);
    const activity = await planActivity(ctxFor(base, p.assessor), loaded, { method: 'lab_test', title: 'Scan', scope: 'Firmware' });
    const { result, statements } = await counted(() => importSarif(ctxFor(base, p.assessor), loaded, { filename: 'ok.sarif', activityId: activity.id }, sarif('ToolOk')));
    expect(statements).toBe(2);
    const f = (await listFindings(db, c.id)).filter((x) => x.evidence_id === result.evidence.id);
    expect(f.map((x) => [x.title, x.activity_id])).toEqual([['R1: finding of ToolOk', activity.id]]);
    const types = await db.query<{ type: string }>('SELECT type FROM audit_events WHERE subject_id = $1 ORDER BY seq', [result.evidence.id]);
    expect(types.rows.map((r) => r.type)).toEqual(['evidence.added', 'findings.imported']);
  });

  it('refuses a SARIF import naming no activity of the case, storing nothing', async () => {
    const bytes = sarif('ToolBadActivity');
    const e = await refusedUnchanged(db, async () => importSarif(ctxFor(base, p.assessor), await load(base, p.assessor, c.id), { filename: 'x.sarif', activityId: randomUUID() }, bytes));
    expect(e.code).toBe('validation_failed');
    expect(e.extra.errors).toEqual([{ path: '/query/activityId', message: 'unknown activity' }]);
    expect(existsSync(blobOf(bytes))).toBe(false);
  });

  it('refuses a SARIF import once the case left assessment meanwhile, storing nothing', async () => {
    const stale: LoadedCase = await load(base, p.assessor, c.id);
    await act(base, p.assessor, c.id, 'request_supplement', { request: 'Send the SBOM.' });
    const bytes = sarif('ToolLate');
    const e = await refusedUnchanged(db, () => importSarif(ctxFor(base, p.assessor), stale, { filename: 'late.sarif' }, bytes));
    expect(e.code).toBe('conflict');
    expect(existsSync(blobOf(bytes))).toBe(false);
    await uploadAs(base, p.supplier, c.id);
    await act(base, p.supplier, c.id, 'provide_supplement', { note: 'Sent.' });
  });

  it('exports OSCAL in one statement with the findings in their order', async () => {
    const loaded = await load(base, p.assessor, c.id);
    const { result, statements } = await counted(() => exportCaseOscal(ctxFor(base, p.assessor), loaded, 'assessment-results'));
    expect(statements).toBe(1);
    const results = (result['assessment-results'] as { results: { findings?: { title: string }[] }[] }).results;
    expect(results.flatMap((r) => r.findings ?? []).map((x) => x.title)).toEqual((await listFindings(db, c.id)).map((x) => x.title));
  });
});

describe('an SBOM upload', () => {
  it('writes the material, its audit event, the queued analysis and its job in one statement', async () => {
    const loaded = await load(base, p.supplier, c.id);
    const sbom = Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: `urn:uuid:${randomUUID()}`, components: [] }));
    const meta = { filename: 'x.cdx.json', kind: 'sbom', authenticityStatement: 'We attest this material is authentic.' };
    const { result, statements } = await counted(() => uploadMaterial(ctxFor(base, p.supplier), loaded, meta, sbom));
    expect(statements).toBe(1);
    const analysis = await db.query<{ id: string; state: string }>('SELECT id, state FROM sbom_analyses WHERE material_id = $1', [result.id]);
    expect(analysis.rows.map((r) => r.state)).toEqual(['queued']);
    const jobs = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE payload->>'analysisId' = $1 AND payload->>'materialId' = $2`, [analysis.rows[0]!.id, result.id]);
    expect(jobs.rows[0]!.n).toBe(1);
    const doc = await uploadMaterial(ctxFor(base, p.supplier), loaded, { ...meta, kind: 'documentation', filename: 'd.pdf' }, Buffer.from(`doc ${randomUUID()}`));
    expect((await db.query('SELECT 1 FROM sbom_analyses WHERE material_id = $1', [doc.id])).rows).toEqual([]);
  });
});

describe('panel formation', () => {
  it('forms a panel in two statements, and refuses an unknown seat with nothing written', async () => {
    const experts = await buildExperts(base, 3);
    const row = await buildCase(base, p);
    await driveTo(base, p, row.id, 'planning');
    const ids = experts.map((x) => x.userId);
    const e = await refusedUnchanged(db, async () => proposePanelMembers(ctxFor(base, p.office), await load(base, p.office, row.id), { expertUserIds: [ids[0], ids[1], randomUUID()] }));
    expect(e.extra.errors).toEqual([{ path: '/body/expertUserIds/2', message: 'unknown user' }]);
    const loaded = await load(base, p.office, row.id);
    const { result, statements } = await counted(() => proposePanelMembers(ctxFor(base, p.office), loaded, { expertUserIds: ids }));
    expect(statements).toBe(2);
    const members = await db.query<{ user_id: string }>('SELECT user_id FROM expert_panel_members WHERE panel_id = $1 ORDER BY user_id', [result.panelId]);
    expect(members.rows.map((m) => m.user_id)).toEqual([...ids].sort());
    const onCase = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_members WHERE case_id = $1 AND role = 'expert'`, [row.id]);
    expect(onCase.rows[0]!.n).toBe(3);
  });
});
