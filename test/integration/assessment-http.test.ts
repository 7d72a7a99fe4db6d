import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import type { CaseRow } from '../../src/db/repos/cases.ts';
import type { ErrorCode } from '../../src/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import { dbFingerprint } from '../factories-extra.ts';
import type { Parties } from '../factories.ts';
import { systemCtx } from '../factories.ts';
import { buildCaseInAssessment } from '../factories-assessment.ts';
import { oscalErrors } from '../oscal.ts';
import { requireSharedData, sharedPath } from '../shared-data.ts';
import { sessionCookie } from '../http-session.ts';

let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;
let base: ActorContext;
let p: Parties;
let c: CaseRow;
const cookies = new Map<string, string>();
let findingId = '';
const sarif = readFileSync(new URL('../fixtures/sarif/firmware-scan.sarif.json', import.meta.url));

const signIn = (user: UserActor): Promise<string> => sessionCookie(app, user);

function req(as: keyof Parties | null, method: 'GET' | 'POST', url: string, payload?: unknown, contentType?: string): Promise<LightMyRequestResponse> {
  const cookie = as ? cookies.get(as) : undefined;
  return app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...(contentType ? { 'content-type': contentType } : {}) }, ...(payload === undefined ? {} : { payload: payload as string | Buffer | object }) });
}

