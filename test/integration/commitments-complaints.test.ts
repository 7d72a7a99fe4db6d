import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, SqlParam } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import { COMMITMENT_TEMPLATES, productLabel, statementBytes, templateDigest } from '../../src/domain/commitments.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { registerSupplierKey } from '../../src/services/commitments/register-supplier-key.ts';
import { signCommitment } from '../../src/services/commitments/sign-commitment.ts';
import { listCommitments } from '../../src/services/commitments/list-commitments.ts';
import { reportBreach } from '../../src/services/commitments/report-breach.ts';
import { triageBreachReport } from '../../src/services/commitments/triage-breach-report.ts';
import { fileComplaint } from '../../src/services/complaints/file-complaint.ts';
import { decideComplaint } from '../../src/services/complaints/decide-complaint.ts';
import { listComplaints } from '../../src/services/complaints/list-complaints.ts';
import { recordViolation } from '../../src/services/complaints/record-violation.ts';
import { changeViolationStatus } from '../../src/services/complaints/change-violation-status.ts';
import { drawAssessor } from '../../src/services/assignment/draw-assessor.ts';
import { listAccreditations } from '../../src/services/accreditation/list-accreditations.ts';
import { acceptUndertaking } from '../../src/services/cases/accept-undertaking.ts';
import { readMaterial } from '../../src/services/materials/read-material.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, buildUser, ctxFor, systemCtx } from '../factories.ts';
import { act, driveTo, load, manualClock, refusal, refusedUnchanged, uploadAs } from '../factories-extra.ts';
import { buildAccreditedAssessor } from '../factories-accreditation.ts';

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
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

