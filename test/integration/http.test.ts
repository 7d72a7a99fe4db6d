import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import type { ErrorCode } from '../../src/errors.ts';
import { ERROR_CODES } from '../../src/errors.ts';
import { OUTCOMES, TRANSITION_ACTIONS } from '../../src/domain/lifecycle.ts';
import { ACTION_INPUTS } from '../../src/services/cases/action-inputs.ts';
import { SESSION_TTL_MS } from '../../src/services/identity/sign-in.ts';
import { secretDigest } from '../../src/auth/secrets.ts';
import { buildApp, JSON_BODY_LIMIT, SESSION_COOKIE } from '../../src/http/app.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, systemCtx } from '../factories.ts';
import { act, auditEventsAfter, auditHeadSeq, dbFingerprint, driveTo } from '../factories-extra.ts';

let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;
let base: ActorContext;
let p: Parties;
const cookies = new Map<string, string>();

type Method = 'GET' | 'POST' | 'DELETE';
interface Req {
  method?: Method;
  url: string;
  as?: keyof Parties | { cookie: string };
  payload?: unknown;
  headers?: Record<string, string>;
}

function request(r: Req, on: FastifyInstance = app): Promise<LightMyRequestResponse> {
  const cookie = r.as === undefined ? undefined : typeof r.as === 'string' ? cookies.get(r.as) : r.as.cookie;
  if (r.as !== undefined && !cookie) throw new Error(`no session for ${String(r.as)}`);
  return on.inject({
    method: r.method ?? 'GET',
    url: r.url,
    headers: { ...(cookie ? { cookie } : {}), ...r.headers },
    ...(r.payload === undefined ? {} : { payload: r.payload as string | Buffer | object }),
  });
}

async function signIn(user: UserActor & { password: string }, on: FastifyInstance = app): Promise<string> {
  const r = await on.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: user.password } });
  expect(r.statusCode).toBe(200);
  const c = r.cookies.find((x) => x.name === SESSION_COOKIE);
  expect(c?.httpOnly).toBe(true);
  expect(c?.sameSite).toBe('Strict');
  return `${SESSION_COOKIE}=${c!.value}`;
}

/** The answer is application/problem+json with the status and stable code given. */
function problem(res: LightMyRequestResponse, status: number, code: ErrorCode) {
  expect(res.headers['content-type'], res.body).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect({ statusCode: res.statusCode, code: body.code }, res.body).toEqual({ statusCode: status, code });
  expect(body).toMatchObject({ type: `urn:netreview:problem:${code}`, title: ERROR_CODES[code].title, status, detail: expect.any(String), instance: expect.any(String) });
  return body;
}

/** Sends a request that must be refused, and proves the database and audit log did not change. */
async function refused(r: Req, status: number, code: ErrorCode, on: FastifyInstance = app) {
  const before = await dbFingerprint(db);
  const res = await request(r, on);
  const body = problem(res, status, code);
  expect(await dbFingerprint(db)).toEqual(before);
  return body;
}

function statements(res: LightMyRequestResponse): number {
  const m = /statements=(\d+)/.exec(String(res.headers['server-timing']));
  expect(m, String(res.headers['server-timing'])).not.toBeNull();
  return Number(m![1]);
}

let triageCase: { id: string; ref: string };
let assessingCase: string;

