import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, SqlParam } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { changeAccreditationStatus } from '../../src/services/accreditation/change-accreditation-status.ts';
import { grantAccreditation } from '../../src/services/accreditation/grant-accreditation.ts';
import { listAccreditations } from '../../src/services/accreditation/list-accreditations.ts';
import { declareConflict } from '../../src/services/assignment/declare-conflict.ts';
import { recordConsultingEngagement } from '../../src/services/assignment/record-consulting-engagement.ts';
import { recordAffiliation } from '../../src/services/assignment/record-affiliation.ts';
import { setCaseScope } from '../../src/services/assignment/set-case-scope.ts';
import { drawAssessor } from '../../src/services/assignment/draw-assessor.ts';
import { verifyAssignment } from '../../src/services/assignment/verify-assignment.ts';
import { resolveCaseFlag } from '../../src/services/assignment/resolve-case-flag.ts';
import { withdrawConflict } from '../../src/services/assignment/withdraw-conflict.ts';
import { listConflicts } from '../../src/services/assignment/list-conflicts.ts';
import { expertConflicts } from '../../src/services/assignment/eligibility.ts';
import { getCase } from '../../src/services/cases/get-case.ts';
import { presentCase } from '../../src/http/present.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, buildUser, ctxFor, systemCtx } from '../factories.ts';
import { act, buildSupplierOrg, driveTo, load, manualClock, refusal, refusedUnchanged } from '../factories-extra.ts';
import { asSystem, buildAccreditedAssessor } from '../factories-accreditation.ts';

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
// Wednesday 5 March 2025, 10:00 in Beijing.
const clock = manualClock('2025-03-05T02:00:00Z');

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

const as = (actor: ActorContext['actor']) => ctxFor(base, actor);

/** A case in planning whose supplier is `supplierOrgId` (default: the parties' supplier). */
async function planningCase(supplierOrgId?: string) {
  const c = await buildCase(base, p, 'open_review', supplierOrgId ? { supplierOrgId } : {});
  await driveTo(base, p, c.id, 'planning');
  return c;
}

