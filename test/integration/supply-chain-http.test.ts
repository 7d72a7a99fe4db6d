import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import { buildApp } from '../../src/http/app.ts';
import { runPendingJobs } from '../../src/services/jobs/run-pending-jobs.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, systemCtx } from '../factories.ts';
import { auditHeadSeq, dbFingerprint, driveTo } from '../factories-extra.ts';
import { cycloneDxSbom, osvRecord } from '../factories-supply-chain.ts';
import { sessionCookie } from '../http-session.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let app: FastifyInstance;
let ctx: ActorContext;
let p: Parties;
const cookies = new Map<keyof Parties, string>();
let caseId = '';
let analysisId = '';

const signIn = (user: UserActor): Promise<string> => sessionCookie(app, user);

function get(url: string, as?: keyof Parties): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: as ? { cookie: cookies.get(as)! } : {} });
}

function post(url: string, as: keyof Parties | undefined, payload: string | Buffer, contentType: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, ...(as ? { cookie: cookies.get(as)! } : {}) } });
}

beforeAll(async () => {
  db = await openTestDb();
  const blobDir = tempBlobDir();
  ctx = systemCtx(db, blobDir);
  p = await buildParties(ctx);
  app = await buildApp({ db, blobDir, version: 'test' });
  for (const k of ['office', 'assessor', 'expert', 'supplier', 'committee', 'operator', 'outsider'] as const) cookies.set(k, await signIn(p[k] as UserActor & { password: string }));
  const c = await buildCase(ctx, p);
  caseId = c.id;
  await driveTo(ctx, p, c.id, 'assessing');
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('supply-chain API', () => {
  it('the Office imports an advisory as JSON; re-import changes nothing', async () => {
    const doc = JSON.stringify(osvRecord({ id: 'GHSA-http-minimist', pkg: 'minimist', fixed: '1.2.6', aliases: ['CVE-2099-0100'] }));
    const r = await post('/api/v1/advisories/import', 'office', doc, 'application/json');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 1, unchanged: 0, affectedProducts: 0 });
    const again = await post('/api/v1/advisories/import', 'office', doc, 'application/json');
    expect(again.json()).toMatchObject({ imported: 0, unchanged: 1 });
  });

  it('a zip of advisories imports too, skipping what is not an advisory', async () => {
    const zip = zipSync({ 'npm/GHSA-http-qs.json': strToU8(JSON.stringify(osvRecord({ id: 'GHSA-http-qs', pkg: 'qs', fixed: '6.10.3' }))), 'README.md': strToU8('# notes') });
    const r = await post('/api/v1/advisories/import', 'office', Buffer.from(zip), 'application/zip');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 1, skipped: 1 });
  });

  it('only the Office imports advisories; a document with no advisory is refused and changes nothing', async () => {
    const doc = JSON.stringify(osvRecord({ id: 'GHSA-http-nope', pkg: 'x' }));
    expect((await post('/api/v1/advisories/import', 'supplier', doc, 'application/json')).statusCode).toBe(403);
    expect((await post('/api/v1/advisories/import', undefined, doc, 'application/json')).statusCode).toBe(401);
    const before = await auditHeadSeq(db);
    const bad = await post('/api/v1/advisories/import', 'office', Buffer.from('PK\u0003\u0004garbage'), 'application/zip');
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    expect(await auditHeadSeq(db)).toBe(before);
  });

  it('an SBOM upload is analysed by the job and its findings are served to those who review the case', async () => {
    const sbom = cycloneDxSbom({ name: 'Router', version: '9' }, [{ name: 'minimist', version: '1.2.5' }, { name: 'qs', version: '6.10.1' }, { name: 'chalk', version: '5.0.0' }]);
    const up = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/materials?filename=bom.cdx.json&kind=sbom&authenticityStatement=${encodeURIComponent('We attest this SBOM is authentic.')}`,
      payload: sbom,
      headers: { 'content-type': 'application/octet-stream', cookie: cookies.get('supplier')! },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(await runPendingJobs(ctx)).toMatchObject({ succeeded: 1, failed: [] });

    const list = await get(`/api/v1/cases/${caseId}/sbom-analyses`, 'assessor');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toMatchObject([{ state: 'succeeded', componentCount: 3, findingCount: 2 }]);
    analysisId = list.json().items[0].id;

    const one = await get(`/api/v1/sbom-analyses/${analysisId}`, 'expert');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ format: 'cyclonedx-json', ntia: expect.any(Object), provenance: { components: 3 }, counts: { total: 2 } });

    const page1 = await get(`/api/v1/sbom-analyses/${analysisId}/findings?limit=1`, 'supplier');
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items).toHaveLength(1);
    expect(page1.json().nextCursor).toBe('1');
    const page2 = await get(`/api/v1/sbom-analyses/${analysisId}/findings?limit=1&cursor=1`, 'office');
    expect(page2.json()).toMatchObject({ items: [{ seq: 2 }], nextCursor: null });
    const ids = [page1.json().items[0].advisoryId, page2.json().items[0].advisoryId].sort();
    expect(ids).toEqual(['GHSA-http-minimist', 'GHSA-http-qs']);
    const filtered = await get(`/api/v1/sbom-analyses/${analysisId}/findings?category=1`, 'office');
    expect(filtered.json().items).toEqual([]);
  });

  it('refuses others: the committee (403), an unrelated supplier and the public (404); bad filters (400)', async () => {
    expect((await get(`/api/v1/sbom-analyses/${analysisId}`, 'committee')).statusCode).toBe(403);
    expect((await get(`/api/v1/sbom-analyses/${analysisId}/findings`, 'outsider')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${caseId}/sbom-analyses`, 'outsider')).statusCode).toBe(404);
    expect((await get(`/api/v1/sbom-analyses/${analysisId}`)).statusCode).toBe(404);
    const bad = await get(`/api/v1/sbom-analyses/${analysisId}/findings?severity=dire`, 'office');
    expect(bad.statusCode).toBe(400);
    expect((await get('/api/v1/sbom-analyses/00000000-0000-0000-0000-000000000000', 'office')).statusCode).toBe(404);
  });

  it('advisory impact: the Office sees the product versions hit, by id or alias; nobody else', async () => {
    const r = await get('/api/v1/advisories/CVE-2099-0100/impact', 'office');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ advisory: { id: 'GHSA-http-minimist' }, impacts: [{ caseId, productName: 'EdgeRouter X9', components: [{ name: 'minimist', version: '1.2.5' }] }] });
    expect((await get('/api/v1/advisories/GHSA-http-minimist/impact', 'assessor')).statusCode).toBe(403);
    expect((await get('/api/v1/advisories/GHSA-unknown/impact', 'office')).statusCode).toBe(404);
  });

  it('publishes the endpoints in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of ['/api/v1/cases/{id}/sbom-analyses', '/api/v1/sbom-analyses/{id}', '/api/v1/sbom-analyses/{id}/findings', '/api/v1/advisories/{id}/impact', '/api/v1/advisories/import']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it('VEX statements uploaded to the case have its SBOMs analysed again, the finding suppressed with its justification kept', async () => {
    const vex = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      serialNumber: 'urn:uuid:7d0c3f4e-2f7e-4c55-9d8e-1c2b3a4d5e6f',
      vulnerabilities: [
        { id: 'GHSA-http-qs', analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'qs only ever parses query strings the router builds itself.' }, affects: [{ ref: 'pkg:npm/qs@6.10.1' }] },
      ],
    };
    const upload = (body: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/materials?filename=router.vex.json&kind=vex&authenticityStatement=${encodeURIComponent('We attest these VEX statements are ours.')}`,
        payload: body,
        headers: { 'content-type': 'application/octet-stream', cookie: cookies.get('supplier')! },
      });
    // What is not VEX is refused at the upload, naming why, and nothing is stored or queued.
    const before = await dbFingerprint(db);
    const notVex = await upload(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT' }));
    expect(notVex.statusCode, notVex.body).toBe(400);
    expect(notVex.json()).toMatchObject({ code: 'validation_failed', detail: expect.stringContaining('SPDX document') });
    const empty = await upload(JSON.stringify({ ...vex, vulnerabilities: [{ id: 'GHSA-http-qs' }] }));
    expect(empty.statusCode, empty.body).toBe(400);
    expect(await dbFingerprint(db)).toEqual(before);

    const up = await upload(JSON.stringify(vex));
    expect(up.statusCode, up.body).toBe(201);
    expect(await runPendingJobs(ctx)).toMatchObject({ succeeded: 1, failed: [] });
    const list = (await get(`/api/v1/cases/${caseId}/sbom-analyses`, 'office')).json().items as { id: string; state: string; counts: { total: number; suppressed: number } }[];
    expect(list.map((a) => a.state)).toEqual(['succeeded', 'succeeded']);
    const again = list.find((a) => a.id !== analysisId)!;
    expect(again.counts).toMatchObject({ total: 2, suppressed: 1 });
    const findings = (await get(`/api/v1/sbom-analyses/${again.id}/findings`, 'assessor')).json().items as { advisoryId: string; suppressed: unknown }[];
    expect(findings.find((f) => f.advisoryId === 'GHSA-http-qs')?.suppressed).toEqual({
      status: 'not_affected',
      justification: 'code_not_reachable',
      impactStatement: 'qs only ever parses query strings the router builds itself.',
      vulnerability: 'GHSA-http-qs',
      source: expect.stringContaining('router.vex.json'),
    });
    expect(findings.find((f) => f.advisoryId === 'GHSA-http-minimist')?.suppressed).toBeNull();
    // The first analysis stands as it was made.
    expect((await get(`/api/v1/sbom-analyses/${analysisId}`, 'office')).json().counts).toMatchObject({ total: 2, suppressed: 0 });
  });
});
