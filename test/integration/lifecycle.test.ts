import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, SqlParam } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import type { CaseState, TransitionAction } from '../../src/domain/lifecycle.ts';
import type { StageClock } from '../../src/domain/clock.ts';
import type { AppError } from '../../src/errors.ts';
import { addWorkingDays } from '../../src/domain/clock.ts';
import { CN_2017, PRC_CALENDAR, TEST_CLOCKS } from '../../src/regime/index.ts';
import { authorizeCase } from '../../src/policies/index.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { loadCase } from '../../src/db/repos/cases.ts';
import { getCase } from '../../src/services/cases/get-case.ts';
import { listCasesForActor } from '../../src/services/cases/list-cases.ts';
import { loadCaseForActor, transitionCase } from '../../src/services/cases/transition-case.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, buildUser, ctxFor, systemCtx } from '../factories.ts';
import { act, auditEventsAfter, auditHeadSeq, buildAssessorOrg, buildSupplierOrg, dbFingerprint, driveTo, load, manualClock, refusal, refusedUnchanged, uploadAs } from '../factories-extra.ts';

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
// Monday 3 March 2025, 10:00 in Beijing.
const clock = manualClock('2025-03-03T02:00:00Z');

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db, tempBlobDir(), clock.now);
  p = await buildParties(base);
});
afterAll(async () => {
  await db?.dispose();
});

async function count(sql: string, params: SqlParam[] = []): Promise<number> {
  return Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n);
}

