import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import { getDecision } from '../../src/services/decisions/get-decision.ts';
import { updateCondition } from '../../src/services/decisions/update-condition.ts';
import { markOverdueConditions } from '../../src/services/decisions/mark-overdue-conditions.ts';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties } from '../factories.ts';
import { act, driveTo, manualClock, refusal, refusedUnchanged } from '../factories-extra.ts';
import { ctxWithDataDir, inContext } from '../factories-panel.ts';

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
const clock = manualClock('2026-03-02T02:00:00Z');

beforeAll(async () => {
  db = await openTestDb();
  base = ctxWithDataDir(db, clock.now);
  p = await buildParties(base);
});
afterAll(async () => {
  await db?.dispose();
});

async function caseInEvaluation(): Promise<string> {
  const row = await buildCase(base, p);
  await driveTo(base, p, row.id, 'expert_evaluation');
  await act(base, p.expert, row.id, 'give_opinion', { recommendation: 'passed_with_conditions', opinion: 'Acceptable with conditions' });
  return row.id;
}

describe('decision with reasons and conditions (Art. 8)', () => {
  it('records reasons citing articles and conditions with owners and due dates, tracked to closure', async () => {
    const id = await caseInEvaluation();
    await act(base, p.office, id, 'decide', {
      outcome: 'passed_with_conditions',
      decisionText: 'Passed with conditions.',
      reasons: [{ articles: ['4', '6'], text: 'Supply-chain risk is controlled once updates are signed.' }, { articles: ['11'], text: 'The assessor’s evaluation is sound.' }],
      conditions: [
        { text: 'Sign all firmware updates', ownerOrgId: p.supplier.orgId, dueDate: '2026-06-30' },
        { text: 'Disable remote maintenance by default', ownerOrgId: p.supplier.orgId, dueDate: '2026-03-05' },
      ],
    });
    const d = await inContext(base, p.supplier, id, (c, l) => getDecision(c, l));
    expect(d.outcome).toBe('passed_with_conditions');
    expect(d.reasons.map((r) => r.articles)).toEqual([['4', '6'], ['11']]);
    expect(d.conditions.map((c) => [c.status, c.due_date, c.history.length])).toEqual([['open', '2026-06-30', 1], ['open', '2026-03-05', 1]]);
    const [c1, c2] = d.conditions as [(typeof d.conditions)[0], (typeof d.conditions)[0]];

    await inContext(base, p.office, id, (c, l) => updateCondition(c, l, c1.id, { status: 'met', note: 'Signed update channel verified by the assessor' }));
    const back = await refusedUnchanged(db, () => inContext(base, p.office, id, (c, l) => updateCondition(c, l, c1.id, { status: 'waived', note: 'x' })));
    expect(back.message).toBe('a condition that is met cannot become waived');
    expect((await refusal(inContext(base, p.supplier, id, (c, l) => updateCondition(c, l, c2.id, { status: 'met', note: 'done' })))).code).toBe('forbidden');

    clock.set('2026-03-06T02:00:00Z');
    try {
      const swept = await markOverdueConditions({ ...base, actor: { kind: 'system', purpose: 'conditions' } });
      expect(swept.marked).toContain(c2.id);
      expect(swept.marked).not.toContain(c1.id);
    } finally {
      clock.set('2026-03-02T02:00:00Z');
    }
    const after = await inContext(base, p.office, id, (c, l) => getDecision(c, l));
    expect(after.conditions.map((c) => c.status)).toEqual(['met', 'overdue']);
    expect(after.conditions[0]!.history.map((h) => `${h.from ?? '-'}→${h.to}`)).toEqual(['-→open', 'open→met']);
  });

  it('refuses an unknown article, conditions on a plain pass, a past due date and an unknown owner — changing nothing', async () => {
    const id = await caseInEvaluation();
    const bad = await refusedUnchanged(db, () => act(base, p.office, id, 'decide', { outcome: 'passed', decisionText: 'x', reasons: [{ articles: ['6', '17'], text: 'y' }] }));
    expect(bad.extra.errors).toEqual([{ path: '/body/reasons/0/articles/1', message: 'no Article 17 in regime cn-2017-interim' }]);
    const plain = await refusedUnchanged(db, () => act(base, p.office, id, 'decide', { outcome: 'passed', decisionText: 'x', conditions: [{ text: 'c', ownerOrgId: p.supplier.orgId, dueDate: '2026-12-31' }] }));
    expect(plain.extra.errors).toEqual([{ path: '/body/conditions', message: 'conditions belong to a passed_with_conditions decision, not passed' }]);
    const past = await refusedUnchanged(db, () => act(base, p.office, id, 'decide', { outcome: 'passed_with_conditions', decisionText: 'x', conditions: [{ text: 'c', ownerOrgId: p.supplier.orgId, dueDate: '2026-01-01' }] }));
    expect(past.extra.errors).toEqual([{ path: '/body/conditions/0/dueDate', message: '2026-01-01 is in the past' }]);
    const owner = await refusedUnchanged(db, () => act(base, p.office, id, 'decide', { outcome: 'passed_with_conditions', decisionText: 'x', conditions: [{ text: 'c', ownerOrgId: randomUUID(), dueDate: '2026-12-31' }] }));
    expect(owner.extra.errors).toEqual([{ path: '/body/conditions/0/ownerOrgId', message: 'unknown organisation' }]);
  });

  it('releases to a sector of the regime or to registered organisations only (Art. 8)', async () => {
    const id = await caseInEvaluation();
    await act(base, p.office, id, 'decide', { outcome: 'passed', decisionText: 'Passed.' });
    const sector = await refusedUnchanged(db, () => act(base, p.office, id, 'release', { scope: { kind: 'sector', sector: 'fishing' }, publicSummary: 's' }));
    expect(sector.extra.errors).toEqual([{ path: '/body/scope/sector', message: expect.stringMatching(/^not a sector of the regime \(one of: .*energy/) }]);
    const ghost = randomUUID();
    const orgs = await refusedUnchanged(db, () => act(base, p.office, id, 'release', { scope: { kind: 'organisations', orgIds: [p.operator.orgId, ghost] }, publicSummary: 's' }));
    expect(orgs.extra.errors).toEqual([{ path: '/body/scope/orgIds/1', message: 'unknown organisation' }]);
    const ok = await act(base, p.office, id, 'release', { scope: { kind: 'organisations', orgIds: [p.operator.orgId] }, publicSummary: 's' });
    expect(ok.row.state).toBe('released');
  });
});
