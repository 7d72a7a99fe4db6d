import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import type { CaseRow } from '../../src/db/repos/cases.ts';
import { loadCaseForActor } from '../../src/services/cases/transition-case.ts';
import { planActivity } from '../../src/services/assessment/plan-activity.ts';
import { updateActivity } from '../../src/services/assessment/update-activity.ts';
import { getAssessmentPlan } from '../../src/services/assessment/get-assessment-plan.ts';
import { addEvidence } from '../../src/services/assessment/add-evidence.ts';
import { readEvidence } from '../../src/services/assessment/read-evidence.ts';
import { getEvidenceCustody, sealEvidence, transferEvidence } from '../../src/services/assessment/evidence-custody.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { blobPath } from '../../src/storage/blobs.ts';
import { existsSync } from 'node:fs';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildUser, ctxFor, systemCtx } from '../factories.ts';
import { dbFingerprint, refusal } from '../factories-extra.ts';
import { buildCaseInAssessment, undertake } from '../factories-assessment.ts';

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

async function as<T>(actor: ActorContext['actor'], fn: (ctx: ActorContext, loaded: Awaited<ReturnType<typeof loadCaseForActor>>) => Promise<T>): Promise<T> {
  const ctx = ctxFor(base, actor);
  return fn(ctx, await loadCaseForActor(ctx, c.id));
}

describe('the assessment plan (Art. 3 methods)', () => {
  it('the assessor plans activities with scope, dates and its own staff; the plan is read by office, experts and supplier', async () => {
    const colleague = await buildUser(base, 'third_party_assessor', { orgId: p.assessor.orgId });
    const a = await as(p.assessor, (ctx, l) => planActivity(ctx, l, { method: 'lab_test', title: 'Firmware analysis', scope: 'Router firmware 4.2.1 image', plannedStart: '2026-03-01', plannedEnd: '2026-03-10', people: [p.assessor.userId, colleague.userId] }));
    expect(a).toMatchObject({ method: 'lab_test', status: 'planned', planned_start: '2026-03-01', planned_end: '2026-03-10' });
    expect(a.people.map((x) => x.user_id).sort()).toEqual([p.assessor.userId, colleague.userId].sort());
    await as(p.assessor, (ctx, l) => planActivity(ctx, l, { method: 'background_investigation', title: 'Ownership of the supplier', scope: 'Shareholders and contractors' }));
    for (const reader of [p.office, p.expert, p.supplier, p.committee]) {
      const plan = await as(reader, (ctx, l) => getAssessmentPlan(ctx, l));
      expect(plan.activities.map((x) => x.method)).toEqual(['lab_test', 'background_investigation']);
    }
    expect((await as(p.supplier, (ctx, l) => getAssessmentPlan(ctx, l))).evidence).toBeNull();
  });

  it('moves an activity only along its status table, recording actual dates', async () => {
    const a = await as(p.assessor, (ctx, l) => planActivity(ctx, l, { method: 'on_site_check', title: 'Factory visit', scope: 'Assembly line' }));
    const started = await as(p.assessor, (ctx, l) => updateActivity(ctx, l, a.id, { status: 'in_progress', actualStart: '2026-03-02' }));
    expect(started).toMatchObject({ status: 'in_progress', actual_start: '2026-03-02' });
    const done = await as(p.assessor, (ctx, l) => updateActivity(ctx, l, a.id, { status: 'completed', actualEnd: '2026-03-03' }));
    expect(done.status).toBe('completed');
    const before = await dbFingerprint(db);
    const e = await refusal(as(p.assessor, (ctx, l) => updateActivity(ctx, l, a.id, { status: 'planned' })));
    expect(e.code).toBe('illegal_status_change');
    expect(e.extra.allowed).toEqual([]);
    expect(await dbFingerprint(db)).toEqual(before);
  });

  it('refuses bad plans and other parties, changing nothing', async () => {
    const outsider = await buildUser(base, 'third_party_assessor');
    const before = await dbFingerprint(db);
    const bad: [ActorContext['actor'], unknown, string][] = [
      [p.assessor, { method: 'guesswork', title: 't', scope: 's' }, 'validation_failed'],
      [p.assessor, { method: 'lab_test', title: 't', scope: 's', plannedStart: '2026-03-10', plannedEnd: '2026-03-01' }, 'validation_failed'],
      [p.assessor, { method: 'lab_test', title: 't', scope: 's', people: [outsider.userId] }, 'validation_failed'],
      [p.assessor, { method: 'lab_test', title: 't', scope: 's', extra: 1 }, 'validation_failed'],
      [p.office, { method: 'lab_test', title: 't', scope: 's' }, 'forbidden'],
      [p.supplier, { method: 'lab_test', title: 't', scope: 's' }, 'forbidden'],
      [outsider, { method: 'lab_test', title: 't', scope: 's' }, 'not_found'],
    ];
    for (const [actor, body, code] of bad) expect((await refusal(as(actor, (ctx, l) => planActivity(ctx, l, body)))).code, JSON.stringify(body)).toBe(code);
    expect(await dbFingerprint(db)).toEqual(before);
  });
});

