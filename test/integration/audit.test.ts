import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, SqlParam, Tx } from '../../src/db/db.ts';
import type { ActorContext, UserActor } from '../../src/domain/actor.ts';
import type { VerifyResult } from '../../src/audit/log.ts';
import { appendAudit, chainHash, verifyAuditChain } from '../../src/audit/log.ts';
import { verifyAudit } from '../../src/services/audit/verify-audit.ts';
import { openTestDb } from '../db.ts';
import { ctxFor, systemCtx } from '../factories.ts';
import { auditCount, auditHeadSeq, refusal } from '../factories-extra.ts';

let db: Db & { dispose(): Promise<void> };
let ctx: ActorContext;

const USER: UserActor = {
  kind: 'user',
  userId: '3f0c7a4e-2b1d-4c55-9e2a-0d6b8f1a2c3d',
  username: 'auditor',
  displayName: 'Auditor',
  orgId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  orgKind: 'review_office',
  orgName: 'Office',
  orgSector: null,
  locale: 'en',
};

let n = 0;
function append(tx: Tx, kind: 'system' | 'user' = 'system') {
  n++;
  return kind === 'user'
    ? appendAudit(tx, { type: 'user.signed_out', actor: USER, at: new Date(Date.UTC(2025, 0, 1, 0, 0, n)), subjectId: USER.userId, data: {} })
    : appendAudit(tx, { type: 'demo.seeded', actor: { kind: 'system', purpose: 'audit test' }, at: new Date(Date.UTC(2025, 0, 1, 0, 0, n)), data: { organisations: n, users: 0 } });
}

/** verifyAuditChain reads through `query` only, so it can look at a transaction's own view. */
const viewOf = (tx: Tx): Db => ({ query: (sql: string, params?: readonly SqlParam[]) => tx.query(sql, params) }) as unknown as Db;

class Rollback extends Error {}

/**
 * Tampers with the log inside a transaction with the append-only trigger disabled, verifies what the
 * transaction sees, then rolls everything back (the trigger too), so each case starts from a good chain.
 */
