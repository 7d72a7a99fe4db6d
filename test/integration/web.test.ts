import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, systemCtx } from '../factories.ts';
import { act, driveTo } from '../factories-extra.ts';
import { sessionCookie } from '../http-session.ts';

/** The web application's shell and assets, and the oversight endpoints it reads. */
let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;
let base: ActorContext;
let p: Parties;

const cookieOf = (u: UserActor): Promise<string> => sessionCookie(app, u);

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db, tempBlobDir());
  p = await buildParties(base);
  app = await buildApp({ db, blobDir: tempBlobDir(), version: 'test' });
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('web application shell and assets', () => {
  it('serves the page with a strict CSP, in the browser’s language, pointing at hashed assets', async () => {
    const r = await app.inject({ url: '/', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).not.toMatch(/https?:/);
    expect(r.body).toContain('<html lang="zh-CN">');
    expect(r.body).toMatch(/src="\/assets\/app-[0-9a-f]{16}\.js"/);
    expect(r.body).not.toMatch(/https?:\/\//);
    const en = await app.inject({ url: '/', headers: { 'accept-language': 'en-GB' } });
    expect(en.body).toContain('<html lang="en">');
  });

  it('serves each asset gzip-compressed with immutable caching, and plain to clients without gzip', async () => {
    const page = (await app.inject({ url: '/' })).body;
    for (const m of page.matchAll(/\/assets\/((?:app|styles)-[0-9a-f]{16}\.(?:js|css))/g)) {
      const url = `/assets/${m[1]}`;
      const z = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(z.statusCode).toBe(200);
      expect(z.headers['content-encoding']).toBe('gzip');
      expect(z.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const plain = await app.inject({ url });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gunzipSync(z.rawPayload).equals(plain.rawPayload)).toBe(true);
    }
    // The CJK font is served from here, not a CDN.
    const css = /\/assets\/(styles-[0-9a-f]{16}\.css)/.exec(page)![1];
    const font = /url\((\/assets\/noto-sans-sc-400-[0-9a-f]{16}\.ttf)\)/.exec((await app.inject({ url: `/assets/${css}` })).body);
    expect(font, 'the stylesheet declares the served font').not.toBeNull();
    const f = await app.inject({ method: 'HEAD', url: font![1] });
    expect(f.statusCode).toBe(200);
    expect(f.headers['content-type']).toBe('font/ttf');
  });

  it('refuses unknown and malformed asset names', async () => {
    expect((await app.inject({ url: '/assets/app-0000000000000000.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/..%2Fpackage.json' })).statusCode).toBe(400);
  });
});

describe('oversight endpoints', () => {
  it('the dashboard counts cases by state and sector and open findings by Art. 4 category × severity', async () => {
    const before = (await app.inject({ url: '/api/v1/dashboard', headers: { cookie: await cookieOf(p.office) } })).json();
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'assessing');
    await act(base, p.assessor, c.id, 'record_finding', { category: 3, severity: 'critical', title: 'Hidden account' });
    await act(base, p.assessor, c.id, 'record_finding', { category: 3, severity: 'critical', title: 'Second hidden account' });
    const r = await app.inject({ url: '/api/v1/dashboard', headers: { cookie: await cookieOf(p.office) } });
    expect(r.statusCode).toBe(200);
    const d = r.json();
    const count = (x: typeof d, state: string) => (x.casesByState as { state: string; count: number }[]).find(({ state: st }) => st === state)?.count ?? 0;
    expect(count(d, 'assessing')).toBe(count(before, 'assessing') + 1);
    expect((d.casesBySector as { sector: string; count: number }[]).find((s) => s.sector === 'energy')!.count).toBeGreaterThanOrEqual(1);
    const cell = (x: typeof d) => (x.openFindings as { category: number; severity: string; count: number }[]).find((f) => f.category === 3 && f.severity === 'critical')?.count ?? 0;
    expect(cell(d) - cell(before)).toBe(2);
    expect(d.clocks).toMatchObject({ overdue: expect.any(Array), dueSoon: expect.any(Array), paused: expect.any(Array) });
    // The committee oversees: it sees the dashboard too.
    expect((await app.inject({ url: '/api/v1/dashboard', headers: { cookie: await cookieOf(p.committee) } })).statusCode).toBe(200);
  });

  it('refuses the dashboard and expert directory to other parties and to the public', async () => {
    for (const url of ['/api/v1/dashboard', '/api/v1/experts']) {
      expect((await app.inject({ url, headers: { cookie: await cookieOf(p.supplier) } })).statusCode).toBe(403);
      expect((await app.inject({ url, headers: { cookie: await cookieOf(p.protection) } })).statusCode).toBe(403);
      expect((await app.inject({ url })).statusCode).toBe(401);
    }
  });

  it('lists the experts the Office can assign, and tells the UI what the user may open', async () => {
    const r = await app.inject({ url: '/api/v1/experts', headers: { cookie: await cookieOf(p.office) } });
    expect(r.statusCode).toBe(200);
    expect((r.json().items as { id: string }[]).map((e) => e.id)).toContain(p.expert.userId);
    expect((r.json().items as { id: string }[]).map((e) => e.id)).not.toContain(p.office.userId);
    const me = await app.inject({ url: '/api/v1/me/abilities', headers: { cookie: await cookieOf(p.supplier) } });
    expect(me.json()).toMatchObject({ 'oversight.dashboard': false, 'oversight.list_experts': false, 'accreditation.manage': false, 'accreditation.list': false, 'supplier_key.register': true, 'complaint.list': true });
    const office = await app.inject({ url: '/api/v1/me/abilities', headers: { cookie: await cookieOf(p.office) } });
    expect(office.json()).toMatchObject({ 'oversight.dashboard': true, 'accreditation.manage': true, 'supplier_key.register': false });
    expect((await app.inject({ url: '/api/v1/me/abilities' })).statusCode).toBe(401);
  });
});
