import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import type { CaseRow } from '../../src/db/repos/cases.ts';
import { loadCaseForActor } from '../../src/services/cases/transition-case.ts';
import { planActivity } from '../../src/services/assessment/plan-activity.ts';
import { changeFindingStatus } from '../../src/services/assessment/change-finding-status.ts';
import { citeClauses } from '../../src/services/assessment/cite-clauses.ts';
import { getFinding, listCaseFindings } from '../../src/services/assessment/list-findings.ts';
import { acceptUndertaking } from '../../src/services/cases/accept-undertaking.ts';
import { importSarif } from '../../src/services/assessment/import-sarif.ts';
import { listInformationRequests } from '../../src/services/assessment/list-information-requests.ts';
import { getEvidenceCustody } from '../../src/services/assessment/evidence-custody.ts';
import { blobPath } from '../../src/storage/blobs.ts';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { ctxFor, systemCtx } from '../factories.ts';
import { act, dbFingerprint, manualClock, refusal, uploadAs } from '../factories-extra.ts';
import { buildCaseInAssessment } from '../factories-assessment.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/sarif/${name}`, import.meta.url));

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
let c: CaseRow;
const clock = manualClock('2026-03-02T02:00:00Z');

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db, undefined, clock.now);
  ({ p, c } = await buildCaseInAssessment(base));
});
afterAll(async () => db?.dispose());

async function as<T>(actor: ActorContext['actor'], fn: (ctx: ActorContext, loaded: Awaited<ReturnType<typeof loadCaseForActor>>) => Promise<T>): Promise<T> {
  const ctx = ctxFor(base, actor);
  return fn(ctx, await loadCaseForActor(ctx, c.id));
}

describe('SARIF import', () => {
  it('turns each result into a finding pointing at the SARIF log kept as evidence', async () => {
    const bytes = fixture('firmware-scan.sarif.json');
    const r = await as(p.assessor, (ctx, l) => importSarif(ctx, l, { filename: 'firmscan.sarif', category: 1 }, bytes));
    expect(r).toMatchObject({ tools: ['FirmScan', 'NetProbe'], skipped: 1 });
    expect(r.findingIds).toHaveLength(4);
    expect(r.evidence).toMatchObject({ kind: 'sarif', media_type: 'application/sarif+json', sha256: createHash('sha256').update(bytes).digest('hex') });
    const all = await as(p.office, (ctx, l) => listCaseFindings(ctx, l));
    const imported = all.filter((f) => f.evidence_id === r.evidence.id);
    expect(imported.map((f) => [f.severity, f.status, f.category])).toEqual([['critical', 'open', 1], ['medium', 'open', 1], ['low', 'open', 1], ['high', 'open', 1]]);
    expect(imported[0]).toMatchObject({ title: "FS001: Hard-coded password for account 'admin' in /etc/shadow.", method: 'lab_testing' });
    expect(imported[0]!.description).toContain('at rootfs/etc/shadow:3:1');
    expect(imported[0]!.source).toMatchObject({ format: 'sarif-2.1.0', tool: 'FirmScan', ruleId: 'FS001', level: 'error' });
    const custody = await as(p.office, (ctx, l) => getEvidenceCustody(ctx, l, r.evidence.id));
    expect(custody.events.map((e) => e.type)).toEqual(['evidence.added']);
  });

  it('refuses a file that is not SARIF 2.1.0 with a precise error, storing nothing', async () => {
    const before = await dbFingerprint(db);
    const notSarif = Buffer.from(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'A' }] }] }));
    const e = await refusal(as(p.assessor, (ctx, l) => importSarif(ctx, l, { filename: 'bad.sarif' }, notSarif)));
    expect(e.code).toBe('invalid_document');
    expect(e.extra.errors).toEqual([{ path: '/runs/0/results/0/message', message: 'required: an object with "text" or "id"' }]);
    expect(existsSync(blobPath(base.blobDir, createHash('sha256').update(notSarif).digest('hex')))).toBe(false);
    const cdx = readFileSync(new URL('../../src/supply-chain/advisories/fixtures/cyclonedx/example-vex.json', import.meta.url));
    expect((await refusal(as(p.assessor, (ctx, l) => importSarif(ctx, l, { filename: 'vex.json' }, cdx)))).code).toBe('invalid_document');
    expect((await refusal(as(p.supplier, (ctx, l) => importSarif(ctx, l, { filename: 'x.sarif' }, fixture('clean-scan.sarif.json'))))).code).toBe('forbidden');
    expect(await dbFingerprint(db)).toEqual(before);
  });
});