beforeAll(async () => {
  db = await openTestDb();
  const blobDir = tempBlobDir();
  base = systemCtx(db, blobDir);
  app = await buildApp({ db, blobDir, version: 'test-version' });
  p = await buildParties(base);
  for (const k of ['office', 'operator', 'protection', 'supplier', 'assessor', 'expert', 'outsider', 'regulator'] as const) {
    cookies.set(k, await signIn(p[k] as UserActor & { password: string }));
  }
  // A case declared and determined over HTTP, now in triage.
  const created = await request({
    method: 'POST',
    url: '/api/v1/cases',
    as: 'operator',
    payload: { action: 'declare_procurement', title: 'Core router procurement', productName: 'EdgeRouter X9', sector: 'energy', systemName: 'Dispatch', supplierOrgId: p.supplier.orgId },
  });
  expect(created.statusCode, created.body).toBe(201);
  triageCase = created.json();
  const det = await request({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/determine_affects_security`, as: 'protection', payload: { reason: 'CII' } });
  expect(det.statusCode, det.body).toBe(200);
  expect(det.json().state).toBe('triage');
  const c = await buildCase(base, p);
  await driveTo(base, p, c.id, 'assessing');
  assessingCase = c.id;
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('bad input: a precise problem, and nothing changes', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/open`, as: 'office', payload: '{"note": "unterminated', headers: { 'content-type': 'application/json' } }, 400, 'malformed_json');
    await refused({ method: 'POST', url: '/api/v1/cases', as: 'operator', payload: '', headers: { 'content-type': 'application/json' } }, 400, 'malformed_json');
  });

  it('an unknown field → 400 validation_failed naming it', async () => {
    const b = await refused({ method: 'POST', url: '/api/v1/cases', as: 'office', payload: { action: 'open_review', title: 't', productName: 'p', bogus: 1 } }, 400, 'validation_failed');
    expect(b.errors).toContainEqual({ path: '/body/bogus', message: 'unknown field' });
    const a = await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/open`, as: 'office', payload: { note: 'x', isAdmin: true } }, 400, 'validation_failed');
    expect(a.errors).toContainEqual({ path: '/body/isAdmin', message: 'unknown field' });
  });

  it('a missing field → 400 validation_failed naming it', async () => {
    const b = await refused({ method: 'POST', url: '/api/v1/cases', as: 'office', payload: { action: 'open_review', productName: 'p' } }, 400, 'validation_failed');
    expect(b.errors).toContainEqual({ path: '/body/title', message: 'required' });
    const d = await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/decline`, as: 'office', payload: {} }, 400, 'validation_failed');
    expect(d.errors).toContainEqual({ path: '/body/reason', message: 'required' });
  });

  it('a wrong type ("category": "3") → 400 validation_failed, no coercion', async () => {
    const b = await refused(
      { method: 'POST', url: `/api/v1/cases/${assessingCase}/actions/record_finding`, as: 'assessor', payload: { category: '3', severity: 'high', title: 'x' } },
      400,
      'validation_failed',
    );
    expect(b.errors.map((e: { path: string }) => e.path)).toContain('/body/category');
    await refused({ method: 'POST', url: `/api/v1/cases/${assessingCase}/actions/record_finding`, as: 'assessor', payload: { category: 9, severity: 'high', title: 'x' } }, 400, 'validation_failed');
    await refused({ method: 'POST', url: '/api/v1/cases', as: 'office', payload: [1, 2] }, 400, 'validation_failed');
  });

  it('an oversized body (> 1 MiB of JSON) → 413 body_too_large', async () => {
    const note = 'x'.repeat(JSON_BODY_LIMIT + 10);
    await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/open`, as: 'office', payload: JSON.stringify({ note }), headers: { 'content-type': 'application/json' } }, 413, 'body_too_large');
    await refused({ method: 'POST', url: '/api/v1/cases', as: 'office', payload: JSON.stringify({ action: 'open_review', title: 't', productName: 'p', description: note }), headers: { 'content-type': 'application/json' } }, 413, 'body_too_large');
  });

  it('an unknown case id → 404 not_found', async () => {
    await refused({ url: `/api/v1/cases/${randomUUID()}`, as: 'office' }, 404, 'not_found');
    await refused({ url: '/api/v1/cases/NR-1999-000001', as: 'office' }, 404, 'not_found');
    await refused({ method: 'POST', url: `/api/v1/cases/${randomUUID()}/actions/open`, as: 'office', payload: {} }, 404, 'not_found');
    await refused({ url: '/api/v1/cases/not%20an%20id', as: 'office' }, 400, 'validation_failed');
    await refused({ url: '/api/v1/no-such-route', as: 'office' }, 404, 'not_found');
  });

  it('an illegal transition → 409 with the actions legal now', async () => {
    const b = await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/decide`, as: 'office', payload: { outcome: 'passed', decisionText: 'x' } }, 409, 'illegal_transition');
    expect(b.legalActions).toEqual(['open', 'decline', 'terminate']);
    expect(b.state).toBe('triage');
  });

  it('missing rights → 403 for a party to the case, 404 for anyone else', async () => {
    const f = await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/open`, as: 'supplier', payload: {} }, 403, 'forbidden');
    expect(f.legalActions).toEqual([]);
    await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/open`, as: 'outsider', payload: {} }, 404, 'not_found');
    await refused({ url: `/api/v1/cases/${triageCase.id}`, as: 'outsider' }, 404, 'not_found');
    await refused({ url: `/api/v1/cases/${triageCase.ref}`, as: 'outsider' }, 404, 'not_found');
    // Creating a case the organisation may not open.
    await refused({ method: 'POST', url: '/api/v1/cases', as: 'supplier', payload: { action: 'open_review', title: 't', productName: 'p' } }, 403, 'forbidden');
    // Administering parties is the Office's.
    await refused({ method: 'POST', url: '/api/v1/organisations', as: 'supplier', payload: { kind: 'supplier', name: 'Sneaky Co' } }, 403, 'forbidden');
  });

  it('no session → 401 unauthenticated where a user is needed', async () => {
    await refused({ url: '/api/v1/cases' }, 401, 'unauthenticated');
    await refused({ url: '/api/v1/me' }, 401, 'unauthenticated');
    await refused({ method: 'POST', url: '/api/v1/cases', payload: { action: 'open_review', title: 't', productName: 'p' } }, 401, 'unauthenticated');
    await refused({ url: '/api/v1/cases', as: { cookie: `${SESSION_COOKIE}=nrs_not-a-real-session` } }, 401, 'unauthenticated');
    await refused({ url: '/api/v1/cases', headers: { authorization: 'Bearer nrt_not-a-real-token' } }, 401, 'unauthenticated');
    // Without a session a case is as unknown as any other id.
    await refused({ url: `/api/v1/cases/${triageCase.id}` }, 404, 'not_found');
  });

  it('accepts an API token as a bearer credential', async () => {
    const t = await request({ method: 'POST', url: '/api/v1/tokens', as: 'office', payload: { name: 'script' } });
    expect(t.statusCode, t.body).toBe(201);
    const me = await request({ url: '/api/v1/me', headers: { authorization: `Bearer ${t.json().token}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.id).toBe(p.office.userId);
    expect(me.json().abilities.createActions).toEqual(['open_review', 'report_concern']);
  });

  it('an expired session → 401 session_expired (row past its expiry)', async () => {
    const secret = `nrs_expired-${randomUUID()}`;
    await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [secretDigest(secret), p.office.userId, new Date(Date.now() - 60_000)]);
    await refused({ url: '/api/v1/cases', as: { cookie: `${SESSION_COOKIE}=${secret}` } }, 401, 'session_expired');
    await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/open`, as: { cookie: `${SESSION_COOKIE}=${secret}` }, payload: {} }, 401, 'session_expired');
  });

  it('an expired session → 401 session_expired (the server’s clock past the session’s end)', async () => {
    const later = await buildApp({ db, blobDir: tempBlobDir(), version: 'test-version', now: () => new Date(Date.now() + SESSION_TTL_MS + 60_000) });
    try {
      await refused({ url: `/api/v1/cases/${triageCase.id}`, as: 'office' }, 401, 'session_expired', later);
      await refused({ method: 'POST', url: `/api/v1/cases/${triageCase.id}/actions/open`, as: 'office', payload: {} }, 401, 'session_expired', later);
    } finally {
      await later.close();
    }
  });

  it('a bad cursor or query → 400 validation_failed', async () => {
    const b = await refused({ url: '/api/v1/cases?cursor=not-a-cursor', as: 'office' }, 400, 'validation_failed');
    expect(b.errors).toEqual([{ path: '/query/cursor', message: 'invalid cursor' }]);
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    await refused({ url: `/api/v1/cases?cursor=${forged}`, as: 'office' }, 400, 'validation_failed');
    await refused({ url: '/api/v1/cases?limit=0', as: 'office' }, 400, 'validation_failed');
    await refused({ url: '/api/v1/cases?limit=abc', as: 'office' }, 400, 'validation_failed');
    await refused({ url: '/api/v1/cases?state=nonsense', as: 'office' }, 400, 'validation_failed');
    await refused({ url: '/api/v1/cases?sneaky=1', as: 'office' }, 400, 'validation_failed');
  });

  it('answers in Chinese when asked', async () => {
    const res = await request({ url: `/api/v1/cases/${randomUUID()}`, as: 'office', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(res.json().title).toBe(ERROR_CODES.not_found.titleZh);
  });
});

describe('cases over HTTP', () => {
  it('pages the case list with a cursor the server issued', async () => {
    const first = await request({ url: '/api/v1/cases?limit=1', as: 'office' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await request({ url: `/api/v1/cases?limit=1&cursor=${page1.nextCursor}`, as: 'office' });
    expect(second.statusCode).toBe(200);
    expect(second.json().items[0].id).not.toBe(page1.items[0].id);
  });

  it('serializes abilities with the case, for this viewer', async () => {
    const office = (await request({ url: `/api/v1/cases/${triageCase.id}`, as: 'office' })).json();
    expect(office.abilities.roles).toEqual(['office']);
    expect(office.abilities.actions).toEqual(['open', 'decline', 'terminate']);
    const supplier = (await request({ url: `/api/v1/cases/${triageCase.ref}`, as: 'supplier' })).json();
    expect(supplier.abilities.roles).toEqual(['supplier']);
    expect(supplier.abilities.actions).toEqual([]);
    expect(supplier.opinions).toBeUndefined();
  });
});

describe('material upload and read (Art. 12)', () => {
  const bytes = Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.5","components":[]}');
  const sha = createHash('sha256').update(bytes).digest('hex');
  let materialId: string;
  const meta = `filename=sbom.cdx.json&kind=sbom&mediaType=application%2Fvnd.cyclonedx%2Bjson&authenticityStatement=${encodeURIComponent('We attest this SBOM is authentic.')}`;

  it('stores the supplier’s upload by its SHA-256', async () => {
    const head = await auditHeadSeq(db);
    const res = await request({ method: 'POST', url: `/api/v1/cases/${assessingCase}/materials?${meta}`, as: 'supplier', payload: bytes, headers: { 'content-type': 'application/octet-stream' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sha256: sha, filename: 'sbom.cdx.json', sizeBytes: bytes.length, kind: 'sbom', confidential: true });
    materialId = res.json().id;
    expect((await auditEventsAfter(db, head)).map((e) => e.type)).toEqual(['material.uploaded']);
  });

  it('refuses uploads from others, as JSON, empty, or without the authenticity statement', async () => {
    const octet = { 'content-type': 'application/octet-stream' };
    await refused({ method: 'POST', url: `/api/v1/cases/${assessingCase}/materials?${meta}`, as: 'expert', payload: bytes, headers: octet }, 403, 'forbidden');
    await refused({ method: 'POST', url: `/api/v1/cases/${assessingCase}/materials?${meta}`, as: 'outsider', payload: bytes, headers: octet }, 404, 'not_found');
    await refused({ method: 'POST', url: `/api/v1/cases/${assessingCase}/materials?${meta}`, as: 'supplier', payload: { not: 'bytes' } }, 415, 'unsupported_media_type');
    await refused({ method: 'POST', url: `/api/v1/cases/${assessingCase}/materials?${meta}`, as: 'supplier', payload: Buffer.alloc(0), headers: octet }, 400, 'validation_failed');
    await refused({ method: 'POST', url: `/api/v1/cases/${assessingCase}/materials?filename=a.pdf&kind=documentation`, as: 'supplier', payload: bytes, headers: octet }, 400, 'validation_failed');
    await refused({ method: 'POST', url: `/api/v1/cases/${assessingCase}/materials?${meta.replace('sbom.cdx.json', '..%2Fetc%2Fpasswd')}`, as: 'supplier', payload: bytes, headers: octet }, 400, 'validation_failed');
  });

  it('refuses a read before the undertaking: 403 undertaking_required, nothing recorded', async () => {
    await refused({ url: `/api/v1/cases/${assessingCase}/materials/${materialId}/content`, as: 'expert' }, 403, 'undertaking_required');
    await refused({ url: `/api/v1/cases/${assessingCase}/materials/${materialId}/content`, as: 'assessor' }, 403, 'undertaking_required');
    await refused({ url: `/api/v1/cases/${assessingCase}/materials/${materialId}/content`, as: 'outsider' }, 404, 'not_found');
    await refused({ url: `/api/v1/cases/${assessingCase}/materials/${materialId}/content`, as: 'regulator' }, 403, 'forbidden');
  });

  it('after the undertaking, serves the bytes and records the read', async () => {
    const u = await request({ method: 'POST', url: `/api/v1/cases/${assessingCase}/undertaking`, as: 'expert' });
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json().alreadyAccepted).toBe(false);
    const again = await request({ method: 'POST', url: `/api/v1/cases/${assessingCase}/undertaking`, as: 'expert' });
    expect(again.json().alreadyAccepted).toBe(true);

    const head = await auditHeadSeq(db);
    const res = await request({ url: `/api/v1/cases/${assessingCase}/materials/${materialId}/content`, as: 'expert' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['x-content-sha256']).toBe(sha);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.cyclonedx\+json/);
    expect(res.headers['cache-control']).toBe('no-store');
    const events = await auditEventsAfter(db, head);
    expect(events.map((e) => [e.type, e.subject_id, e.actor_user_id, e.case_id])).toEqual([['material.read', materialId, p.expert.userId, assessingCase]]);
    expect(JSON.parse(events[0]!.payload).data).toEqual({ materialId, sha256: sha, filename: 'sbom.cdx.json', readerOrgId: p.expert.orgId });

    await refused({ url: `/api/v1/cases/${assessingCase}/materials/${randomUUID()}/content`, as: 'expert' }, 404, 'not_found');
  });

  it('lets the supplier see who read its material, and when', async () => {
    const res = await request({ url: `/api/v1/cases/${assessingCase}/material-reads`, as: 'supplier' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ materialId, filename: 'sbom.cdx.json', reader: p.expert.displayName, readerOrganisation: expect.any(String) });
    expect(Date.parse(items[0].at)).not.toBeNaN();
    // The reader itself does not get the access log; an outsider does not learn the case exists.
    await refused({ url: `/api/v1/cases/${assessingCase}/material-reads`, as: 'expert' }, 403, 'forbidden');
    await refused({ url: `/api/v1/cases/${assessingCase}/material-reads`, as: 'outsider' }, 404, 'not_found');
  });

  it('lets the supplier read its own material without an undertaking (still recorded)', async () => {
    const head = await auditHeadSeq(db);
    const res = await request({ url: `/api/v1/cases/${assessingCase}/materials/${materialId}/content`, as: 'supplier' });
    expect(res.statusCode).toBe(200);
    expect((await auditEventsAfter(db, head)).map((e) => e.type)).toEqual(['material.read']);
  });
});

describe('the public register (Art. 8, 13)', () => {
  const SUMMARY_FIELDS = ['ref', 'title', 'productName', 'productVersion', 'supplierName', 'outcome', 'publicSummary', 'releasedAt', 'underSupervision'].sort();

  it('lists only results released to the public, and only their summary', async () => {
    const pub = await buildCase(base, p);
    await driveTo(base, p, pub.id, 'released', { outcome: 'passed_with_conditions' });
    const supervised = await buildCase(base, p);
    await driveTo(base, p, supervised.id, 'supervision');
    const sector = await buildCase(base, p);
    await driveTo(base, p, sector.id, 'released', { scope: { kind: 'sector', sector: 'energy' } });
    const internal = await buildCase(base, p);
    await driveTo(base, p, internal.id, 'released', { scope: { kind: 'internal' } });
    const undecided = await buildCase(base, p);
    await driveTo(base, p, undecided.id, 'decided');

    const res = await request({ url: '/api/v1/public/results?limit=100' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const refs = body.items.map((x: { ref: string }) => x.ref);
    expect(refs).toContain(pub.ref);
    expect(refs).toContain(supervised.ref);
    for (const hidden of [sector, internal, undecided, triageCase]) expect(refs).not.toContain(hidden.ref);
    expect(body.total).toBe(body.items.length);
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(SUMMARY_FIELDS);
    const item = body.items.find((x: { ref: string }) => x.ref === pub.ref);
    expect(item).toMatchObject({ outcome: 'passed_with_conditions', publicSummary: 'Summary for the register', underSupervision: false });
    expect(body.items.find((x: { ref: string }) => x.ref === supervised.ref).underSupervision).toBe(true);
    // Nothing confidential leaks through the register.
    expect(res.body).not.toContain('Result: ');
    expect(res.body).not.toContain(pub.id);
  });

  it('never lists a result without its outcome (after a released case is re-opened)', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'rereview');
    await act(base, p.office, c.id, 'reopen', {});
    const items: { ref: string; outcome: string | null }[] = (await request({ url: '/api/v1/public/results?limit=100' })).json().items;
    for (const item of items) expect(OUTCOMES, item.ref).toContain(item.outcome);
  });

  it('reports the same total on every page, past the last one too', async () => {
    const first = (await request({ url: '/api/v1/public/results?limit=1' })).json();
    expect(first.total).toBeGreaterThan(1);
    const second = (await request({ url: '/api/v1/public/results?limit=1&offset=1' })).json();
    expect(second.total).toBe(first.total);
    const beyond = (await request({ url: `/api/v1/public/results?limit=1&offset=${first.total + 5}` })).json();
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });
});

describe('time', () => {
  it('presents stage clocks against the server’s clock (buildApp `now`), not the wall clock', async () => {
    // A case under the test-clocks regime, declared on Monday 3 March 2025: due Monday 17 March.
    const march = systemCtx(db, tempBlobDir(), () => new Date('2025-03-03T02:00:00Z'));
    const c = await buildCase(march, p, 'declare_procurement', { regimeId: 'test-clocks' });
    expect(c.clock?.dueOn).toBe('2025-03-17');
    const then = await buildApp({ db, blobDir: tempBlobDir(), version: 'test-version', now: () => new Date('2025-03-10T02:00:00Z') });
    try {
      const cookie = await signIn(p.office as UserActor & { password: string }, then);
      const expected = { stage: 'determination', dueOn: '2025-03-17', status: 'running', workingDaysLeft: 5 };
      const view = await request({ url: `/api/v1/cases/${c.id}`, as: { cookie } }, then);
      expect(view.json().clock).toMatchObject(expected);
      const list = await request({ url: '/api/v1/cases?state=determination&limit=200', as: { cookie } }, then);
      expect(list.json().items.find((x: { id: string }) => x.id === c.id).clock).toMatchObject(expected);
      const protection = await signIn(p.protection as UserActor & { password: string }, then);
      const step = await request({ method: 'POST', url: `/api/v1/cases/${c.id}/actions/determine_affects_security`, as: { cookie: protection }, payload: { reason: 'CII' } }, then);
      expect(step.statusCode, step.body).toBe(200);
      expect(step.json().clock).toMatchObject({ stage: 'triage', startedOn: '2025-03-10', status: 'running', workingDaysLeft: 10 });
    } finally {
      await then.close();
    }
  });
});

describe('API description and health', () => {
  it('serves an OpenAPI 3.1 document with every action route and its body schema', async () => {
    const res = await request({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('test-version');
    for (const action of TRANSITION_ACTIONS) {
      const op = doc.paths[`/api/v1/cases/{id}/actions/${action}`]?.post;
      expect(op, action).toBeDefined();
      const schema = op.requestBody?.content?.['application/json']?.schema;
      expect(schema, action).toBeDefined();
      const input = ACTION_INPUTS[action].input as { properties: Record<string, unknown>; required?: string[] };
      expect(Object.keys(schema.properties ?? {}).sort(), action).toEqual(Object.keys(input.properties).sort());
      expect([...(schema.required ?? [])].sort(), action).toEqual([...(input.required ?? [])].sort());
      expect(schema.additionalProperties, action).toBe(false);
      expect(op.parameters?.some((x: { in: string; name: string }) => x.in === 'path' && x.name === 'id'), action).toBe(true);
      expect(Object.keys(op.responses), action).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409']));
    }
    expect(doc.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema.properties.action).toBeDefined();
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });

  it('reports health with the database and version', async () => {
    const res = await request({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', version: 'test-version', database: { kind: db.kind, ok: true, latencyMs: expect.any(Number) } });
  });
});

describe('statements per request (Server-Timing)', () => {
  it('spends at most 4 statements on a transition and on reading a case', async () => {
    const c = await buildCase(base, p);
    await driveTo(base, p, c.id, 'triage');
    const step = await request({ method: 'POST', url: `/api/v1/cases/${c.id}/actions/open`, as: 'office', payload: { note: 'counted' } });
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json()).toMatchObject({ id: c.id, state: 'planning', abilities: { actions: expect.arrayContaining(['assign_assessor']) } });
    const n = statements(step);
    // The signed-in actor may come from the short-lived credential cache (one statement fewer).
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(4);

    const read = await request({ url: `/api/v1/cases/${c.id}`, as: 'office' });
    expect(read.statusCode).toBe(200);
    expect(statements(read)).toBeGreaterThanOrEqual(1);
    expect(statements(read)).toBeLessThanOrEqual(4);

    const list = await request({ url: '/api/v1/cases?state=planning', as: 'office' });
    expect(statements(list)).toBeLessThanOrEqual(4);
  });

  it('counts each request apart when requests overlap', async () => {
    const c = await buildCase(base, p);
    const reads = await Promise.all(Array.from({ length: 5 }, () => request({ url: `/api/v1/cases/${c.id}`, as: 'office' })));
    // A shared counter would report the sum of all five (up to 10) on the later ones.
    for (const r of reads) expect([1, 2]).toContain(statements(r));
  });
});