describe('a case through every stage', () => {
  it('walks declaration → … → re-opened, one audited step at a time', async () => {
    clock.set('2025-03-03T02:00:00Z');
    const c = await buildCase(base, p);
    expect(c.state).toBe('determination');
    expect(c.regime_id).toBe('cn-2017-interim');
    expect(c.operator_org_id).toBe(p.operator.orgId);
    expect(c.clock).toBeNull();
    const created = await auditEventsAfter(db, 0).then((evs) => evs.filter((e) => e.case_id === c.id));
    expect(created.map((e) => e.type)).toEqual(['case.created']);
    expect(JSON.parse(created[0]!.payload).data).toMatchObject({ ref: c.ref, action: 'declare_procurement', state: 'determination', origin: 'cii_procurement', articles: ['2', '10'] });

    let materialId = '';
    const steps: [UserActor, TransitionAction, Record<string, unknown>, CaseState, (() => Promise<void>)?][] = [
      [p.protection, 'determine_affects_security', { reason: 'The dispatch network is CII' }, 'triage'],
      [p.office, 'open', { note: 'Opened on the department’s determination' }, 'planning'],
      [p.office, 'assign_assessor', { assessorOrgId: p.assessor.orgId }, 'planning', async () => {
        expect((await load(base, p.office, c.id)).assessor_org_id).toBe(p.assessor.orgId);
      }],
      [p.office, 'assign_expert', { expertUserId: p.expert.userId }, 'planning', async () => {
        expect(await count('case_members WHERE case_id = $1 AND user_id = $2', [c.id, p.expert.userId])).toBe(1);
      }],
      [p.office, 'start_assessment', {}, 'assessing'],
      [p.assessor, 'record_finding', { category: 2, severity: 'high', title: 'Unvetted firmware contractor', method: 'background_investigation' }, 'assessing', async () => {
        const f = (await db.query<{ category: number; severity: string; recorded_by: string }>('SELECT category, severity, recorded_by FROM findings WHERE case_id = $1', [c.id])).rows;
        expect(f).toEqual([{ category: 2, severity: 'high', recorded_by: p.assessor.userId }]);
      }],
      [p.assessor, 'request_supplement', { request: 'Send the build provenance records' }, 'awaiting_supplement', async () => {
        expect(await count('supplement_requests WHERE case_id = $1 AND answered_at IS NULL', [c.id])).toBe(1);
        // The supplier answers with material (not a lifecycle step: its own audit event).
        const head = await auditHeadSeq(db);
        materialId = (await uploadAs(base, p.supplier, c.id, Buffer.from('provenance records'))).id;
        expect((await auditEventsAfter(db, head)).map((e) => [e.type, e.subject_id])).toEqual([['material.uploaded', materialId]]);
      }],
      [p.supplier, 'provide_supplement', {}, 'assessing', async () => {
        expect(await count('supplement_requests WHERE case_id = $1 AND answered_at IS NULL', [c.id])).toBe(0);
      }],
      [p.assessor, 'submit_assessment', { summary: 'Two medium risks, one high' }, 'expert_evaluation'],
      [p.expert, 'give_opinion', { recommendation: 'passed_with_conditions', opinion: 'Acceptable with provenance controls' }, 'expert_evaluation', async () => {
        expect(await count('expert_opinions WHERE case_id = $1 AND expert_user_id = $2', [c.id, p.expert.userId])).toBe(1);
      }],
      [p.office, 'decide', { outcome: 'passed_with_conditions', decisionText: 'Passed, on condition of provenance controls' }, 'decided', async () => {
        const l = await load(base, p.office, c.id);
        expect([l.outcome, l.decision_text]).toEqual(['passed_with_conditions', 'Passed, on condition of provenance controls']);
      }],
      [p.office, 'release', { scope: { kind: 'public' }, publicSummary: 'EdgeRouter X9 passed with conditions' }, 'released', async () => {
        const l = await load(base, p.office, c.id);
        expect(l.release_scope).toEqual({ kind: 'public' });
        expect(l.public_summary).toBe('EdgeRouter X9 passed with conditions');
        expect(new Date(l.released_at!).getTime()).toBe(clock.now().getTime());
      }],
      [p.office, 'begin_supervision', {}, 'supervision'],
      [p.regulator, 'trigger_rereview', { trigger: 'advisory', reason: 'CVE in the router firmware' }, 'rereview'],
      [p.office, 'reopen', {}, 'triage', async () => {
        const l = await load(base, p.office, c.id);
        expect([l.outcome, l.decision_text]).toEqual([null, null]);
      }],
    ];

    let minute = 0;
    for (const [actor, action, body, to, check] of steps) {
      clock.set(new Date(Date.parse('2025-03-03T02:00:00Z') + ++minute * 60_000).toISOString());
      const before = await load(base, p.office, c.id);
      const head = await auditHeadSeq(db);
      const r = await act(base, actor, c.id, action, body);
      expect(r.row.state, action).toBe(to);
      expect(r.row.version, action).toBe(before.version + 1);
      expect(new Date(r.row.updated_at).getTime(), action).toBe(clock.now().getTime());

      const events = await auditEventsAfter(db, head);
      expect(events.map((e) => e.type), action).toEqual(['case.transitioned']);
      const ev = events[0]!;
      const payload = JSON.parse(ev.payload);
      expect(ev.case_id).toBe(c.id);
      expect(ev.actor_user_id).toBe(actor.userId);
      expect(new Date(ev.at).getTime()).toBe(clock.now().getTime());
      expect(payload.actor).toEqual({ kind: 'user', userId: actor.userId, orgId: actor.orgId });
      expect(payload.data).toMatchObject({ ref: c.ref, action, from: before.state, to, articles: [...CN_2017.citations[action]] });
      if (typeof body.note === 'string') expect(payload.data.note).toBe(body.note);
      const stored = await load(base, p.office, c.id);
      expect(stored.state, action).toBe(to);
      await check?.();
    }
    expect(materialId).not.toBe('');

    // The timeline is the audit log: the creation and every step, in order.
    const view = await getCase(ctxFor(base, p.office), c.id);
    expect(view.row.timeline.map((t) => (t.data as { action: string }).action)).toEqual(['declare_procurement', ...steps.map(([, a]) => a)]);
    expect(view.abilities.actions).toEqual(['open', 'decline', 'terminate']);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('rolls the step back when its audit event cannot be written (one transaction)', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'assessing');
    await db.query(`ALTER TABLE audit_events ADD CONSTRAINT test_no_transitions CHECK (type <> 'case.transitioned') NOT VALID`);
    try {
      const before = await dbFingerprint(db);
      await expect(act(base, p.assessor, c.id, 'record_finding', { category: 1, severity: 'low', title: 'x' })).rejects.toThrow(/test_no_transitions/);
      await expect(act(base, p.assessor, c.id, 'submit_assessment', { summary: 'done' })).rejects.toThrow(/test_no_transitions/);
      // No finding, no state change, no version bump, no half-written event.
      expect(await dbFingerprint(db)).toEqual(before);
    } finally {
      await db.query('ALTER TABLE audit_events DROP CONSTRAINT test_no_transitions');
    }
    expect((await load(base, p.office, c.id)).state).toBe('assessing');
  });
});