describe('findings in depth', () => {
  let findingId = '';

  it('cites clauses of loaded catalogues, and names each unknown clause', async () => {
    await act(base, p.assessor, c.id, 'record_finding', { category: 3, severity: 'high', title: 'Telemetry uploads contacts without consent' });
    const f = (await as(p.office, (ctx, l) => listCaseFindings(ctx, l))).find((x) => x.title.startsWith('Telemetry'))!;
    findingId = f.id;
    const cited = await as(p.assessor, (ctx, l) => citeClauses(ctx, l, f.id, { clauses: [{ catalogueId: 'gbt-35273-2020', clauseId: 's5.4' }, { catalogueId: 'gbt-32921-2016', clauseId: 's5.1' }] }));
    expect(cited.clauses.map((x) => [x.catalogue_id, x.label, x.title_zh])).toEqual([['gbt-32921-2016', '5.1', '仅在用户知情同意下、为明示目的收集用户信息'], ['gbt-35273-2020', '5.4', '取得授权同意']]);
    const before = await dbFingerprint(db);
    const e = await refusal(as(p.assessor, (ctx, l) => citeClauses(ctx, l, f.id, { clauses: [{ catalogueId: 'gbt-35273-2020', clauseId: 's5.3' }, { catalogueId: 'gbt-35273-2020', clauseId: 's99' }, { catalogueId: 'iso-27001', clauseId: 'a.5' }] })));
    expect(e.code).toBe('validation_failed');
    expect(e.extra.errors).toEqual([
      { path: '/body/clauses/1', message: 'no clause "s99" in a loaded catalogue "gbt-35273-2020"' },
      { path: '/body/clauses/2', message: 'no clause "a.5" in a loaded catalogue "iso-27001"' },
    ]);
    expect(await dbFingerprint(db)).toEqual(before);
  });

  it('records a finding with its activity and clauses in one lifecycle step, or refuses an unknown clause changing nothing', async () => {
    const activity = await as(p.assessor, (ctx, l) => planActivity(ctx, l, { method: 'online_monitoring', title: 'Traffic capture', scope: 'WAN port, 7 days' }));
    await act(base, p.assessor, c.id, 'record_finding', {
      category: 1, severity: 'critical', title: 'Undocumented remote shell', activityId: activity.id,
      clauses: [{ catalogueId: 'gbt-32921-2016', clauseId: 's5.2' }, { catalogueId: 'gbt-32921-2016', clauseId: 's5.2' }, { catalogueId: 'gbt-22239-2019', clauseId: 's8.1.3' }],
    });
    const f = (await as(p.office, (ctx, l) => listCaseFindings(ctx, l))).find((x) => x.title === 'Undocumented remote shell')!;
    expect(f.activity_id).toBe(activity.id);
    expect(f.clauses.map((x) => `${x.catalogue_id} ${x.label}`)).toEqual(['gbt-22239-2019 8.1.3', 'gbt-32921-2016 5.2']);
    const before = await dbFingerprint(db);
    const e = await refusal(act(base, p.assessor, c.id, 'record_finding', { category: 1, severity: 'low', title: 'x', clauses: [{ catalogueId: 'gbt-32921-2016', clauseId: 's5.2' }, { catalogueId: 'gbt-32921-2016', clauseId: 's7.7' }] }));
    expect(e.code).toBe('validation_failed');
    expect(e.extra.errors).toEqual([{ path: '/body/clauses/1', message: 'no clause "s7.7" in a loaded catalogue "gbt-32921-2016"' }]);
    const e2 = await refusal(act(base, p.assessor, c.id, 'record_finding', { category: 1, severity: 'low', title: 'x', activityId: '6f1c2b1e-8d0a-4c1e-9b7a-3e2f1d0c9b8a' }));
    expect(e2.extra.errors).toEqual([{ path: '/body/activityId', message: 'unknown activity' }]);
    expect(await dbFingerprint(db)).toEqual(before);
  });

  it('moves status along the table with who, when and why in the history', async () => {
    await as(p.assessor, (ctx, l) => changeFindingStatus(ctx, l, findingId, { status: 'mitigating', reason: 'Supplier ships a consent dialog in 4.2.2' }));
    clock.set('2026-03-03T02:00:00Z');
    await as(p.office, (ctx, l) => changeFindingStatus(ctx, l, findingId, { status: 'accepted', reason: 'Residual risk accepted pending 4.2.2' }));
    // Art. 12: the expert reads findings only after accepting the undertaking.
    expect((await refusal(as(p.expert, (ctx, l) => getFinding(ctx, l, findingId)))).code).toBe('undertaking_required');
    expect((await refusal(as(p.expert, (ctx, l) => listCaseFindings(ctx, l)))).code).toBe('undertaking_required');
    await as(p.expert, (ctx, l) => acceptUndertaking(ctx, l));
    const { finding, history } = await as(p.expert, (ctx, l) => getFinding(ctx, l, findingId));
    expect(finding.status).toBe('accepted');
    expect(history.map((h) => [h.from_status, h.to_status, h.changed_by, h.reason])).toEqual([
      ['open', 'mitigating', p.assessor.userId, 'Supplier ships a consent dialog in 4.2.2'],
      ['mitigating', 'accepted', p.office.userId, 'Residual risk accepted pending 4.2.2'],
    ]);
  });

  it('refuses an illegal status change or the wrong party, changing nothing', async () => {
    const before = await dbFingerprint(db);
    const illegal = await refusal(as(p.assessor, (ctx, l) => changeFindingStatus(ctx, l, findingId, { status: 'closed', reason: 'done' })));
    expect(illegal.code).toBe('illegal_status_change');
    expect(illegal.extra.allowed).toEqual(['open']);
    expect((await refusal(as(p.supplier, (ctx, l) => changeFindingStatus(ctx, l, findingId, { status: 'open', reason: 'no' })))).code).toBe('forbidden');
    expect((await refusal(as(p.assessor, (ctx, l) => changeFindingStatus(ctx, l, findingId, { status: 'fixed', reason: 'x' })))).code).toBe('validation_failed');
    expect((await refusal(as(p.assessor, (ctx, l) => changeFindingStatus(ctx, l, findingId, { status: 'open' })))).code).toBe('validation_failed');
    expect(await dbFingerprint(db)).toEqual(before);
  });

  it('filters findings by status', async () => {
    const open = await as(p.office, (ctx, l) => listCaseFindings(ctx, l, { status: ['accepted'] }));
    expect(open.map((f) => f.id)).toEqual([findingId]);
  });
});