describe('evidence and its chain of custody', () => {
  let evidenceId = '';
  const content = Buffer.from('nmap scan output\n22/tcp open ssh\n23/tcp open telnet\n');

  it('only the assigned assessor adds evidence, stored by sha256 with who and when', async () => {
    const plan = await as(p.assessor, (ctx, l) => getAssessmentPlan(ctx, l));
    const e = await as(p.assessor, (ctx, l) => addEvidence(ctx, l, { filename: 'nmap.txt', kind: 'tool_output', mediaType: 'text/plain', activityId: plan.activities[0]!.id }, content));
    evidenceId = e.id;
    expect(e).toMatchObject({ sha256: createHash('sha256').update(content).digest('hex'), added_by: p.assessor.userId, custodian_user_id: p.assessor.userId, size_bytes: content.length });
    expect(existsSync(blobPath(base.blobDir, e.sha256))).toBe(true);
    for (const other of [p.office, p.expert, p.supplier]) expect((await refusal(as(other, (ctx, l) => addEvidence(ctx, l, { filename: 'x.txt', kind: 'log' }, content)))).code).toBe('forbidden');
  });

  it('reads need the Art. 12 undertaking and are custody events; the supplier cannot read', async () => {
    expect((await refusal(as(p.expert, (ctx, l) => readEvidence(ctx, l, evidenceId)))).code).toBe('undertaking_required');
    expect((await refusal(as(p.supplier, (ctx, l) => readEvidence(ctx, l, evidenceId)))).code).toBe('forbidden');
    await undertake(base, p.expert, c.id);
    const r = await as(p.expert, (ctx, l) => readEvidence(ctx, l, evidenceId));
    const chunks: Buffer[] = [];
    for await (const ch of r.stream) chunks.push(ch as Buffer);
    expect(Buffer.concat(chunks)).toEqual(content);
  });

  it('transfers custody to the Office, seals, and then refuses further transfer', async () => {
    const before = await dbFingerprint(db);
    expect((await refusal(as(p.assessor, (ctx, l) => transferEvidence(ctx, l, evidenceId, { toUserId: p.supplier.userId, reason: 'hand over' })))).code).toBe('validation_failed');
    expect(await dbFingerprint(db)).toEqual(before);
    const moved = await as(p.assessor, (ctx, l) => transferEvidence(ctx, l, evidenceId, { toUserId: p.office.userId, reason: 'For the Office file' }));
    expect(moved.custodian_user_id).toBe(p.office.userId);
    const sealed = await as(p.assessor, (ctx, l) => sealEvidence(ctx, l, evidenceId));
    expect(sealed.sealed_at).not.toBeNull();
    const after = await dbFingerprint(db);
    expect((await refusal(as(p.office, (ctx, l) => transferEvidence(ctx, l, evidenceId, { toUserId: p.assessor.userId, reason: 'back' })))).code).toBe('conflict');
    expect((await refusal(as(p.assessor, (ctx, l) => sealEvidence(ctx, l, evidenceId)))).code).toBe('conflict');
    expect(await dbFingerprint(db)).toEqual(after);
    const log = await as(p.office, (ctx, l) => getEvidenceCustody(ctx, l, evidenceId));
    expect(log.events.map((x) => x.type)).toEqual(['evidence.added', 'evidence.viewed', 'evidence.transferred', 'evidence.sealed']);
    expect(log.events[2]!.data).toMatchObject({ fromUserId: p.assessor.userId, toUserId: p.office.userId, reason: 'For the Office file' });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