describe('refused steps change nothing', () => {
  it('an illegal action: 409 illegal_transition with the actions legal now', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'triage');
    const e = await refusedUnchanged(db, () => act(base, p.office, c.id, 'decide', { outcome: 'passed', decisionText: 'x' }));
    expect([e.code, e.status]).toEqual(['illegal_transition', 409]);
    expect(e.extra).toMatchObject({ state: 'triage', legalActions: ['open', 'decline', 'terminate'] });
    const s = await refusedUnchanged(db, () => act(base, p.supplier, c.id, 'provide_supplement', {}));
    expect(s.code).toBe('illegal_transition');
    expect(s.extra.legalActions).toEqual([]);
    const o = await refusedUnchanged(db, () => act(base, p.operator, c.id, 'determine_no_impact', { reason: 'x' }));
    expect(o.extra.legalActions).toEqual(['withdraw']);
  });

  it('the wrong role: 403 forbidden', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'triage');
    for (const actor of [p.supplier, p.operator, p.regulator, p.protection, p.committee]) {
      expect((await refusedUnchanged(db, () => act(base, actor, c.id, 'open', {}))).code, actor.orgKind).toBe('forbidden');
    }
    // The operator of another company in the same sector has no role at all: 404.
    const otherOperator = await buildUser(base, 'cii_operator', { sector: 'energy' });
    expect((await refusedUnchanged(db, () => act(base, otherOperator, c.id, 'withdraw', { reason: 'x' }))).code).toBe('not_found');
  });

  it('an outsider or an unknown id: 404 not_found, legal action or not', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'triage');
    expect((await refusedUnchanged(db, () => act(base, p.outsider, c.id, 'open', {}))).code).toBe('not_found');
    expect((await refusedUnchanged(db, () => act(base, p.outsider, c.id, 'decide', { outcome: 'passed', decisionText: 'x' }))).code).toBe('not_found');
    expect((await refusedUnchanged(db, () => act(base, p.office, randomUUID(), 'open', {}))).code).toBe('not_found');
    expect((await refusedUnchanged(db, () => act(base, p.office, 'NR-1999-999999', 'open', {}))).code).toBe('not_found');
    // An expert not on the panel does not see the case either.
    const stranger = await buildUser(base, 'experts_committee');
    expect((await refusedUnchanged(db, () => act(base, stranger, c.id, 'open', {}))).code).toBe('not_found');
    // Nor does the public.
    expect((await refusedUnchanged(db, () => act(base, { kind: 'public' }, c.id, 'open', {}))).code).toBe('not_found');
  });

  it('input that does not fit the action: 400 validation_failed with the field', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'triage');
    const missing = await refusedUnchanged(db, () => act(base, p.office, c.id, 'decline', {}));
    expect(missing.code).toBe('validation_failed');
    expect(missing.extra.errors?.length).toBeGreaterThan(0);
    expect(new Set(missing.extra.errors?.map((x) => x.path))).toEqual(new Set(['/body/reason']));
    const unknown = await refusedUnchanged(db, () => act(base, p.office, c.id, 'open', { bogus: 1 }));
    expect(unknown.code).toBe('validation_failed');
    await driveTo(base, p, c.id, 'assessing');
    const badCategory = await refusedUnchanged(db, () => act(base, p.assessor, c.id, 'record_finding', { category: 6, severity: 'low', title: 'x' }));
    expect(new Set(badCategory.extra.errors?.map((x) => x.path))).toEqual(new Set(['/body/category']));
    const wrongType = await refusedUnchanged(db, () => act(base, p.assessor, c.id, 'record_finding', { category: '3', severity: 'low', title: 'x' }));
    expect(wrongType.code).toBe('validation_failed');
  });

  describe('assigning the third party (Art. 7, 11)', () => {
    let caseId: string;
    beforeAll(async () => {
      const c = await buildCase(base, p);
      caseId = c.id;
      await driveTo(base, p, caseId, 'planning');
    });

    it('refuses an organisation that was never accredited', async () => {
      const org = await buildAssessorOrg(base, { accreditedUntil: null });
      const e = await refusedUnchanged(db, () => act(base, p.office, caseId, 'assign_assessor', { assessorOrgId: org.id }));
      expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'accredited']);
    });

    it('refuses one whose accreditation lapsed, and accepts one accredited through today', async () => {
      clock.set('2025-03-03T02:00:00Z');
      const lapsed = await buildAssessorOrg(base, { accreditedUntil: '2025-03-02' });
      const e = await refusedUnchanged(db, () => act(base, p.office, caseId, 'assign_assessor', { assessorOrgId: lapsed.id }));
      expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'accredited']);
      expect(e.message).toContain('2025-03-02');
      // Accreditation is checked on the Beijing date: 2 March 23:30 UTC is already 3 March there.
      clock.set('2025-03-02T23:30:00Z');
      const today = await buildAssessorOrg(base, { accreditedUntil: '2025-03-03' });
      const r = await act(base, p.office, caseId, 'assign_assessor', { assessorOrgId: today.id });
      expect(r.row.assessor_org_id).toBe(today.id);
      clock.set('2025-03-03T02:00:00Z');
    });

    it('refuses one in the supplier’s corporate group', async () => {
      const supplier = await buildSupplierOrg(base, { groupName: 'Acme Holdings' });
      const c = await buildCase(base, p, 'declare_procurement', { supplierOrgId: supplier.id });
      await driveTo(base, p, c.id, 'planning');
      const conflicted = await buildAssessorOrg(base, { accreditedUntil: '2099-01-01', groupName: 'Acme Holdings' });
      const e = await refusedUnchanged(db, () => act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: conflicted.id }));
      expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'unconflicted']);
      // An unrelated group is fine.
      const clean = await buildAssessorOrg(base, { accreditedUntil: '2099-01-01', groupName: 'Other Group' });
      expect((await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: clean.id })).row.assessor_org_id).toBe(clean.id);
    });

    it('refuses an organisation that is not a third-party assessor, or does not exist', async () => {
      const e = await refusedUnchanged(db, () => act(base, p.office, caseId, 'assign_assessor', { assessorOrgId: p.supplier.orgId }));
      expect(e.code).toBe('validation_failed');
      expect(e.extra.errors).toEqual([{ path: '/body/assessorOrgId', message: 'is a supplier' }]);
      const u = await refusedUnchanged(db, () => act(base, p.office, caseId, 'assign_assessor', { assessorOrgId: randomUUID() }));
      expect(u.extra.errors).toEqual([{ path: '/body/assessorOrgId', message: 'unknown organisation' }]);
    });

    it('refuses a panel member who is not on the Experts Committee, and the same expert twice', async () => {
      const e = await refusedUnchanged(db, () => act(base, p.office, caseId, 'assign_expert', { expertUserId: p.assessor.userId }));
      expect(e.code).toBe('validation_failed');
      await act(base, p.office, caseId, 'assign_expert', { expertUserId: p.expert.userId });
      const twice = await refusedUnchanged(db, () => act(base, p.office, caseId, 'assign_expert', { expertUserId: p.expert.userId }));
      expect(twice.code).toBe('conflict');
    });
  });

  it('unmet guards: no assessor, no expert, no material, opinions missing', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'planning');
    const noAssessor = await refusedUnchanged(db, () => act(base, p.office, c.id, 'start_assessment', {}));
    expect([noAssessor.code, noAssessor.extra.guard, noAssessor.extra.reason]).toEqual(['guard_failed', 'assessorAssigned', 'assessor_not_assigned']);
    await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: p.assessor.orgId });
    await act(base, p.office, c.id, 'start_assessment', {});
    const noExpert = await refusedUnchanged(db, () => act(base, p.assessor, c.id, 'submit_assessment', { summary: 'x' }));
    expect([noExpert.code, noExpert.extra.guard]).toEqual(['guard_failed', 'expertsAssigned']);
    await act(base, p.assessor, c.id, 'request_supplement', { request: 'More please' });
    const noMaterial = await refusedUnchanged(db, () => act(base, p.supplier, c.id, 'provide_supplement', {}));
    expect([noMaterial.code, noMaterial.extra.guard]).toEqual(['guard_failed', 'materialProvided']);
    await uploadAs(base, p.supplier, c.id);
    await act(base, p.supplier, c.id, 'provide_supplement', {});
    await act(base, p.office, c.id, 'assign_expert', { expertUserId: p.expert.userId });
    await act(base, p.assessor, c.id, 'submit_assessment', { summary: 'x' });
    const noOpinion = await refusedUnchanged(db, () => act(base, p.office, c.id, 'decide', { outcome: 'passed', decisionText: 'x' }));
    expect([noOpinion.code, noOpinion.extra.guard]).toEqual(['guard_failed', 'allOpinionsIn']);
  });

  it('a second opinion by the same expert: 409 conflict', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'expert_evaluation');
    await act(base, p.expert, c.id, 'give_opinion', { recommendation: 'passed', opinion: 'Fine' });
    const e = await refusedUnchanged(db, () => act(base, p.expert, c.id, 'give_opinion', { recommendation: 'not_passed', opinion: 'Changed my mind' }));
    expect([e.code, e.status]).toEqual(['conflict', 409]);
  });

  it('a released result without approval cannot enter supervision, and an approved one cannot be closed', async () => {
    const failed = await buildCase(base, p);
    await driveTo(base, p, failed.id, 'released', { outcome: 'not_passed' });
    const e = await refusedUnchanged(db, () => act(base, p.office, failed.id, 'begin_supervision', {}));
    expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'approved']);
    expect((await act(base, p.office, failed.id, 'close', {})).row.state).toBe('closed');
    // A closed case is terminal: nothing is legal, not even for the Office.
    const after = await refusedUnchanged(db, () => act(base, p.office, failed.id, 'terminate', { reason: 'x' }));
    expect(after.extra.legalActions).toEqual([]);
    const passed = await buildCase(base, p);
    await driveTo(base, p, passed.id, 'released');
    expect((await refusedUnchanged(db, () => act(base, p.office, passed.id, 'close', {}))).extra.guard).toBe('notApproved');
  });

  it('material uploaded before a supplement was requested does not answer it', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'planning');
    await uploadAs(base, p.supplier, c.id);
    await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: p.assessor.orgId });
    await act(base, p.office, c.id, 'start_assessment', {});
    await act(base, p.assessor, c.id, 'request_supplement', { request: 'Send the source escrow agreement' });
    // Nothing new was provided since the request: the supplement is not provided.
    const e = await refusedUnchanged(db, () => act(base, p.supplier, c.id, 'provide_supplement', {}));
    expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'materialProvided']);
  });
});