async function underTamper(...statements: [string, SqlParam[]?][]): Promise<VerifyResult> {
  let result: VerifyResult | undefined;
  try {
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
      for (const [sql, params] of statements) await tx.query(sql, params ?? []);
      result = await verifyAuditChain(viewOf(tx), { batch: 3 });
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return result!;
}

beforeAll(async () => {
  db = await openTestDb();
  ctx = systemCtx(db);
  for (let i = 0; i < 8; i++) await db.transaction((tx) => append(tx, i % 2 ? 'user' : 'system'));
});
afterAll(async () => {
  await db?.dispose();
});

describe('append and verify', () => {
  it('chains each event onto the one before, with the hash the verifier recomputes', async () => {
    const rows = (await db.query<{ seq: number; payload: string; prev_hash: string; hash: string }>('SELECT seq, payload, prev_hash, hash FROM audit_events ORDER BY seq')).rows;
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    let prev = '0'.repeat(64);
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(chainHash(prev, Number(r.seq), r.payload));
      prev = r.hash;
    }
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 8, headSeq: 8 });
  });

  it('returns the seq and hash it wrote', async () => {
    const r = await db.transaction((tx) => append(tx));
    const row = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0]!;
    expect(r).toEqual({ seq: Number(row.seq), hash: row.hash });
    expect(await auditHeadSeq(db)).toBe(r.seq);
  });

  it('stores the payload it hashed: canonical, with actor reference, case, subject and data', async () => {
    const r = await db.transaction((tx) => append(tx, 'user'));
    const row = (await db.query<{ payload: string; actor_user_id: string; type: string }>('SELECT payload, actor_user_id, type FROM audit_events WHERE seq = $1', [r.seq])).rows[0]!;
    const p = JSON.parse(row.payload);
    expect(p).toEqual({ type: 'user.signed_out', at: expect.any(String), actor: { kind: 'user', userId: USER.userId, orgId: USER.orgId }, caseId: null, subjectId: USER.userId, data: {} });
    expect(Object.keys(p)).toEqual(['actor', 'at', 'caseId', 'data', 'subjectId', 'type']);
    expect(row.actor_user_id).toBe(USER.userId);
  });

  it('leaves neither an event nor a gap when the transaction rolls back', async () => {
    const count = await auditCount(db);
    const head = await auditHeadSeq(db);
    await expect(
      db.transaction(async (tx) => {
        await append(tx);
        await append(tx);
        throw new Error('the change this event recorded failed');
      }),
    ).rejects.toThrow('the change this event recorded failed');
    // A statement failing after the append rolls it back as well.
    await expect(
      db.transaction(async (tx) => {
        await append(tx);
        await tx.query('SELECT 1/0');
      }),
    ).rejects.toThrow();
    expect(await auditCount(db)).toBe(count);
    expect(await auditHeadSeq(db)).toBe(head);
    const next = await db.transaction((tx) => append(tx));
    expect(next.seq).toBe(head + 1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('tampering is caught at the first broken link', () => {
  it('an edited payload', async () => {
    const r = await underTamper([`UPDATE audit_events SET payload = replace(payload, '"organisations":3', '"organisations":30') WHERE seq = 3`]);
    expect(r).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'hash does not match the payload' } });
    expect(r.checked).toBe(2);
  });

  it('an edited payload whose hash was recomputed to match (the next link breaks)', async () => {
    const row = (await db.query<{ payload: string; prev_hash: string }>('SELECT payload, prev_hash FROM audit_events WHERE seq = 5')).rows[0]!;
    const forged = row.payload.replace('"users":0', '"users":99');
    expect(forged).not.toBe(row.payload);
    const r = await underTamper(['UPDATE audit_events SET payload = $1, hash = $2 WHERE seq = 5', [forged, chainHash(row.prev_hash, 5, forged)]]);
    expect(r.brokenAt).toEqual({ seq: 6, reason: 'prev_hash does not match the hash of the previous event' });
  });

  it('a deleted event', async () => {
    const r = await underTamper(['DELETE FROM audit_events WHERE seq = 4']);
    expect(r).toMatchObject({ ok: false, brokenAt: { seq: 4, reason: 'event 4 is missing (next present is 5)' } });
  });

  it('the newest event deleted (the head still counts it)', async () => {
    const head = await auditHeadSeq(db);
    const r = await underTamper(['DELETE FROM audit_events WHERE seq = $1', [head]]);
    expect(r.brokenAt?.seq).toBe(head);
    expect(r.brokenAt?.reason).toBe(`head says ${head} events, the log holds ${head - 1}`);
  });

  it('a changed hash', async () => {
    const r = await underTamper([`UPDATE audit_events SET hash = repeat('a', 64) WHERE seq = 2`]);
    expect(r.brokenAt).toEqual({ seq: 2, reason: 'hash does not match the payload' });
  });

  it('two events reordered', async () => {
    const r = await underTamper(
      ['UPDATE audit_events SET seq = -6 WHERE seq = 6'],
      ['UPDATE audit_events SET seq = 6 WHERE seq = 7'],
      ['UPDATE audit_events SET seq = 7 WHERE seq = -6'],
    );
    expect(r.brokenAt).toEqual({ seq: 6, reason: 'prev_hash does not match the hash of the previous event' });
  });

  it('an index column that no longer matches its payload', async () => {
    expect((await underTamper([`UPDATE audit_events SET type = 'case.created' WHERE seq = 1`])).brokenAt).toEqual({ seq: 1, reason: 'type column differs from the payload' });
    expect((await underTamper([`UPDATE audit_events SET actor_user_id = NULL WHERE seq = 2`])).brokenAt).toEqual({ seq: 2, reason: 'actor column differs from the payload' });
    expect((await underTamper([`UPDATE audit_events SET case_id = gen_random_uuid() WHERE seq = 3`])).brokenAt).toEqual({ seq: 3, reason: 'case_id column differs from the payload' });
    expect((await underTamper([`UPDATE audit_events SET at = at + interval '1 hour' WHERE seq = 4`])).brokenAt).toEqual({ seq: 4, reason: 'timestamp column differs from the payload' });
  });

  it('a rewound head', async () => {
    const head = await auditHeadSeq(db);
    const r = await underTamper(['UPDATE audit_head SET seq = seq - 1']);
    expect(r.brokenAt).toEqual({ seq: head - 1, reason: `head says ${head - 1} events, the log holds ${head}` });
  });

  it('left the real chain intact after each rolled-back tampering', async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('catches a committed edit through the verify service, and passes again once it is undone', async () => {
    const original = (await db.query<{ payload: string }>('SELECT payload FROM audit_events WHERE seq = 2')).rows[0]!.payload;
    const setPayload = (payload: string) =>
      db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
        await tx.query('UPDATE audit_events SET payload = $1 WHERE seq = 2', [payload]);
        await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
      });
    await setPayload(original.replace('}', ',"x":1}'));
    try {
      const r = await verifyAudit(ctx);
      expect(r.ok).toBe(false);
      expect(r.brokenAt).toEqual({ seq: 2, reason: 'hash does not match the payload' });
      expect(r.checked).toBe(1);
    } finally {
      await setPayload(original);
    }
    expect((await verifyAudit(ctx)).ok).toBe(true);
  });

  it('lets only the Office, the Committee and the platform verify', async () => {
    expect((await verifyAudit(ctxFor(ctx, USER))).ok).toBe(true);
    expect((await verifyAudit(ctxFor(ctx, { ...USER, orgKind: 'review_committee' }))).ok).toBe(true);
    expect((await refusal(verifyAudit(ctxFor(ctx, { ...USER, orgKind: 'supplier' })))).code).toBe('forbidden');
    expect((await refusal(verifyAudit(ctxFor(ctx, { kind: 'public' })))).code).toBe('unauthenticated');
  });
});

