import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db, QueryResult, SqlParam } from '../db/db.ts';
import { AUDIT_EVENT_TYPES, isAuditEventType } from './catalogue.ts';
import { canonicalJson, chainHash, verifyAuditChain } from './log.ts';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same bytes for the same value however it was built', () => {
    const x = { type: 'case.created', at: '2025-01-01T00:00:00.000Z', data: { ref: 'NR-1', articles: ['8'] } };
    const y = { data: { articles: ['8'], ref: 'NR-1' }, at: '2025-01-01T00:00:00.000Z', type: 'case.created' };
    expect(canonicalJson(x)).toBe(canonicalJson(y));
    expect(canonicalJson(x)).not.toBe(canonicalJson({ ...y, data: { articles: ['8', '13'], ref: 'NR-1' } }));
  });

  it('drops undefined object members but writes undefined array items as null, like JSON', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('writes scalars as JSON does, with escaping', () => {
    expect(canonicalJson('a"b\\c\n')).toBe(JSON.stringify('a"b\\c\n'));
    expect(canonicalJson('审查办公室')).toBe('"审查办公室"');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-1.5)).toBe('-1.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(Number.NaN)).toBe('null');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('parses back to the same value (for JSON values)', () => {
    const v = { k: [1, 'two', { three: [true, null] }], 'key with "quotes"': 'v', 中文: '值' };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });

  it('sorts by code unit, so keys differing only in case are ordered deterministically', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, A: 4 })).toBe('{"A":4,"B":2,"a":3,"b":1}');
  });
});

describe('chainHash', () => {
  it('is SHA-256 over prev, seq and payload separated by newlines', () => {
    const expected = createHash('sha256').update(`${'0'.repeat(64)}\n1\n{"a":1}`, 'utf8').digest('hex');
    expect(chainHash('0'.repeat(64), 1, '{"a":1}')).toBe(expected);
  });

  it('changes with each input', () => {
    const h = chainHash('a'.repeat(64), 7, '{}');
    expect(chainHash('b'.repeat(64), 7, '{}')).not.toBe(h);
    expect(chainHash('a'.repeat(64), 8, '{}')).not.toBe(h);
    expect(chainHash('a'.repeat(64), 7, '{ }')).not.toBe(h);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes non-ASCII payloads as UTF-8', () => {
    const payload = '{"name":"网络安全审查办公室"}';
    expect(chainHash('x', 2, payload)).toBe(createHash('sha256').update(Buffer.from(`x\n2\n${payload}`, 'utf8')).digest('hex'));
  });
});

describe('catalogue', () => {
  it('knows its own types and nothing else', () => {
    for (const t of Object.keys(AUDIT_EVENT_TYPES)) expect(isAuditEventType(t)).toBe(true);
    for (const t of ['', 'case', 'toString', '__proto__', 'case.deleted']) expect(isAuditEventType(t), t).toBe(false);
    expect(AUDIT_EVENT_TYPES['material.read'].confidentialRead).toBe(true);
  });
});

// --- verifyAuditChain against an in-memory log (the database version is in test/integration/audit.test.ts) ---

interface Row {
  seq: number;
  at: Date;
  type: string;
  actor_user_id: string | null;
  case_id: string | null;
  subject_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

const USER = '11111111-1111-4111-8111-111111111111';
const CASE = '22222222-2222-4222-8222-222222222222';

function buildChain(n: number): { rows: Row[]; head: { seq: number; hash: string } } {
  const rows: Row[] = [];
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= n; seq++) {
    const at = new Date(Date.UTC(2025, 2, 3, 2, 0, seq));
    const withUser = seq % 2 === 0;
    const payload = canonicalJson({
      type: 'case.transitioned',
      at: at.toISOString(),
      actor: withUser ? { kind: 'user', userId: USER, orgId: CASE } : { kind: 'system', purpose: 'test' },
      caseId: CASE,
      subjectId: null,
      data: { ref: 'NR-2025-000001', action: 'open', from: 'triage', to: 'planning', articles: ['8'], n: seq },
    });
    const hash = chainHash(prev, seq, payload);
    rows.push({ seq, at, type: 'case.transitioned', actor_user_id: withUser ? USER : null, case_id: CASE, subject_id: null, payload, prev_hash: prev, hash });
    prev = hash;
  }
  return { rows, head: { seq: n, hash: prev } };
}

/** Answers the two queries verifyAuditChain makes, from arrays, and counts them. */
function fakeDb(rows: Row[], head: { seq: number; hash: string } | undefined): Db & { queries: number } {
  const db = {
    kind: 'pglite',
    queries: 0,
    async query<R>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
      db.queries++;
      if (/FROM audit_events/.test(sql)) {
        const [from, limit] = params as [number, number];
        const out = rows.filter((r) => r.seq >= from).sort((a, b) => a.seq - b.seq).slice(0, limit);
        return { rows: out as R[], rowCount: out.length };
      }
      if (/FROM audit_head/.test(sql)) return { rows: (head ? [head] : []) as R[], rowCount: head ? 1 : 0 };
      throw new Error(`unexpected query ${sql}`);
    },
  };
  return db as unknown as Db & { queries: number };
}