function problem(res: LightMyRequestResponse, status: number, code: ErrorCode) {
  expect(res.headers['content-type'], res.body).toMatch(/^application\/problem\+json/);
  expect({ status: res.statusCode, code: res.json().code }, res.body).toEqual({ status, code });
  return res.json();
}

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db);
  ({ p, c } = await buildCaseInAssessment(base));
  app = await buildApp({ db, blobDir: tempBlobDir(), version: 'test' });
  for (const k of ['office', 'assessor', 'expert', 'supplier', 'outsider'] as const) cookies.set(k, await signIn(p[k] as UserActor & { password: string }));
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('assessment over HTTP', () => {
  let activityId = '';
  let evidenceId = '';

  it('plans an activity and shows the plan by role', async () => {
    const r = await req('assessor', 'POST', `/api/v1/cases/${c.id}/assessment-plan/activities`, { method: 'lab_test', title: 'Firmware', scope: 'Image 4.2.1', people: [p.assessor.userId] });
    expect(r.statusCode, r.body).toBe(201);
    activityId = r.json().id;
    const plan = await req('supplier', 'GET', `/api/v1/cases/${c.ref}/assessment-plan`);
    expect(plan.json()).toMatchObject({ activities: [{ id: activityId, method: 'lab_test', people: [{ userId: p.assessor.userId }] }], evidence: null, abilities: { 'assessment.plan': false } });
    problem(await req('assessor', 'POST', `/api/v1/cases/${c.id}/assessment-plan/activities`, { method: 'lab_test', title: 'x', scope: 'y', colour: 'red' }), 400, 'validation_failed');
    problem(await req('outsider', 'GET', `/api/v1/cases/${c.id}/assessment-plan`), 404, 'not_found');
    const upd = await req('assessor', 'POST', `/api/v1/cases/${c.id}/assessment-plan/activities/${activityId}`, { status: 'in_progress', actualStart: '2026-03-02' });
    expect(upd.json()).toMatchObject({ status: 'in_progress', actualStart: '2026-03-02' });
  });

  it('adds evidence as raw bytes and guards its reading with the undertaking', async () => {
    const r = await req('assessor', 'POST', `/api/v1/cases/${c.id}/evidence?filename=scan.txt&kind=tool_output&activityId=${activityId}`, Buffer.from('port 23 open'), 'application/octet-stream');
    expect(r.statusCode, r.body).toBe(201);
    evidenceId = r.json().id;
    problem(await req('expert', 'GET', `/api/v1/cases/${c.id}/evidence/${evidenceId}/content`), 403, 'undertaking_required');
    expect((await req('expert', 'POST', `/api/v1/cases/${c.id}/undertaking`, {})).statusCode).toBeLessThan(300);
    const read = await req('expert', 'GET', `/api/v1/cases/${c.id}/evidence/${evidenceId}/content`);
    expect(read.body).toBe('port 23 open');
    const custody = await req('office', 'GET', `/api/v1/cases/${c.id}/evidence/${evidenceId}/custody`);
    expect(custody.json().events.map((e: { type: string }) => e.type)).toEqual(['evidence.added', 'evidence.viewed']);
  });

  it('imports SARIF, and refuses a file that is not SARIF with 422 and nothing stored', async () => {
    const r = await req('assessor', 'POST', `/api/v1/cases/${c.id}/findings/import-sarif?filename=firmscan.sarif`, sarif, 'application/sarif+json');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().findingIds).toHaveLength(4);
    findingId = r.json().findingIds[0];
    const before = await dbFingerprint(db);
    const bad = problem(await req('assessor', 'POST', `/api/v1/cases/${c.id}/findings/import-sarif?filename=x.sarif`, Buffer.from('{"version":"2.0.0","runs":[]}'), 'application/octet-stream'), 422, 'invalid_document');
    expect(bad.errors).toEqual([{ path: '/version', message: 'is "2.0.0", only SARIF "2.1.0" is accepted' }]);
    problem(await req('supplier', 'POST', `/api/v1/cases/${c.id}/findings/import-sarif?filename=x.sarif`, sarif, 'application/sarif+json'), 403, 'forbidden');
    expect(await dbFingerprint(db)).toEqual(before);
  });

  it('cites clauses, moves status, and refuses an illegal move or an unknown clause, changing nothing', async () => {
    const cited = await req('assessor', 'POST', `/api/v1/cases/${c.id}/findings/${findingId}/clauses`, { clauses: [{ catalogueId: 'gbt-36637-2018', clauseId: 'sA.1' }] });
    expect(cited.json().clauses).toEqual([{ catalogueId: 'gbt-36637-2018', clauseId: 'sA.1', label: 'A.1', title: 'Malicious tampering', titleZh: '恶意篡改' }]);
    expect((await req('assessor', 'POST', `/api/v1/cases/${c.id}/findings/${findingId}/status`, { status: 'closed', reason: 'Credential removed' })).json().status).toBe('closed');
    const before = await dbFingerprint(db);
    const illegal = problem(await req('assessor', 'POST', `/api/v1/cases/${c.id}/findings/${findingId}/status`, { status: 'mitigating', reason: 'x' }), 409, 'illegal_status_change');
    expect(illegal.allowed).toEqual(['open']);
    const unknown = problem(await req('assessor', 'POST', `/api/v1/cases/${c.id}/findings/${findingId}/clauses`, { clauses: [{ catalogueId: 'gbt-36637-2018', clauseId: 'sZ.9' }] }), 400, 'validation_failed');
    expect(unknown.errors[0].path).toBe('/body/clauses/0');
    expect(await dbFingerprint(db)).toEqual(before);
    const detail = await req('expert', 'GET', `/api/v1/cases/${c.id}/findings/${findingId}`);
    expect(detail.json().history).toMatchObject([{ from: 'open', to: 'closed', reason: 'Credential removed' }]);
    const open = await req('office', 'GET', `/api/v1/cases/${c.id}/findings?status=open&status=mitigating`);
    expect(open.json().items).toHaveLength(3);
  });

  it('shows information requests with due dates', async () => {
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect((await req('assessor', 'POST', `/api/v1/cases/${c.id}/actions/request_supplement`, { request: 'Build records', dueDate: due })).statusCode).toBe(200);
    const list = await req('supplier', 'GET', `/api/v1/cases/${c.id}/information-requests`);
    expect(list.json().items.at(-1)).toMatchObject({ request: 'Build records', dueDate: due, overdue: false });
    problem(await req('assessor', 'POST', `/api/v1/cases/${c.id}/actions/request_supplement`, { request: 'x', dueDate: '31-12-2026' }), 400, 'validation_failed');
  });

  it.skipIf(!requireSharedData('OSCAL over HTTP'))('serves OSCAL documents that validate, and refuses an unknown kind', async () => {
    for (const kind of ['assessment-plan', 'assessment-results', 'poam']) {
      const r = await req('office', 'GET', `/api/v1/cases/${c.id}/oscal/${kind}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(oscalErrors('complete-1.1.2', r.json())).toEqual([]);
    }
    problem(await req('office', 'GET', `/api/v1/cases/${c.id}/oscal/ssp`), 400, 'validation_failed');
    problem(await req('supplier', 'GET', `/api/v1/cases/${c.id}/oscal/poam`), 403, 'forbidden');
  });
});

describe('catalogues over HTTP', () => {
  it('lists and filters clauses for any signed-in user; anonymous is refused', async () => {
    const list = await req('assessor', 'GET', '/api/v1/catalogues');
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain('gbt-35273-2020');
    const clauses = await req('expert', 'GET', '/api/v1/catalogues/gbt-35273-2020?q=8.3');
    expect(clauses.json().items).toEqual([{ clauseId: 's8.3', parentId: 's8', kind: 'control', label: '8.3', title: 'Deleting it', titleZh: '删除' }]);
    problem(await req(null, 'GET', '/api/v1/catalogues'), 401, 'unauthenticated');
    problem(await req('office', 'GET', '/api/v1/catalogues/no-such'), 404, 'not_found');
  });

  it.skipIf(!requireSharedData('catalogue import over HTTP'))('imports NIST SP 800-53 as the Office, exports it as valid OSCAL, and refuses non-OSCAL', async () => {
    const nist = readFileSync(sharedPath('oscal/nist-oscal-content/historical-a849dbca4649e0cc626fefdd46cf5232c8308f4c/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json'));
    problem(await req('assessor', 'POST', '/api/v1/catalogues?id=nist', nist, 'application/json'), 403, 'forbidden');
    const r = await req('office', 'POST', '/api/v1/catalogues?id=nist-sp-800-53-rev5', nist, 'application/json');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ id: 'nist-sp-800-53-rev5', clauses: 1209 });
    const cited = await req('assessor', 'POST', `/api/v1/cases/${c.id}/findings/${findingId}/clauses`, { clauses: [{ catalogueId: 'nist-sp-800-53-rev5', clauseId: 'ia-5.1' }, { catalogueId: 'nist-sp-800-53-rev5', clauseId: 'sr-11' }] });
    expect(cited.json().clauses.filter((x: { catalogueId: string }) => x.catalogueId.startsWith('nist')).map((x: { label: string; title: string }) => `${x.label} ${x.title}`)).toEqual(['IA-5(1) Password-based Authentication', 'SR-11 Component Authenticity']);
    const out = await req('supplier', 'GET', '/api/v1/catalogues/nist-sp-800-53-rev5/oscal');
    expect(oscalErrors('complete-1.1.2', out.json())).toEqual([]);
    const before = await dbFingerprint(db);
    const bad = problem(await req('office', 'POST', '/api/v1/catalogues?id=fake', { 'assessment-plan': {} }), 422, 'invalid_document');
    expect(bad.errors[0]).toEqual({ path: '/catalog', message: 'this is an OSCAL assessment-plan, not a catalog' });
    problem(await req('office', 'POST', '/api/v1/catalogues?id=Bad%20Id', nist, 'application/json'), 400, 'validation_failed');
    expect(await dbFingerprint(db)).toEqual(before);
  });
});
