import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import { buildApp } from '../../src/http/app.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { verifyReportFile } from '../../src/reports/signed-file.ts';
import { keyDirFor, localPublicKeys, signingKey } from '../../src/signing/keys.ts';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties } from '../factories.ts';
import { act, auditEventsAfter, auditHeadSeq, dbFingerprint, driveTo } from '../factories-extra.ts';
import { buildExperts, buildPanelCase, ctxWithDataDir, sheet } from '../factories-panel.ts';
import { pdfText } from '../pdf-text.ts';
import { sessionCookie } from '../http-session.ts';

let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;
let base: ActorContext & { dataDir: string };
let p: Parties;
let experts: (UserActor & { password: string })[];
const cookies = new Map<string, string>();

const signIn = (u: UserActor): Promise<string> => sessionCookie(app, u);

function req(method: 'GET' | 'POST', url: string, as?: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: as ? { cookie: cookies.get(as)! } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
}

beforeAll(async () => {
  db = await openTestDb();
  base = ctxWithDataDir(db);
  p = await buildParties(base);
  experts = [];
  for (const e of await buildExperts(base, 3)) experts.push(e as UserActor & { password: string });
  app = await buildApp({ db, blobDir: base.blobDir, version: 'test' });
  for (const [name, u] of Object.entries(p)) cookies.set(name, await signIn(u as UserActor & { password: string }));
  for (const [i, e] of experts.entries()) cookies.set(`e${i}`, await signIn(e));
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('panel over HTTP', () => {
  it('scores sealed from other experts, precise refusals, signing', async () => {
    const id = await buildPanelCase(base, p, experts);
    const score = (who: string, body: unknown) => req('POST', `/api/v1/cases/${id}/panel/scores`, who, body);
    expect((await score('e0', sheet([2, 6, 1, 1, 0], 8))).statusCode).toBe(200);
    const sealed = (await req('GET', `/api/v1/cases/${id}/panel`, 'e1')).json();
    expect(sealed).toMatchObject({ revealed: false, scored: 1, sheets: [], aggregates: null });
    expect((await req('GET', `/api/v1/cases/${id}/panel`, 'supplier')).statusCode).toBe(403);
    const before = await dbFingerprint(db);
    const bad = await score('e1', { categoryScores: { 1: 2, 2: 6, 3: 1, 4: 1, 5: 12 }, trustworthiness: 8 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: '/body/categoryScores/5', message: 'must be between 0 and 10 (got 12)' }]);
    const twice = await score('e0', sheet([2, 6, 1, 1, 0], 8));
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'conflict']);
    expect(await dbFingerprint(db)).toEqual(before);
    await score('e1', sheet([3, 5, 1, 1, 0], 7));
    await score('e2', sheet([2, 6, 2, 1, 0], 8));
    const signed = await req('POST', `/api/v1/cases/${id}/panel/assessment`, 'office');
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signature.keyId).toBe(signingKey(keyDirFor(base.blobDir), 'experts_committee').keyId);
  });
});