describe('a re-opened review', () => {
  /** Round one to a passed decision, supervision, re-review, reopen, and round two up to the panel. */
  async function secondRound(): Promise<string> {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'rereview');
    await act(base, p.office, c.id, 'reopen', {});
    await act(base, p.office, c.id, 'open', {});
    // The assessor and the panel stay assigned; a new assessment round runs.
    await act(base, p.office, c.id, 'start_assessment', {});
    await act(base, p.assessor, c.id, 'submit_assessment', { summary: 'Re-assessed after the advisory' });
    return c.id;
  }

  it('does not decide on the previous round’s opinions', async () => {
    const id = await secondRound();
    const early = await refusedUnchanged(db, () => act(base, p.office, id, 'decide', { outcome: 'passed', decisionText: 'Decided on stale opinions' }));
    expect([early.code, early.extra.guard]).toEqual(['guard_failed', 'allOpinionsIn']);
  });

  it('lets the panel give a new opinion in the new round', async () => {
    const id = await secondRound();
    const r = await act(base, p.expert, id, 'give_opinion', { recommendation: 'not_passed', opinion: 'The advisory is not mitigated' });
    expect(r.row.state).toBe('expert_evaluation');
  });
});

describe('concurrent steps', () => {
  it('two transitions from the same state: exactly one wins, the other changes nothing', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'triage');
    const office = ctxFor(base, p.office);
    // Both load the case in triage before either writes.
    const [l1, l2, l3] = await Promise.all([loadCaseForActor(office, c.id), loadCaseForActor(office, c.id), loadCaseForActor(office, c.id)]);
    const head = await auditHeadSeq(db);
    const results = await Promise.allSettled([
      transitionCase(office, l1, { action: 'open', body: {} }),
      transitionCase(office, l2, { action: 'decline', body: { reason: 'Out of scope' } }),
      transitionCase(office, l3, { action: 'terminate', body: { reason: 'Supplier left the market' } }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as AppError);
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(['conflict', 'conflict']);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof transitionCase>>>).value.row;
    const stored = await load(base, p.office, c.id);
    expect(stored.state).toBe(winner.state);
    expect(stored.version).toBe(l1!.version + 1);
    const events = (await auditEventsAfter(db, head)).filter((e) => e.case_id === c.id);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload).data.to).toBe(winner.state);
  });

  it('the same expert twice at once: one opinion, one conflict', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'expert_evaluation');
    const results = await Promise.allSettled([
      act(base, p.expert, c.id, 'give_opinion', { recommendation: 'passed', opinion: 'A' }),
      act(base, p.expert, c.id, 'give_opinion', { recommendation: 'passed', opinion: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as AppError).code).toBe('conflict');
    expect(await count('expert_opinions WHERE case_id = $1', [c.id])).toBe(1);
  });
});