describe('information requests with due dates', () => {
  it('pauses the clock while open, shows overdue past the due date, and refuses a past due date', async () => {
    const before = await dbFingerprint(db);
    const e = await refusal(act(base, p.assessor, c.id, 'request_supplement', { request: 'Source of the telemetry SDK', dueDate: '2026-03-01' }));
    expect(e.code).toBe('validation_failed');
    expect(await dbFingerprint(db)).toEqual(before);
    await act(base, p.assessor, c.id, 'request_supplement', { request: 'Source of the telemetry SDK', dueDate: '2026-03-10' });
    let list = await as(p.supplier, (ctx, l) => listInformationRequests(ctx, l));
    expect(list.at(-1)).toMatchObject({ dueDate: '2026-03-10', overdue: false, answeredAt: null });
    clock.set('2026-03-12T02:00:00Z');
    list = await as(p.office, (ctx, l) => listInformationRequests(ctx, l));
    expect(list.at(-1)).toMatchObject({ overdue: true, daysOverdue: 2 });
    await uploadAs(base, p.supplier, c.id);
    await act(base, p.supplier, c.id, 'provide_supplement', {});
    list = await as(p.office, (ctx, l) => listInformationRequests(ctx, l));
    expect(list.at(-1)).toMatchObject({ overdue: false });
    expect(list.at(-1)!.answeredAt).not.toBeNull();
  });
});
