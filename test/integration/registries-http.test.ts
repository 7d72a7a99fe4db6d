import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, systemCtx } from '../factories.ts';
import { auditHeadSeq, dbFingerprint, driveTo } from '../factories-extra.ts';
import { buildAccreditedAssessor } from '../factories-accreditation.ts';
import { sessionCookie } from '../http-session.ts';

let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;
let base: ActorContext;
let p: Parties;
const cookies = new Map<keyof Parties, string>();

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db, tempBlobDir());
  p = await buildParties(base);
  app = await buildApp({ db, blobDir: base.blobDir, version: 'test' });
  for (const k of ['office', 'supplier', 'committee'] as const) {
    cookies.set(k, await sessionCookie(app, p[k]));
  }
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

function req(method: 'GET' | 'POST' | 'PUT', url: string, as?: keyof Parties, payload?: object): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: as ? { cookie: cookies.get(as)! } : {}, ...(payload ? { payload } : {}) });
}

function problem(r: LightMyRequestResponse, status: number, code: string) {
  expect(r.headers['content-type'], r.body).toMatch(/^application\/problem\+json/);
  expect([r.statusCode, r.json().code], r.body).toEqual([status, code]);
  return r.json();
}

describe('registry routes', () => {
  it('publishes every route in OpenAPI', async () => {
    const paths = Object.keys((await req('GET', '/api/openapi.json')).json().paths);
    for (const path of ['/api/v1/accreditations', '/api/v1/cases/{id}/assessor-draw', '/api/v1/cases/{id}/assessor-draws', '/api/v1/cases/{id}/commitments', '/api/v1/breach-reports', '/api/v1/cases/{id}/complaints', '/api/v1/violations']) {
      expect(paths).toContain(path);
    }
  });

  it('the Office sets a scope and draws; anyone on the case re-checks the draw', async () => {
    await buildAccreditedAssessor(base, { productCategories: ['industrial_control'], methods: ['onsite_check'], validFrom: '2020-01-01', validTo: '2099-01-01' });
    const c = await buildCase(base, p, 'open_review');
    await driveTo(base, p, c.id, 'planning');
    expect((await req('PUT', `/api/v1/cases/${c.id}/scope`, 'office', { productCategory: 'industrial_control', assessmentMethods: ['onsite_check'] })).statusCode).toBe(200);
    problem(await req('POST', `/api/v1/cases/${c.id}/assessor-draw`, 'supplier', {}), 403, 'forbidden');
    const d = await req('POST', `/api/v1/cases/${c.id}/assessor-draw`, 'office', {});
    expect(d.statusCode, d.body).toBe(201);
    const v = await req('GET', `/api/v1/cases/${c.ref}/assessor-draws`, 'supplier');
    expect(v.json()).toMatchObject({ verdict: 'REPRODUCED', draws: [{ assessorOrgId: d.json().assessorOrgId, seed: d.json().seed }] });
    problem(await req('GET', `/api/v1/cases/${c.id}/assessor-draws`), 404, 'not_found');
  });

  it('refuses registry changes by the wrong party or without sign-in, changing nothing', async () => {
    const before = await dbFingerprint(db);
    const a = await buildAccreditedAssessor(base);
    const after = await dbFingerprint(db);
    problem(await req('POST', `/api/v1/accreditations/${a.accreditationId}/status`, 'supplier', { action: 'suspend', reason: 'x' }), 403, 'forbidden');
    problem(await req('POST', '/api/v1/accreditations', undefined, { orgId: a.id, productCategories: ['cloud_service'], methods: ['lab_testing'], validFrom: '2025-01-01', validTo: '2025-02-01', reason: 'x' }), 401, 'unauthenticated');
    problem(await req('POST', `/api/v1/accreditations/${a.accreditationId}/status`, 'office', { action: 'pause', reason: 'x' }), 400, 'validation_failed');
    expect(await dbFingerprint(db)).toEqual(after);
    expect(after).not.toEqual(before);
  });

  it('the Office’s organisation list shows each assessor’s standing in the registry', async () => {
    const a = await buildAccreditedAssessor(base, { validFrom: '2020-01-01', validTo: '2099-01-01' });
    const lapsed = await buildAccreditedAssessor(base, { validFrom: '2020-01-01', validTo: '2021-01-01' });
    const items = (await req('GET', '/api/v1/organisations', 'office')).json().items as { id: string; accreditation: unknown }[];
    expect(items.find((o) => o.id === a.id)!.accreditation).toEqual({ activeToday: true, statuses: ['active'], validTo: '2099-01-01' });
    expect(items.find((o) => o.id === lapsed.id)!.accreditation).toMatchObject({ activeToday: false });
    expect(items.find((o) => o.id === p.supplier.orgId)!.accreditation).toBeNull();
    const forSupplier = (await req('GET', '/api/v1/organisations', 'supplier')).json().items as Record<string, unknown>[];
    expect(forSupplier.every((o) => !('accreditation' in o))).toBe(true);
  });

  it('takes a breach report from anyone; refuses a forged commitment with 422', async () => {
    const r = await req('POST', '/api/v1/breach-reports', undefined, { product: 'EdgeRouter X9', description: 'Undocumented remote management port found.' });
    expect(r.statusCode, r.body).toBe(201);
    const templates = (await req('GET', '/api/v1/commitment-templates')).json().items;
    expect(templates).toHaveLength(5);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const k = await req('POST', '/api/v1/supplier-keys', 'supplier', { publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), label: 'http test' });
    expect(k.statusCode, k.body).toBe(201);
    const c = await buildCase(base, p, 'open_review');
    const t = templates[0];
    const seq = await auditHeadSeq(db);
    const forged = sign(null, Buffer.from('something else'), privateKey).toString('base64');
    const body = { templateId: t.id, templateVersion: t.version, textDigest: t.textDigest, product: 'EdgeRouter X9 4.2.1', signedAt: new Date().toISOString(), keyId: k.json().keyId, signature: forged };
    const e = problem(await req('POST', `/api/v1/cases/${c.id}/commitments`, 'supplier', body), 422, 'signature_invalid');
    expect(e.detail).toMatch(/does not verify/);
    expect(await auditHeadSeq(db)).toBe(seq);
  });

  it('refuses a complaint citing an entry that is not this case’s access log', async () => {
    const c = await buildCase(base, p, 'open_review');
    const e = problem(await req('POST', `/api/v1/cases/${c.id}/complaints`, 'supplier', { respondentOrgId: p.assessor.orgId, grounds: 'bias', description: 'The assessor favoured a competitor.', evidenceSeqs: [1] }), 400, 'validation_failed');
    expect(e.errors).toEqual([{ path: '/body/evidenceSeqs/0', message: 'not a read of this case’s material' }]);
    expect((await req('GET', '/api/v1/complaints', 'committee')).statusCode).toBe(200);
  });
});