describe('steps taken on a stale read', () => {
  it('do not undo a clock extension made in between (no lost update), nor extend twice', async () => {
    clock.set('2025-03-03T02:00:00Z');
    const c = await buildCase(base, p, 'declare_procurement', { regimeId: 'test-clocks' });
    await driveTo(base, p, c.id, 'assessing');
    const office = ctxFor(base, p.office);
    const assessor = ctxFor(base, p.assessor);
    // Three people load the case at the same moment, before any of them acts.
    const [forExtend, forFinding, forSecondExtend] = await Promise.all([loadCaseForActor(office, c.id), loadCaseForActor(assessor, c.id), loadCaseForActor(office, c.id)]);
    const extended = await transitionCase(office, forExtend, { action: 'extend_clock', body: { reason: 'Lab capacity' } });
    expect(extended.row.clock?.extendedDays).toBe(15);
    // A finding recorded on the earlier read must not write the earlier clock back: the step is
    // refused as a conflict (reload and retry) and the extension stands.
    const e = await refusal(transitionCase(assessor, forFinding, { action: 'record_finding', body: { category: 1, severity: 'low', title: 'Concurrent finding' } }));
    expect(e.code).toBe('conflict');
    expect((await load(base, p.office, c.id)).clock).toEqual(extended.row.clock);
    // And a second extension on the earlier read is refused rather than recorded as a second extension.
    const head = await auditHeadSeq(db);
    await refusal(transitionCase(office, forSecondExtend, { action: 'extend_clock', body: { reason: 'Again' } }));
    expect((await auditEventsAfter(db, head)).filter((e) => e.case_id === c.id)).toEqual([]);
  });
});