describe('the append-only trigger', () => {
  it('refuses UPDATE and DELETE, and nothing changes', async () => {
    const count = await auditCount(db);
    await expect(db.query(`UPDATE audit_events SET type = type WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_events SET payload = '{}'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    expect(await auditCount(db)).toBe(count);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses TRUNCATE too (rows may never be removed)', async () => {
    // Run inside a transaction that is always rolled back, so a TRUNCATE that gets through does no harm here.
    const attempt = db.transaction(async (tx) => {
      await tx.query('TRUNCATE audit_events');
      throw new Rollback('TRUNCATE audit_events was allowed');
    });
    await expect(attempt).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('concurrent appends', () => {
  it('keep one intact chain with no gaps or forks (20 transactions at once, some rolled back)', async () => {
    const head = await auditHeadSeq(db);
    // PGlite runs one transaction at a time (and its pg_sleep is slow); the server really interleaves them.
    const pause = db.kind === 'postgres' ? 'SELECT pg_sleep(0.002)' : 'SELECT 1';
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          // Work before and after the append, so transactions overlap while one holds the head.
          await tx.query(pause);
          const r = await append(tx, i % 2 ? 'user' : 'system');
          await tx.query(pause);
          if (i % 5 === 4) throw new Error(`rolled back ${i}`);
          return r;
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ seq: number; hash: string }>).value);
    expect(ok).toHaveLength(16);
    expect(ok.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => head + 1 + i));
    expect(new Set(ok.map((r) => r.hash)).size).toBe(16);
    expect(await auditHeadSeq(db)).toBe(head + 16);
    const v = await verifyAuditChain(db);
    expect(v).toEqual({ ok: true, checked: head + 16, headSeq: head + 16 });
  });
});