describe('accreditation registry (Art. 7)', () => {
  it('grants, suspends, reinstates and revokes with a history of who, why and when', async () => {
    const a = await buildAccreditedAssessor(base);
    const office = as(p.office);
    clock.set('2025-03-05T03:00:00Z');
    expect((await changeAccreditationStatus(office, a.accreditationId, { action: 'suspend', reason: 'lab audit failed' })).status).toBe('suspended');
    clock.set('2025-03-05T04:00:00Z');
    expect((await changeAccreditationStatus(as(p.committee), a.accreditationId, { action: 'reinstate', reason: 'lab audit passed' })).status).toBe('active');
    clock.set('2025-03-05T05:00:00Z');
    expect((await changeAccreditationStatus(office, a.accreditationId, { action: 'revoke', reason: 'fraud' })).status).toBe('revoked');
    clock.set('2025-03-05T02:00:00Z');
    const [row] = await listAccreditations(office, { orgId: a.id });
    expect(row!.status).toBe('revoked');
    expect(row!.history.map((h) => [h.action, h.from, h.to, h.reason])).toEqual([
      ['grant', null, 'active', 'test accreditation'],
      ['suspend', 'active', 'suspended', 'lab audit failed'],
      ['reinstate', 'suspended', 'active', 'lab audit passed'],
      ['revoke', 'active', 'revoked', 'fraud'],
    ]);
    expect(row!.history.filter((h) => h.by !== null)).toHaveLength(3);
    const e = await refusedUnchanged(db, () => changeAccreditationStatus(office, a.accreditationId, { action: 'reinstate', reason: 'try' }));
    expect([e.code, e.message]).toEqual(['illegal_status_change', 'cannot reinstate an accreditation that is revoked']);
  });

  it('is managed only by the Office or the Committee; an assessor lists only its own', async () => {
    const a = await buildAccreditedAssessor(base);
    for (const who of [p.assessor, p.supplier, p.expert]) {
      const e = await refusedUnchanged(db, () => changeAccreditationStatus(as(who), a.accreditationId, { action: 'suspend', reason: 'x' }));
      expect(e.code).toBe('forbidden');
    }
    const e = await refusedUnchanged(db, () => grantAccreditation(as({ kind: 'public' }), { orgId: a.id, productCategories: ['cloud_service'], methods: ['lab_testing'], validFrom: '2025-01-01', validTo: '2025-12-31', reason: 'x' }));
    expect(e.code).toBe('unauthenticated');
    const own = await listAccreditations(as(p.assessor), { orgId: a.id });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((x) => x.orgId === p.assessor.orgId)).toBe(true);
  });

  it('refuses a grant to a non-assessor, an unknown scope or an inverted period, changing nothing', async () => {
    const office = as(p.office);
    const a = await buildAccreditedAssessor(base);
    const ok = { orgId: a.id, productCategories: ['cloud_service'], methods: ['lab_testing'], validFrom: '2025-01-01', validTo: '2025-12-31', reason: 'x' };
    expect((await refusedUnchanged(db, () => grantAccreditation(office, { ...ok, orgId: p.supplier.orgId }))).message).toMatch(/only a third-party assessment organisation/);
    expect((await refusedUnchanged(db, () => grantAccreditation(office, { ...ok, productCategories: ['toasters'] }))).extra.errors?.[0]?.path).toMatch(/^\/body\/productCategories/);
    expect((await refusedUnchanged(db, () => grantAccreditation(office, { ...ok, validTo: '2024-12-31' }))).extra.errors?.[0]?.path).toBe('/body/validTo');
  });

  it('assigns only under an active accreditation, valid today, covering the case’s category and methods', async () => {
    const c = await planningCase();
    await setCaseScope(as(p.office), await load(base, p.office, c.id), { productCategory: 'cloud_service', assessmentMethods: ['lab_testing', 'online_monitoring'] });
    const wrongCategory = await buildAccreditedAssessor(base, { productCategories: ['network_equipment'], methods: ['lab_testing', 'online_monitoring'] });
    const tooFewMethods = await buildAccreditedAssessor(base, { productCategories: ['cloud_service'], methods: ['lab_testing'] });
    const notYet = await buildAccreditedAssessor(base, { productCategories: ['cloud_service'], methods: ['lab_testing', 'online_monitoring'], validFrom: '2025-04-01' });
    const suspended = await buildAccreditedAssessor(base, { productCategories: ['cloud_service'], methods: ['lab_testing', 'online_monitoring'] });
    await changeAccreditationStatus(as(p.office), suspended.accreditationId, { action: 'suspend', reason: 'under investigation' });
    const good = await buildAccreditedAssessor(base, { productCategories: ['cloud_service', 'network_equipment'], methods: ['lab_testing', 'online_monitoring', 'onsite_check'] });
    const expectations: [string, RegExp][] = [
      [wrongCategory.id, /no active accreditation covers product category cloud_service with methods lab_testing, online_monitoring/],
      [tooFewMethods.id, /no active accreditation covers/],
      [notYet.id, /no accreditation of the organisation is valid on 2025-03-05/],
      [suspended.id, /accreditation is suspended/],
    ];
    for (const [orgId, why] of expectations) {
      const e = await refusedUnchanged(db, () => act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: orgId }));
      expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'accredited']);
      expect(e.message).toMatch(why);
    }
    await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: good.id });
    expect((await load(base, p.office, c.id)).assessor_org_id).toBe(good.id);
    // The scope is fixed once an assessor holds the case.
    const e = await refusedUnchanged(db, async () => setCaseScope(as(p.office), await load(base, p.office, c.id), { productCategory: 'operating_system', assessmentMethods: [] }));
    expect(e.extra.guard).toBe('no_assessor_yet');
  });

  it('flags every open case of an organisation whose accreditation is suspended mid-case, for the Office only', async () => {
    const a = await buildAccreditedAssessor(base, { productCategories: ['network_equipment'], methods: ['lab_testing'] });
    const open1 = await planningCase();
    const open2 = await planningCase();
    const closed = await planningCase();
    for (const c of [open1, open2, closed]) await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: a.id });
    await act(base, p.office, closed.id, 'terminate', { reason: 'withdrawn product' });
    const r = await changeAccreditationStatus(as(p.office), a.accreditationId, { action: 'suspend', reason: 'complaint upheld elsewhere' });
    expect(new Set(r.flaggedCases)).toEqual(new Set([open1.id, open2.id]));
    expect(await count(`audit_events WHERE type = 'case.flagged' AND case_id = ANY ($1::uuid[])`, [[open1.id, open2.id, closed.id]])).toBe(2);
    const view = await getCase(as(p.office), open1.id);
    const shown = presentCase(view.row, view.abilities, clock.now());
    expect(shown.flags).toEqual([expect.objectContaining({ kind: 'accreditation_suspended', resolved_at: null })]);
    const supplierView = await getCase(as(p.supplier), open1.id);
    expect(presentCase(supplierView.row, supplierView.abilities, clock.now()).flags).toBeUndefined();
    // Suspending again is refused and flags nothing twice.
    expect((await refusedUnchanged(db, () => changeAccreditationStatus(as(p.office), a.accreditationId, { action: 'suspend', reason: 'again' }))).code).toBe('illegal_status_change');
    // The Office closes the flag once dealt with; only once, and only the Office.
    const flagId = shown.flags![0]!.id;
    expect((await refusedUnchanged(db, async () => resolveCaseFlag(as(p.supplier), await load(base, p.office, open1.id), flagId, { note: 'x' }))).code).toBe('forbidden');
    await resolveCaseFlag(as(p.office), await load(base, p.office, open1.id), flagId, { note: 'assessor will be replaced after the lab audit' });
    expect((await refusedUnchanged(db, async () => resolveCaseFlag(as(p.office), await load(base, p.office, open1.id), flagId, { note: 'again' }))).code).toBe('not_found');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('objective assignment (Art. 11)', () => {
  it('refuses a declared, same-group or recent-consultant assessor; an old engagement no longer conflicts', async () => {
    const supplier = await buildSupplierOrg(base, { groupName: 'Orion Group' });
    const c = await planningCase(supplier.id);
    const declared = await buildAccreditedAssessor(base);
    const sameGroup = await buildAccreditedAssessor(base, { groupName: 'Orion Group' });
    const recent = await buildAccreditedAssessor(base);
    const old = await buildAccreditedAssessor(base);
    await declareConflict(asSystem(base), { declarantOrgId: declared.id, counterpartOrgId: supplier.id, reason: 'audited their parent last year' });
    await recordConsultingEngagement(as(p.office), { consultantOrgId: recent.id, clientOrgId: supplier.id, description: 'ISO 27001 readiness', startedOn: '2022-01-01', endedOn: '2023-06-30' });
    await recordConsultingEngagement(as(p.office), { consultantOrgId: old.id, clientOrgId: supplier.id, description: 'pen test', startedOn: '2020-01-01', endedOn: '2023-03-04' });
    const expectations: [string, RegExp][] = [
      [declared.id, /a conflict with the supplier was declared: audited their parent/],
      [sameGroup.id, /corporate group "Orion Group"/],
      [recent.id, /consulting work for the supplier within 2 years: ISO 27001 readiness/],
    ];
    for (const [orgId, why] of expectations) {
      const e = await refusedUnchanged(db, () => act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: orgId }));
      expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'unconflicted']);
      expect(e.message).toMatch(why);
    }
    await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: old.id });
    // The registers are listed for the Office; a withdrawn declaration no longer conflicts.
    const listed = await listConflicts(as(p.office), { orgId: supplier.id });
    expect([listed.declarations.length, listed.consulting.length]).toEqual([1, 2]);
    const declarationId = (listed.declarations[0] as { id: string }).id;
    expect((await refusedUnchanged(db, () => withdrawConflict(as(p.committee), declarationId))).code).toBe('forbidden');
    await withdrawConflict(as(p.office), declarationId);
    await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: declared.id });
  });

  it('an assessor declares for itself; an expert employed by the supplier or assessor is refused', async () => {
    const supplier = await buildSupplierOrg(base);
    const c = await planningCase(supplier.id);
    const assessorUser = await buildUser(base, 'third_party_assessor');
    await grantAccreditation(asSystem(base), { orgId: assessorUser.orgId, productCategories: ['network_equipment'], methods: ['lab_testing'], validFrom: '2025-01-01', validTo: '2026-01-01', reason: 'x' });
    await declareConflict(as(assessorUser), { counterpartOrgId: supplier.id, reason: 'shared directors' });
    const e = await refusedUnchanged(db, () => act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: assessorUser.orgId }));
    expect(e.message).toMatch(/shared directors/);

    const employed = await buildUser(base, 'experts_committee');
    await recordAffiliation(as(p.office), { userId: employed.userId, orgId: supplier.id, role: 'part-time adviser', startedOn: '2024-01-01' });
    const e2 = await refusedUnchanged(db, () => act(base, p.office, c.id, 'assign_expert', { expertUserId: employed.userId }));
    expect([e2.code, e2.extra.guard]).toEqual(['guard_failed', 'unconflicted']);
    const selfDeclared = await buildUser(base, 'experts_committee');
    await declareConflict(as(selfDeclared), { counterpartOrgId: supplier.id, reason: 'former employee' });
    expect((await refusedUnchanged(db, () => act(base, p.office, c.id, 'assign_expert', { expertUserId: selfDeclared.userId }))).extra.guard).toBe('unconflicted');
    // An expert employed by the assessor bars the assessor too.
    const staffExpert = await buildUser(base, 'experts_committee');
    const a = await buildAccreditedAssessor(base);
    await recordAffiliation(as(p.office), { userId: staffExpert.userId, orgId: a.id, role: 'employee', startedOn: '2020-01-01' });
    await act(base, p.office, c.id, 'assign_expert', { expertUserId: staffExpert.userId });
    expect((await refusedUnchanged(db, () => act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: a.id }))).message).toMatch(/employs .* an expert on this case's panel/);
  });

  it('draws among the eligible only, records seed, list and pick, and the record re-derives', async () => {
    const supplier = await buildSupplierOrg(base, { groupName: 'Vega Group' });
    const c = await planningCase(supplier.id);
    const eligible = [await buildAccreditedAssessor(base), await buildAccreditedAssessor(base), await buildAccreditedAssessor(base)];
    const conflicted = await buildAccreditedAssessor(base, { groupName: 'Vega Group' });
    const suspended = await buildAccreditedAssessor(base);
    await changeAccreditationStatus(as(p.office), suspended.accreditationId, { action: 'suspend', reason: 'x' });
    const r = await drawAssessor(as(p.office), await load(base, p.office, c.id), {});
    for (const e of eligible) expect(r.eligible).toContain(e.id);
    expect(r.eligible).not.toContain(conflicted.id);
    expect(r.eligible).not.toContain(suspended.id);
    expect(r.eligible).toEqual([...r.eligible].sort());
    expect(r.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(r.assessorOrgId).toBe(r.eligible[r.pickIndex]);
    expect((await load(base, p.office, c.id)).assessor_org_id).toBe(r.assessorOrgId);
    const v = await verifyAssignment(asSystem(base), c.ref);
    expect([v.verdict, v.draws.length, v.draws[0]!.verdict]).toEqual(['REPRODUCED', 1, 'REPRODUCED']);
    // Anyone the case is visible to can re-check; others can't see it.
    expect((await verifyAssignment(as(p.committee), c.id)).verdict).toBe('REPRODUCED');
    expect((await refusal(verifyAssignment(as(p.outsider), c.id))).code).toBe('not_found');
    // A tampered record no longer reproduces.
    const other = r.eligible[(r.pickIndex + 1) % r.eligible.length]!;
    await db.query('UPDATE assignment_draws SET picked_org_id = $2 WHERE case_id = $1', [c.id, other]);
    const bad = await verifyAssignment(asSystem(base), c.id);
    expect(bad.verdict).toBe('MISMATCH');
    expect(bad.draws[0]!.problems.join('; ')).toMatch(/the seed picks .*; the stored draw differs from its audit event/);
  });

  it('refuses a draw with no eligible assessor, or outside planning, or by anyone but the Office, changing nothing', async () => {
    const c = await planningCase();
    expect((await refusedUnchanged(db, async () => drawAssessor(as(p.supplier), await load(base, p.office, c.id), {}))).code).toBe('forbidden');
    clock.set('2100-06-01T02:00:00Z');
    try {
      const e = await refusedUnchanged(db, async () => drawAssessor(as(p.office), await load(base, p.office, c.id), {}));
      expect([e.code, e.extra.guard]).toEqual(['guard_failed', 'eligible_assessor']);
    } finally {
      clock.set('2025-03-05T02:00:00Z');
    }
    const started = await planningCase();
    await driveTo(base, p, started.id, 'assessing');
    expect((await refusedUnchanged(db, async () => drawAssessor(as(p.office), await load(base, p.office, started.id), {}))).code).toBe('illegal_transition');
    expect((await verifyAssignment(asSystem(base), started.id)).verdict).toBe('NO_DRAW');
  });
});

describe('expert conflicts for panel formation (Art. 11)', () => {
  it('names each conflicted expert with the reason', async () => {
    const supplier = await buildSupplierOrg(base);
    const c = await planningCase(supplier.id);
    const employed = await buildUser(base, 'experts_committee');
    const declared = await buildUser(base, 'experts_committee');
    const free = await buildUser(base, 'experts_committee');
    await recordAffiliation(as(p.office), { userId: employed.userId, orgId: supplier.id, role: 'engineer', startedOn: '2023-01-01' });
    await recordAffiliation(as(p.office), { userId: free.userId, orgId: supplier.id, role: 'engineer', startedOn: '2010-01-01', endedOn: '2015-01-01' });
    await declareConflict(as(declared), { counterpartOrgId: supplier.id, reason: 'sibling works there' });
    const m = await expertConflicts(db, c.id, [employed.userId, declared.userId, free.userId], '2025-03-05');
    expect([...m.keys()].sort()).toEqual([employed.userId, declared.userId].sort());
    expect(m.get(employed.userId)).toMatch(/employed by supplier/);
    expect(m.get(declared.userId)).toMatch(/sibling works there/);
  });
});