describe('signed reports over HTTP (Art. 13)', () => {
  it('the Office generates; readers get the version the release scope allows; files verify offline', async () => {
    const row = await buildCase(base, p);
    await driveTo(base, p, row.id, 'expert_evaluation');
    await act(base, p.expert, row.id, 'give_opinion', { recommendation: 'passed_with_conditions', opinion: 'ok' });
    await act(base, p.office, row.id, 'decide', {
      outcome: 'passed_with_conditions',
      decisionText: 'decision-secret: signed updates required',
      reasons: [{ articles: ['4', '6'], text: 'reason-secret' }],
      conditions: [{ text: 'condition-secret: sign firmware', ownerOrgId: p.supplier.orgId, dueDate: '2099-06-30' }],
    });

    expect((await req('POST', `/api/v1/cases/${row.id}/reports`, 'supplier')).statusCode).toBe(403);
    const gen = await req('POST', `/api/v1/cases/${row.id}/reports`, 'office');
    expect(gen.statusCode, gen.body).toBe(201);
    const rid = gen.json().id as string;

    // Before release the public gets nothing (404: it may not know the case exists), the supplier 403.
    expect((await req('GET', `/api/v1/cases/${row.id}/reports/${rid}.json`)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/cases/${row.id}/reports/${rid}.pdf`, 'supplier')).statusCode).toBe(403);

    const seq = await auditHeadSeq(db);
    const full = await req('GET', `/api/v1/cases/${row.id}/reports/${rid}.pdf`, 'office');
    expect([full.statusCode, full.headers['content-type'], full.headers['x-report-variant']]).toEqual([200, 'application/pdf', 'full']);
    expect((await auditEventsAfter(db, seq)).map((e) => e.type)).toEqual(['report.read']);
    const fullText = pdfText(full.rawPayload);
    for (const s of ['decision-secret', 'reason-secret', 'condition-secret', 'Firmware built by an unvetted contractor']) expect(fullText).toContain(s);

    await act(base, p.office, row.id, 'release', { scope: { kind: 'public' }, publicSummary: 'Released summary for the register' });
    const pubJson = await req('GET', `/api/v1/cases/${row.id}/reports/${rid}.json`);
    const pubPdf = await req('GET', `/api/v1/cases/${row.id}/reports/${rid}.pdf`);
    expect([pubJson.statusCode, pubJson.headers['x-report-variant'], pubPdf.headers['x-report-variant']]).toEqual([200, 'public', 'public']);
    const everything = pubJson.body + pdfText(pubPdf.rawPayload);
    for (const s of ['decision-secret', 'reason-secret', 'condition-secret', 'Firmware built', 'unvetted', 'Dispatch control network', p.assessor.orgName]) expect(everything).not.toContain(s);
    // Generated before the release, so the public version states the result without the summary.
    expect(JSON.parse(pubJson.body).report).toMatchObject({ variant: 'public', result: { outcome: 'passed_with_conditions' }, articlesCited: ['4', '6'] });

    const keys = localPublicKeys(keyDirFor(base.blobDir));
    for (const b of [full.rawPayload, pubJson.rawPayload, pubPdf.rawPayload]) expect(verifyReportFile(b, keys).signature.keyId).toBe(gen.json().keyId);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('`netreview report verify` checks a file offline and fails on one altered byte; `report key` exports the key', async () => {
    const row = await buildCase(base, p);
    await driveTo(base, p, row.id, 'released');
    const rid = (await req('POST', `/api/v1/cases/${row.id}/reports`, 'office')).json().id as string;
    const pdf = (await req('GET', `/api/v1/cases/${row.id}/reports/${rid}.pdf`, 'office')).rawPayload;
    const file = join(base.dataDir, 'r.pdf');
    const keyFile = join(base.dataDir, 'office.pub.pem');
    writeFileSync(file, pdf);
    const cli = (dataDir: string, ...args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['bin/netreview.js', 'report', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', stdio: 'pipe' }) };
      } catch (e) {
        const x = e as { status: number; stdout: string; stderr: string };
        return { code: x.status, out: x.stdout + x.stderr };
      }
    };
    expect(cli(base.dataDir, 'key', '--out', keyFile).out).toContain(signingKey(keyDirFor(base.blobDir), 'review_office').keyId);
    // Offline: only the file and the exported public key, from a DATA_DIR that holds no keys.
    const elsewhere = mkdtempSync(join(tmpdir(), 'netreview-verifier-'));
    const env = (args: string[]) => cli(elsewhere, ...args);
    expect(env(['verify', file])).toMatchObject({ code: 2, out: expect.stringMatching(/not a trusted key/) });
    expect(env(['verify', file, '--public-key', keyFile])).toMatchObject({ code: 0, out: expect.stringMatching(/signature OK/) });
    const altered = Buffer.from(pdf);
    const mid = Math.floor(altered.length / 2);
    altered[mid] = altered[mid]! ^ 0x04;
    writeFileSync(file, altered);
    expect(env(['verify', file, '--public-key', keyFile])).toMatchObject({ code: 2, out: expect.stringMatching(/signature INVALID: the content does not match/) });
  }, 120_000);
});