describe('verifyAuditChain (in memory)', () => {
  it('accepts an empty log with a fresh head', async () => {
    expect(await verifyAuditChain(fakeDb([], { seq: 0, hash: '0'.repeat(64) }))).toEqual({ ok: true, checked: 0, headSeq: 0 });
  });

  it('accepts a good chain, across batch boundaries', async () => {
    const { rows, head } = buildChain(7);
    for (const batch of [1, 2, 3, 7, 100]) {
      const db = fakeDb(rows, head);
      expect(await verifyAuditChain(db, { batch }), `batch ${batch}`).toEqual({ ok: true, checked: 7, headSeq: 7 });
    }
    // Batches of 2 over 7 rows: four reads of events (2+2+2+1) and one of the head.
    const db = fakeDb(rows, head);
    await verifyAuditChain(db, { batch: 2 });
    expect(db.queries).toBe(5);
  });

  const tampers: [string, (rows: Row[], head: { seq: number; hash: string }) => { rows: Row[]; head?: { seq: number; hash: string } }, number, RegExp][] = [
    ['a payload edited', (r, h) => ({ rows: r.map((x) => (x.seq === 4 ? { ...x, payload: x.payload.replace('"n":4', '"n":40') } : x)), head: h }), 4, /hash does not match the payload/],
    ['an event deleted', (r, h) => ({ rows: r.filter((x) => x.seq !== 3), head: h }), 3, /event 3 is missing \(next present is 4\)/],
    ['the last event deleted', (r, h) => ({ rows: r.filter((x) => x.seq !== 6), head: h }), 6, /head says 6 events, the log holds 5/],
    ['a hash replaced', (r, h) => ({ rows: r.map((x) => (x.seq === 5 ? { ...x, hash: 'f'.repeat(64) } : x)), head: h }), 5, /hash does not match the payload/],
    [
      'an event rehashed to hide an edit (its successor no longer links)',
      (r, h) => ({
        rows: r.map((x) => {
          if (x.seq !== 2) return x;
          const payload = x.payload.replace('"n":2', '"n":20');
          return { ...x, payload, hash: chainHash(x.prev_hash, 2, payload) };
        }),
        head: h,
      }),
      3,
      /prev_hash does not match/,
    ],
    [
      'two events swapped',
      (r, h) => ({ rows: r.map((x) => (x.seq === 3 ? { ...r[3]!, seq: 3 } : x.seq === 4 ? { ...r[2]!, seq: 4 } : x)), head: h }),
      3,
      /prev_hash does not match/,
    ],
    ['the type column changed', (r, h) => ({ rows: r.map((x) => (x.seq === 2 ? { ...x, type: 'case.created' } : x)), head: h }), 2, /type column differs/],
    ['the case column changed', (r, h) => ({ rows: r.map((x) => (x.seq === 2 ? { ...x, case_id: null } : x)), head: h }), 2, /case_id column differs/],
    ['the actor column changed', (r, h) => ({ rows: r.map((x) => (x.seq === 1 ? { ...x, actor_user_id: USER } : x)), head: h }), 1, /actor column differs/],
    ['the timestamp column changed', (r, h) => ({ rows: r.map((x) => (x.seq === 6 ? { ...x, at: new Date(x.at.getTime() + 1000) } : x)), head: h }), 6, /timestamp column differs/],
    ['the head row missing', (r) => ({ rows: r }), 7, /head row is missing/],
    ['the head behind the log', (r, h) => ({ rows: r, head: { ...h, seq: 5 } }), 5, /head says 5 events, the log holds 6/],
    ['the head hash differs', (r, h) => ({ rows: r, head: { ...h, hash: '0'.repeat(64) } }), 6, /head hash differs/],
    ['a non-JSON payload with a matching hash', (r, h) => ({ rows: r.map((x) => (x.seq === 1 ? { ...x, payload: 'nope', hash: chainHash(x.prev_hash, 1, 'nope') } : x)), head: h }), 1, /payload is not JSON/],
  ];

  it.each(tampers)('names the first broken link when %s', async (_name, tamper, seq, reason) => {
    const good = buildChain(6);
    const t = tamper(good.rows.map((x) => ({ ...x })), { ...good.head });
    const r = await verifyAuditChain(fakeDb(t.rows, t.head), { batch: 2 });
    expect(r.ok).toBe(false);
    expect(r.brokenAt?.seq).toBe(seq);
    expect(r.brokenAt?.reason).toMatch(reason);
  });
});