describe('stage clocks under the test-clocks regime', () => {
  const cal = PRC_CALENDAR;
  const clockOf = async (id: string): Promise<StageClock | null> => (await load(base, p.office, id)).clock;

  it('starts, pauses while awaiting the supplier, resumes later, extends once only', async () => {
    clock.set('2025-03-03T02:00:00Z');
    const c = await buildCase(base, p, 'declare_procurement', { regimeId: 'test-clocks' });
    expect(c.regime_id).toBe('test-clocks');
    // 10 working days for the determination, counted from the day after (Mon 3 → Mon 17 March).
    expect(c.clock).toEqual({ stage: 'determination', startedOn: '2025-03-03', dueOn: '2025-03-17', pausedOn: null, pausedWorkingDays: 0, extendedDays: 0 });
    expect(TEST_CLOCKS.clocks.determination?.extensionDays).toBeUndefined();
    const noExt = await refusedUnchanged(db, () => act(base, p.office, c.id, 'extend_clock', { reason: 'More time' }));
    expect([noExt.code, noExt.extra.reason]).toEqual(['guard_failed', 'no_clock_extension_available']);

    clock.set('2025-03-04T02:00:00Z');
    await act(base, p.protection, c.id, 'determine_affects_security', { reason: 'CII' });
    expect(await clockOf(c.id)).toEqual({ stage: 'triage', startedOn: '2025-03-04', dueOn: '2025-03-18', pausedOn: null, pausedWorkingDays: 0, extendedDays: 0 });

    await act(base, p.office, c.id, 'open', {});
    expect(await clockOf(c.id)).toBeNull();
    await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: p.assessor.orgId });
    await act(base, p.office, c.id, 'assign_expert', { expertUserId: p.expert.userId });

    clock.set('2025-03-05T02:00:00Z');
    const started = await act(base, p.office, c.id, 'start_assessment', {});
    const due0 = addWorkingDays('2025-03-05', 30, cal);
    expect(due0).toBe('2025-04-17'); // Qingming (4 April 2025) is not a working day.
    expect(started.row.clock).toEqual({ stage: 'assessing', startedOn: '2025-03-05', dueOn: due0, pausedOn: null, pausedWorkingDays: 0, extendedDays: 0 });
    expect(started.abilities.actions).toContain('extend_clock');

    clock.set('2025-03-10T02:00:00Z');
    await act(base, p.assessor, c.id, 'record_finding', { category: 1, severity: 'low', title: 'Self-loop keeps the clock' });
    expect((await clockOf(c.id))?.dueOn).toBe(due0);
    await act(base, p.assessor, c.id, 'request_supplement', { request: 'Send the SBOM' });
    expect(await clockOf(c.id)).toEqual({ stage: 'assessing', startedOn: '2025-03-05', dueOn: due0, pausedOn: '2025-03-10', pausedWorkingDays: 0, extendedDays: 0 });
    // No extension while the clock is paused: the action is not in this state at all.
    expect((await refusedUnchanged(db, () => act(base, p.office, c.id, 'extend_clock', { reason: 'x' }))).code).toBe('illegal_transition');

    // The supplier answers on Friday 14 March: 11–14 March (4 working days) do not count.
    clock.set('2025-03-14T09:00:00Z');
    await uploadAs(base, p.supplier, c.id);
    await act(base, p.supplier, c.id, 'provide_supplement', {});
    const due1 = addWorkingDays(due0, 4, cal);
    expect(due1).toBe('2025-04-23');
    expect(await clockOf(c.id)).toEqual({ stage: 'assessing', startedOn: '2025-03-05', dueOn: due1, pausedOn: null, pausedWorkingDays: 4, extendedDays: 0 });

    clock.set('2025-03-17T02:00:00Z');
    const head = await auditHeadSeq(db);
    const ext = await act(base, p.office, c.id, 'extend_clock', { reason: 'Lab capacity' });
    expect(ext.row.state).toBe('assessing');
    expect(ext.row.clock).toEqual({ stage: 'assessing', startedOn: '2025-03-05', dueOn: addWorkingDays(due1, 15, cal), pausedOn: null, pausedWorkingDays: 4, extendedDays: 15 });
    expect(ext.abilities.actions).not.toContain('extend_clock');
    const [ev] = await auditEventsAfter(db, head);
    expect(JSON.parse(ev!.payload).data).toMatchObject({ action: 'extend_clock', from: 'assessing', to: 'assessing', detail: { reason: 'Lab capacity' } });

    const again = await refusedUnchanged(db, () => act(base, p.office, c.id, 'extend_clock', { reason: 'Even more' }));
    expect([again.code, again.extra.reason]).toEqual(['guard_failed', 'no_clock_extension_available']);

    clock.set('2025-03-18T02:00:00Z');
    await act(base, p.assessor, c.id, 'submit_assessment', { summary: 'Done' });
    expect(await clockOf(c.id)).toEqual({ stage: 'expert_evaluation', startedOn: '2025-03-18', dueOn: addWorkingDays('2025-03-18', 15, cal), pausedOn: null, pausedWorkingDays: 0, extendedDays: 0 });
    await act(base, p.expert, c.id, 'give_opinion', { recommendation: 'passed', opinion: 'ok' });
    expect((await clockOf(c.id))?.startedOn).toBe('2025-03-18');
    await act(base, p.office, c.id, 'decide', { outcome: 'passed', decisionText: 'ok' });
    expect(await clockOf(c.id)).toBeNull();
  });

  it('refuses an extension once the stage is overdue', async () => {
    clock.set('2025-03-03T02:00:00Z');
    const c = await buildCase(base, p, 'declare_procurement', { regimeId: 'test-clocks' });
    await driveTo(base, p, c.id, 'assessing');
    clock.set('2025-06-02T02:00:00Z');
    const e = await refusedUnchanged(db, () => act(base, p.office, c.id, 'extend_clock', { reason: 'Too late' }));
    expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'clock']);
  });

  it('runs no clock under the 2017 profile, where extend_clock never passes', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'assessing');
    expect(await clockOf(c.id)).toBeNull();
    expect((await refusedUnchanged(db, () => act(base, p.office, c.id, 'extend_clock', { reason: 'x' }))).extra.reason).toBe('no_clock_extension_available');
  });
});

