import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { getPanel } from '../../src/services/panel/get-panel.ts';
import { declareConflict } from '../../src/services/panel/declare-conflict.ts';
import { recordDissent } from '../../src/services/panel/record-dissent.ts';
import { proposePanelMembers } from '../../src/services/panel/propose-panel-members.ts';
import { recordAffiliation } from '../../src/services/assignment/record-affiliation.ts';
import { signComprehensiveAssessment } from '../../src/services/panel/sign-comprehensive-assessment.ts';
import { canonicalJson } from '../../src/audit/log.ts';
import { verifyContent } from '../../src/signing/envelope.ts';
import { keyDirFor, localPublicKeys } from '../../src/signing/keys.ts';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties } from '../factories.ts';
import { act, driveTo, load, manualClock, refusal, refusedUnchanged } from '../factories-extra.ts';
import { buildExperts, buildPanelCase, ctxWithDataDir, inContext, scoreAs, sheet } from '../factories-panel.ts';

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
let experts: UserActor[];
const clock = manualClock('2026-03-02T02:00:00Z');

beforeAll(async () => {
  db = await openTestDb();
  base = ctxWithDataDir(db, clock.now);
  p = await buildParties(base);
  experts = await buildExperts(base, 4);
});
afterAll(async () => {
  await db?.dispose();
});

const panelAs = (actor: UserActor, caseId: string) => inContext(base, actor, caseId, (c, l) => getPanel(c, l));

