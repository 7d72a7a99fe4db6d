import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { systemCtx } from '../factories.ts';
import { act } from '../factories-extra.ts';
import { buildCaseInAssessment, undertake } from '../factories-assessment.ts';
import { buildAccreditedAssessor } from '../factories-accreditation.ts';
import { sessionCookie } from '../http-session.ts';

/**
 * The abilities the web application reads instead of re-deriving permissions: the case's area
 * abilities (panel, assessment, registry), a finding's next statuses, an accreditation's actions.
 */
let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;
let base: ActorContext;
let p: Parties;
let caseId: string;
const cookies = new Map<string, string>();

async function get(u: UserActor, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) {
  let cookie = cookies.get(u.username);
  if (!cookie) {
    cookie = await sessionCookie(app, u);
    cookies.set(u.username, cookie);
  }
  return app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db, tempBlobDir());
  const r = await buildCaseInAssessment(base);
  p = r.p;
  caseId = r.c.id;
  app = await buildApp({ db, blobDir: tempBlobDir(), version: 'test' });
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('abilities serialized for the web application', () => {
  it('the case view carries each area’s abilities by the viewer’s role', async () => {
    const office = (await get(p.office, `/api/v1/cases/${caseId}`)).json();
    expect(office.panelAbilities).toMatchObject({ 'panel.propose_members': true, 'panel.sign': true, 'panel.score': false, 'report.generate': true });
    expect(office.assessmentAbilities).toMatchObject({ 'assessment.read_plan': true, 'assessment.plan': false });
    expect(office.registryAbilities).toMatchObject({ 'assignment.draw': true, 'case.set_scope': true, 'complaint.file': false });
    const supplier = (await get(p.supplier, `/api/v1/cases/${caseId}`)).json();
    expect(supplier.panelAbilities).toMatchObject({ 'panel.read': false, 'decision.read': true, 'condition.update': false });
    expect(supplier.registryAbilities).toMatchObject({ 'complaint.file': true, 'commitment.sign': true, 'assignment.draw': false });
    const assessor = (await get(p.assessor, `/api/v1/cases/${caseId}`)).json();
    expect(assessor.assessmentAbilities).toMatchObject({ 'assessment.plan': true, 'finding.import_sarif': true });
  });

  it('a finding lists the status moves this viewer may make; the Office and the assessor differ', async () => {
    await undertake(base, p.assessor, caseId);
    await act(base, p.assessor, caseId, 'record_finding', { category: 2, severity: 'high', title: 'Unsigned update channel', method: 'lab_testing' });
    const list = (await get(p.assessor, `/api/v1/cases/${caseId}/findings`)).json() as { items: { id: string }[] };
    const fid = list.items[0]!.id;
    expect((await get(p.assessor, `/api/v1/cases/${caseId}/findings/${fid}`)).json().nextStatuses).toEqual(['mitigating', 'closed']);
    expect((await get(p.office, `/api/v1/cases/${caseId}/findings/${fid}`)).json().nextStatuses).toEqual(['accepted']);
    expect((await get(p.supplier, `/api/v1/cases/${caseId}/findings/${fid}`)).json().nextStatuses).toEqual([]);
  });

  it('an accreditation lists the status changes open to the Office now; an assessor gets none', async () => {
    const org = await buildAccreditedAssessor(base);
    const rows = (await get(p.office, `/api/v1/accreditations?orgId=${org.id}`)).json().items as { id: string; actions: string[] }[];
    expect(rows.map((r) => r.actions)).toEqual([['suspend', 'revoke']]);
    const own = (await get(p.assessor, '/api/v1/accreditations')).json().items as { actions: string[] }[];
    expect(own.every((r) => r.actions.length === 0)).toBe(true);
  });

  it('the decision carries whether the viewer may update its conditions', async () => {
    const r = await get(p.office, `/api/v1/cases/${caseId}/decision`);
    expect(r.json().abilities).toEqual({ 'condition.update': true });
    expect((await get(p.supplier, `/api/v1/cases/${caseId}/decision`)).json().abilities).toEqual({ 'condition.update': false });
  });

  it('the supplier gets the canonical statement to sign offline; signed, it is accepted; others get none', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const reg = await get(p.supplier, '/api/v1/supplier-keys', 'POST', { publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), label: 'web test key' });
    expect(reg.statusCode).toBe(201);
    const draft = await get(p.supplier, `/api/v1/cases/${caseId}/commitments/statement?templateId=truthful_materials`);
    expect(draft.statusCode).toBe(200);
    const { statement, canonical } = draft.json() as { statement: Record<string, string | number>; canonical: string };
    expect(JSON.parse(canonical)).toEqual(statement);
    expect(statement.caseId).toBe(caseId);
    const { caseId: _c, ...body } = statement;
    void _c;
    const signature = sign(null, Buffer.from(canonical), privateKey).toString('base64');
    const signed = await get(p.supplier, `/api/v1/cases/${caseId}/commitments`, 'POST', { ...body, keyId: reg.json().keyId, signature });
    expect(signed.statusCode).toBe(201);
    const unknown = await get(p.supplier, `/api/v1/cases/${caseId}/commitments/statement?templateId=no_such_template`);
    expect([unknown.statusCode, unknown.json().errors]).toEqual([400, [{ path: '/query/templateId', message: 'unknown template' }]]);
    expect((await get(p.office, `/api/v1/cases/${caseId}/commitments/statement?templateId=truthful_materials`)).statusCode).toBe(403);
  });
});