describe('visibility', () => {
  it('lists exactly the cases each party may open', async () => {
    const transportOperator = await buildUser(base, 'cii_operator', { sector: 'transport' });
    const financeRegulator = await buildUser(base, 'sector_regulator', { sector: 'finance' });
    const energy = await buildCase(base, p);
    const finance = await buildCase(base, p, 'open_review', { sector: 'finance' });
    const toSector = await buildCase(base, p);
    await driveTo(base, p, toSector.id, 'released', { scope: { kind: 'sector', sector: 'transport' } });
    const toOrgs = await buildCase(base, p);
    await driveTo(base, p, toOrgs.id, 'released', { scope: { kind: 'organisations', orgIds: [p.outsider.orgId] } });
    const reported = await buildCase(base, p, 'report_concern');
    const ids = [energy.id, finance.id, toSector.id, toOrgs.id, reported.id];

    const actors = [...Object.values(p), transportOperator, financeRegulator];
    for (const actor of actors) {
      const ctx = ctxFor(base, actor);
      const listed = new Set((await listCasesForActor(ctx, { limit: 200 })).items.map((x) => x.id));
      for (const id of ids) {
        const loaded = await loadCase(db, id, actor.userId);
        let visible = true;
        try {
          authorizeCase(actor, 'case.read', loaded);
        } catch {
          visible = false;
        }
        expect(listed.has(id), `${actor.orgKind} (${actor.orgSector}) on ${id}`).toBe(visible);
      }
    }
    // Spot checks of the expectation itself.
    const visibleTo = async (a: UserActor) => new Set((await listCasesForActor(ctxFor(base, a), { limit: 200 })).items.map((x) => x.id));
    expect((await visibleTo(transportOperator)).has(toSector.id)).toBe(true);
    expect((await visibleTo(transportOperator)).has(energy.id)).toBe(false);
    expect((await visibleTo(p.outsider)).has(toOrgs.id)).toBe(true);
    expect((await visibleTo(p.outsider)).has(energy.id)).toBe(false);
    expect((await visibleTo(financeRegulator)).has(finance.id)).toBe(true);
    expect((await visibleTo(p.regulator)).has(finance.id)).toBe(false);
    expect((await visibleTo(p.office)).has(reported.id)).toBe(true);
    expect((await visibleTo(p.supplier)).has(reported.id)).toBe(true);
  });
});