describe('Experts Committee panel (Art. 6)', () => {
  it('scores stay sealed until all sitting members scored; recusal, quorum, aggregation, dissent, signed assessment, then decide', async () => {
    const [e1, e2, e3, e4] = experts as [UserActor, UserActor, UserActor, UserActor];
    const id = await buildPanelCase(base, p, [e1, e2, e3, e4]);
    // A conflicted expert is recused with the reason and cannot score.
    await inContext(base, e4, id, (c, l) => declareConflict(c, l, { reason: 'Consulted for the supplier in 2025' }));
    const recused = await refusedUnchanged(db, () => scoreAs(base, e4, id, sheet([1, 1, 1, 1, 1], 5)));
    expect(recused.code).toBe('guard_failed');
    expect(recused.message).toMatch(/recused .*Consulted for the supplier/);
    // …nor give an opinion (the lifecycle guard).
    const opinion = await refusedUnchanged(db, () => act(base, e4, id, 'give_opinion', { recommendation: 'passed', opinion: 'x' }));
    expect(opinion.extra).toMatchObject({ guard: 'notRecused', reason: 'expert_recused_for_a_conflict' });

    await scoreAs(base, e1, id, sheet([3, 7, 2, 1, 0], 8));
    // Sealed: e2 sees no scores of e1; e1 sees only its own; the Office sees none.
    const e2View = await panelAs(e2, id);
    expect(e2View).toMatchObject({ revealed: false, sitting: 3, scored: 1, sheets: [], aggregates: null, dissents: null });
    expect((await panelAs(e1, id)).sheets.map((s) => s.expertUserId)).toEqual([e1.userId]);
    expect((await panelAs(p.office, id)).sheets).toEqual([]);
    // The supplier holds no panel right at all.
    expect((await refusal(panelAs(p.supplier, id))).code).toBe('forbidden');
    // Not yet signable, and the decision is blocked by the guard.
    expect((await refusedUnchanged(db, () => inContext(base, p.office, id, (c, l) => signComprehensiveAssessment(c, l)))).message).toMatch(/1 of 3 sitting members have scored/);
    const blocked = await refusedUnchanged(db, () => act(base, p.office, id, 'decide', { outcome: 'passed', decisionText: 'x' }));
    expect(blocked.extra.reason).toBe('comprehensive_assessment_not_signed');

    // Bad input: a score outside the range, a second sheet from the same expert.
    const out = await refusedUnchanged(db, () => scoreAs(base, e2, id, sheet([3, 11, 2, 1, 0], 8)));
    expect(out.code).toBe('validation_failed');
    expect(out.extra.errors).toEqual([{ path: '/body/categoryScores/2', message: 'must be between 0 and 10 (got 11)' }]);
    const again = await refusedUnchanged(db, () => scoreAs(base, e1, id, sheet([3, 7, 2, 1, 0], 8)));
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/already scored in this review round/);

    await scoreAs(base, e2, id, sheet([3, 1, 2, 1, 0], 8));
    await scoreAs(base, e3, id, sheet([4, 2, 2, 2, 0], 7));
    const open = await panelAs(e2, id);
    expect(open.revealed).toBe(true);
    expect(open.sheets).toHaveLength(3);
    expect(open.aggregates!.dispersedCategories).toEqual(['2']);
    expect(open.aggregates!.categories['2']).toMatchObject({ n: 3, min: 1, max: 7, median: 2, mean: 3.333 });

    await inContext(base, e1, id, (c, l) => recordDissent(c, l, { text: 'Category 2 risk is understated: the update channel is offshore.' }));
    const signed = await inContext(base, p.office, id, (c, l) => signComprehensiveAssessment(c, l));
    expect(signed.body.dissents).toHaveLength(1);
    expect(signed.body.members.find((m) => m.expertUserId === e4.userId)).toMatchObject({ recused: true, recusalReason: 'Consulted for the supplier in 2025' });
    // The signature verifies with the committee's public key, and fails on an altered body.
    const keys = localPublicKeys(keyDirFor(base.blobDir));
    verifyContent(canonicalJson(signed.body), signed.signature, keys);
    expect(() => verifyContent(canonicalJson({ ...signed.body, quorum: 2 }), signed.signature, keys)).toThrow(/altered/);
    expect((await refusedUnchanged(db, () => inContext(base, e2, id, (c, l) => recordDissent(c, l, { text: 'late' })))).message).toMatch(/already signed/);

    const decided = await act(base, p.office, id, 'decide', { outcome: 'passed', decisionText: 'Passed on the signed comprehensive assessment.' });
    expect(decided.row.state).toBe('decided');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses a panel below the quorum, a non-expert member, and signing before quorum after the deadline', async () => {
    const row = await buildCase(base, p);
    await driveTo(base, p, row.id, 'planning');
    const small = await refusedUnchanged(db, () => inContext(base, p.office, row.id, (c, l) => proposePanelMembers(c, l, { expertUserIds: [experts[0]!.userId, experts[1]!.userId] })));
    expect(small.message).toMatch(/at least 3 members/);
    const wrong = await refusedUnchanged(db, () => inContext(base, p.office, row.id, (c, l) => proposePanelMembers(c, l, { expertUserIds: [experts[0]!.userId, experts[1]!.userId, p.supplier.userId] })));
    expect(wrong.extra.errors).toEqual([{ path: '/body/expertUserIds/2', message: 'not an active member of the Experts Committee (Art. 6)' }]);
    expect((await refusal(inContext(base, p.supplier, row.id, (c, l) => proposePanelMembers(c, l, { expertUserIds: [experts[0]!.userId] })))).code).toBe('forbidden');
    // Art. 11: a panel seat is an expert assignment — an expert employed by the supplier is refused here too.
    const employed = (await buildExperts(base, 1))[0]!;
    await recordAffiliation({ ...base, actor: p.office }, { userId: employed.userId, orgId: p.supplier.orgId, role: 'engineer', startedOn: '2020-01-01' });
    const conflicted = await refusedUnchanged(db, () => inContext(base, p.office, row.id, (c, l) => proposePanelMembers(c, l, { expertUserIds: [experts[0]!.userId, experts[1]!.userId, employed.userId] })));
    expect(conflicted.extra.errors).toEqual([{ path: '/body/expertUserIds/2', message: expect.stringMatching(/^employed by .*\(Art\. 11\)$/) }]);

    const id = await buildPanelCase(base, p, experts.slice(0, 3), { scoringDeadline: '2026-03-10T00:00:00Z' });
    await scoreAs(base, experts[0]!, id, sheet([1, 2, 3, 4, 5], 5));
    clock.set('2026-03-10T00:00:01Z');
    try {
      // The deadline opens the scores even though only one member scored; too few to sign.
      expect((await panelAs(experts[1]!, id)).revealed).toBe(true);
      const late = await refusedUnchanged(db, () => scoreAs(base, experts[1]!, id, sheet([1, 2, 3, 4, 5], 5)));
      expect(late.message).toMatch(/deadline passed/);
      expect((await refusedUnchanged(db, () => inContext(base, p.office, id, (c, l) => signComprehensiveAssessment(c, l)))).message).toMatch(/only 1 member\(s\) scored; the quorum is 3/);
      // A recused member can be replaced by the Office.
      await inContext(base, p.office, id, (c, l) => proposePanelMembers(c, l, { expertUserIds: [experts[3]!.userId] }));
      expect((await panelAs(p.office, id)).members).toHaveLength(4);
    } finally {
      clock.set('2026-03-02T02:00:00Z');
    }
  });

  it('a case without a panel keeps the opinion rule', async () => {
    const row = await buildCase(base, p);
    await driveTo(base, p, row.id, 'decided');
    expect((await load(base, p.office, row.id)).panel_formed).toBe(false);
  });
});