function keyPair(): { privateKey: KeyObject; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, pem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

describe('enterprise commitments (Art. 3, 12)', () => {
  it('accepts a statement signed with the organisation’s key and refuses forged or altered ones', async () => {
    const c = await buildCase(base, p, 'open_review');
    const { privateKey, pem } = keyPair();
    const { keyId } = await registerSupplierKey(as(p.supplier), { publicKeyPem: pem, label: 'compliance officer 2025' });
    const t = COMMITMENT_TEMPLATES.no_hidden_control;
    const stmt = { templateId: 'no_hidden_control', templateVersion: t.version, textDigest: templateDigest(t), caseId: c.id, product: productLabel(c), signedAt: '2025-03-05T01:59:00.000Z' };
    const signature = sign(null, statementBytes(stmt), privateKey).toString('base64');
    const body = { templateId: stmt.templateId, templateVersion: stmt.templateVersion, textDigest: stmt.textDigest, product: stmt.product, signedAt: stmt.signedAt, keyId, signature };
    const loaded = await load(base, p.supplier, c.id);

    const forgedKey = keyPair();
    const forged = sign(null, statementBytes(stmt), forgedKey.privateKey).toString('base64');
    const refusals: [Record<string, unknown>, string][] = [
      [{ ...body, signature: forged }, 'signature'],
      [{ ...body, product: 'EdgeRouter X9 9.9.9' }, 'product'],
      [{ ...body, signedAt: '2025-03-05T01:59:01.000Z' }, 'signature'],
      [{ ...body, textDigest: '0'.repeat(64) }, 'text_digest'],
      [{ ...body, templateVersion: 2 }, 'template_version'],
      [{ ...body, signature: Buffer.alloc(10).toString('base64') }, 'encoding'],
    ];
    for (const [b, reason] of refusals) {
      const e = await refusedUnchanged(db, () => signCommitment(as(p.supplier), loaded, b));
      expect([e.code, e.extra.reason], e.message).toEqual(['signature_invalid', reason]);
    }
    // The right signature from another supplier's key, or submitted by someone who isn't the supplier.
    const other = await buildUser(base, 'supplier');
    const otherKey = await registerSupplierKey(as(other), { publicKeyPem: forgedKey.pem, label: 'other' });
    const e = await refusedUnchanged(db, () => signCommitment(as(p.supplier), loaded, { ...body, keyId: otherKey.keyId, signature: forged }));
    expect([e.code, e.extra.reason]).toEqual(['signature_invalid', 'unknown_key']);
    expect((await refusedUnchanged(db, () => signCommitment(as(p.outsider), loaded, body))).code).toBe('not_found');
    expect((await refusedUnchanged(db, () => signCommitment(as(p.office), loaded, body))).code).toBe('forbidden');

    const { id } = await signCommitment(as(p.supplier), loaded, body);
    expect((await refusedUnchanged(db, () => signCommitment(as(p.supplier), loaded, body))).code).toBe('conflict');
    const [listed] = await listCommitments(as(p.office), loaded);
    expect(listed).toMatchObject({ id, templateId: 'no_hidden_control', keyId, signature });
    expect(listed!.signedStatement).toBe(statementBytes(stmt).toString('utf8'));
  });

  it('refuses a key that is not Ed25519, or registered by anyone but a supplier', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const e = await refusedUnchanged(db, () => registerSupplierKey(as(p.supplier), { publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), label: 'x' }));
    expect(e.message).toMatch(/is a ec key; an Ed25519 key is required/);
    expect((await refusedUnchanged(db, () => registerSupplierKey(as(p.supplier), { publicKeyPem: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----', label: 'x' }))).code).toBe('validation_failed');
    expect((await refusedUnchanged(db, () => registerSupplierKey(as(p.assessor), { publicKeyPem: keyPair().pem, label: 'x' }))).code).toBe('forbidden');
  });
});

describe('public supervision: breach reports (Art. 3)', () => {
  it('takes a report without sign-in; the Office sends the supervised case back to re-review, once', async () => {
    const c = await buildCase(base, p, 'open_review');
    await driveTo(base, p, c.id, 'supervision');
    const r = await reportBreach(as({ kind: 'public' }), { caseRef: c.ref, templateId: 'no_illegal_data_collection', product: c.product_name, description: 'The router phones home with user traffic summaries.' });
    expect((await db.query<{ case_id: string }>('SELECT case_id FROM breach_reports WHERE id = $1', [r.id])).rows[0]!.case_id).toBe(c.id);
    expect((await refusedUnchanged(db, () => triageBreachReport(as(p.supplier), r.id, { outcome: 'dismiss', reason: 'x' }))).code).toBe('forbidden');
    const t = await triageBreachReport(as(p.office), r.id, { outcome: 'rereview', reason: 'credible telemetry evidence' });
    expect(t).toEqual({ status: 'rereview_opened', caseId: c.id });
    expect((await load(base, p.office, c.id)).state).toBe('rereview');
    expect((await refusedUnchanged(db, () => triageBreachReport(as(p.office), r.id, { outcome: 'dismiss', reason: 'again' }))).code).toBe('illegal_status_change');
  });

  it('does not link a report to an unpublished case; the Office can open a new case or dismiss', async () => {
    const hidden = await buildCase(base, p, 'open_review');
    const r = await reportBreach(as({ kind: 'public' }), { caseRef: hidden.ref, product: 'Some switch', description: 'Suspected remote kill switch in firmware.' });
    expect((await db.query<{ case_id: string | null }>('SELECT case_id FROM breach_reports WHERE id = $1', [r.id])).rows[0]!.case_id).toBeNull();
    const t = await triageBreachReport(as(p.office), r.id, { outcome: 'new_case', reason: 'worth a review', title: 'Review of Some switch', supplierOrgId: p.supplier.orgId });
    expect((await load(base, p.office, t.caseId!)).state).toBe('triage');
    const r2 = await reportBreach(as({ kind: 'public' }), { product: 'X', description: 'Nothing specific, just a feeling.' });
    expect((await triageBreachReport(as(p.office), r2.id, { outcome: 'dismiss', reason: 'no facts' })).status).toBe('dismissed');
    expect((await refusal(reportBreach(as({ kind: 'public' }), { product: 'X', description: 'short' }))).code).toBe('validation_failed');
  });
});

/** A case in assessing with its own assessor, whose staff read the supplier's material once. */
async function assessedCase() {
  const assessorOrg = await buildAccreditedAssessor(base);
  const staff = await buildUser(base, 'third_party_assessor', { orgId: assessorOrg.id });
  const c = await buildCase(base, p, 'open_review');
  await driveTo(base, p, c.id, 'planning');
  await act(base, p.office, c.id, 'assign_assessor', { assessorOrgId: assessorOrg.id });
  await act(base, p.office, c.id, 'assign_expert', { expertUserId: p.expert.userId });
  await act(base, p.office, c.id, 'start_assessment');
  const m = await uploadAs(base, p.supplier, c.id);
  await acceptUndertaking(as(staff), await load(base, staff, c.id));
  const { stream } = await readMaterial(as(staff), await load(base, staff, c.id), m.id);
  stream.destroy();
  const seq = Number((await db.query<{ seq: string }>(`SELECT max(seq)::text AS seq FROM audit_events WHERE type = 'material.read' AND case_id = $1`, [c.id])).rows[0]!.seq);
  return { c, assessorOrg, staff, seq };
}

describe('complaints (Art. 14) and violations (Art. 15)', () => {
  it('files with this case’s access log as evidence; an upheld complaint reassigns and suspends', async () => {
    const { c, assessorOrg, staff, seq } = await assessedCase();
    const other = await assessedCase();
    const loaded = await load(base, p.supplier, c.id);
    const complaint = { respondentOrgId: assessorOrg.id, respondentUserId: staff.userId, grounds: 'leak', description: 'Our design documents appeared at a competitor after this read.', evidenceSeqs: [seq] };
    // Another case's log entry, or an entry that isn't a material read, is refused.
    const e1 = await refusedUnchanged(db, () => fileComplaint(as(p.supplier), loaded, { ...complaint, evidenceSeqs: [seq, other.seq] }));
    expect([e1.code, e1.message]).toEqual(['validation_failed', `evidence #${other.seq} is not an entry of this case's material access log`]);
    expect(e1.extra.errors).toEqual([{ path: '/body/evidenceSeqs/1', message: 'not a read of this case’s material' }]);
    expect((await refusedUnchanged(db, () => fileComplaint(as(p.supplier), loaded, { ...complaint, evidenceSeqs: [1] }))).code).toBe('validation_failed');
    expect((await refusedUnchanged(db, () => fileComplaint(as(p.supplier), loaded, { ...complaint, respondentOrgId: p.office.orgId, respondentUserId: undefined }))).message).toMatch(/not a review_office/);
    expect((await refusedUnchanged(db, () => fileComplaint(as(p.supplier), loaded, { ...complaint, respondentUserId: p.assessor.userId }))).extra.errors?.[0]?.path).toBe('/body/respondentUserId');
    expect((await refusedUnchanged(db, () => fileComplaint(as(p.operator), loaded, complaint))).code).toBe('not_found');

    const { id } = await fileComplaint(as(p.supplier), loaded, complaint);
    expect((await refusedUnchanged(db, () => decideComplaint(as(p.office), id, { action: 'uphold', reason: 'x' }))).code).toBe('illegal_status_change');
    clock.set('2025-03-05T03:00:00Z');
    await decideComplaint(as(p.office), id, { action: 'investigate', reason: 'access log matches the leak date' });
    clock.set('2025-03-05T04:00:00Z');
    const r = await decideComplaint(as(p.office), id, { action: 'uphold', reason: 'leak confirmed', remedies: ['reassignment', 'suspend_accreditation'] });
    clock.set('2025-03-05T02:00:00Z');
    expect(r).toEqual({ status: 'upheld', remedies: ['reassignment', 'suspend_accreditation'] });
    const after = await load(base, p.office, c.id);
    expect([after.state, after.assessor_org_id]).toEqual(['assessing', null]);
    const [acc] = await listAccreditations(as(p.office), { orgId: assessorOrg.id });
    expect(acc!.status).toBe('suspended');
    expect(await count(`case_flags WHERE case_id = $1 AND kind = 'reassignment_required' AND resolved_at IS NULL`, [c.id])).toBe(1);
    expect(await count(`audit_events WHERE case_id = $1 AND type = 'assessor.cleared'`, [c.id])).toBe(1);
    const [mine] = await listComplaints(as(p.supplier), { caseId: c.id });
    expect(mine).toMatchObject({ status: 'upheld', evidenceSeqs: [seq] });
    expect(mine!.history.map((h) => h.to)).toEqual(['filed', 'investigating', 'upheld']);

    // A new draw replaces the assessor, never picking the respondent again, and settles the flag.
    const d = await drawAssessor(as(p.office), await load(base, p.office, c.id), {});
    expect(d.eligible).not.toContain(assessorOrg.id);
    expect((await load(base, p.office, c.id)).assessor_org_id).toBe(d.assessorOrgId);
    expect(await count(`case_flags WHERE case_id = $1 AND resolved_at IS NULL`, [c.id])).toBe(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('records violations with the law relied on, through open → penalised → closed', async () => {
    const { id } = await recordViolation(as(p.office), { partyOrgId: p.assessor.orgId, law: '《中华人民共和国网络安全法》', article: '第六十六条', description: 'Disclosed review information' });
    expect((await refusedUnchanged(db, () => changeViolationStatus(as(p.supplier), id, { action: 'close', note: 'x' }))).code).toBe('forbidden');
    expect((await changeViolationStatus(as(p.office), id, { action: 'penalise', note: 'fine of 100,000 CNY' })).status).toBe('penalised');
    expect((await changeViolationStatus(as(p.committee), id, { action: 'close', note: 'paid' })).status).toBe('closed');
    expect((await refusedUnchanged(db, () => changeViolationStatus(as(p.office), id, { action: 'penalise', note: 'x' }))).code).toBe('illegal_status_change');
    const stranger: UserActor = await buildUser(base, 'supplier');
    expect((await refusedUnchanged(db, () => recordViolation(as(p.office), { partyOrgId: p.assessor.orgId, partyUserId: stranger.userId, law: 'x', article: '1', description: 'x' }))).extra.errors?.[0]?.path).toBe('/body/partyUserId');
  });
});
