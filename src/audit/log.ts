import { createHash } from 'node:crypto';
import type { Db, SqlParam, Tx } from '../db/db.ts';
import type { Actor } from '../domain/actor.ts';
import type { AuditEventMap, AuditEventType } from './catalogue.ts';
import { isAuditEventType } from './catalogue.ts';

export interface AuditEventInput<T extends AuditEventType> {
  type: T;
  actor: Actor;
  at: Date;
  caseId?: string | null;
  /** The thing acted on when it is not the case (a material, a user, an organisation). */
  subjectId?: string | null;
  data: AuditEventMap[T];
}

/** Sorted keys at every level, so the same event always hashes to the same bytes. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

function actorRef(actor: Actor): Record<string, unknown> {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', userId: actor.userId, orgId: actor.orgId };
    case 'public':
      return { kind: 'public' };
    case 'system':
      return { kind: 'system', purpose: actor.purpose };
  }
}

export function chainHash(prevHash: string, seq: number, payload: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${payload}`, 'utf8').digest('hex');
}

type Placeholder = (v: SqlParam) => string;

export function auditPayload<T extends AuditEventType>(ev: AuditEventInput<T>): string {
  return canonicalJson({
    type: ev.type,
    at: ev.at.toISOString(),
    actor: actorRef(ev.actor),
    caseId: ev.caseId ?? null,
    subjectId: ev.subjectId ?? null,
    data: ev.data,
  });
}

/**
 * The audit append as two CTEs (`audit_head_step`, `audit_event`), to run inside a larger
 * statement. The chain head row is updated and read in the same statement: its row lock orders
 * concurrent appends, and a rolled-back write leaves neither the event nor a gap in the chain. The
 * hash is computed by the database from the head it locked, so two writers can never chain onto
 * the same predecessor. `onlyIf` makes the append conditional on another CTE having written.
 */
export function auditCtes<T extends AuditEventType>(p: Placeholder, ev: AuditEventInput<T>, onlyIf?: string): string {
  const payload = p(auditPayload(ev));
  return `audit_head_step AS (
       UPDATE audit_head SET seq = seq + 1, prev_hash = hash,
         hash = encode(sha256(convert_to(hash || chr(10) || (seq + 1)::text || chr(10) || ${payload}::text, 'UTF8')), 'hex')
       WHERE id = 1${onlyIf ? ` AND EXISTS (SELECT 1 FROM ${onlyIf})` : ''} RETURNING seq, prev_hash, hash),
     audit_event AS (
       INSERT INTO audit_events (seq, at, type, actor_user_id, case_id, subject_id, payload, prev_hash, hash)
       SELECT seq, ${p(ev.at)}, ${p(ev.type)}, ${p(ev.actor.kind === 'user' ? ev.actor.userId : null)}, ${p(ev.caseId ?? null)}, ${p(ev.subjectId ?? null)}, ${payload}, prev_hash, hash
       FROM audit_head_step RETURNING seq, hash)`;
}

/** Appends one event in the caller's transaction. */
export async function appendAudit<T extends AuditEventType>(tx: Tx, ev: AuditEventInput<T>): Promise<{ seq: number; hash: string }> {
  const params: SqlParam[] = [];
  const p: Placeholder = (v) => (params.push(v), `$${params.length}`);
  const r = await tx.query<{ seq: number; hash: string }>(`WITH ${auditCtes(p, ev)} SELECT seq, hash FROM audit_event`, params);
  const row = r.rows[0];
  if (!row) throw new Error('audit append wrote no row');
  return { seq: Number(row.seq), hash: row.hash };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  /** The first link that does not hold, and why. */
  brokenAt?: { seq: number; reason: string };
}

interface AuditRow {
  seq: number;
  at: Date | string;
  type: string;
  actor_user_id: string | null;
  case_id: string | null;
  subject_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes the whole chain from the first event: each hash from its predecessor and payload,
 * each indexed column against the payload it was copied from, no gaps, and the head row last.
 */
export async function verifyAuditChain(db: Db, opts: { batch?: number } = {}): Promise<VerifyResult> {
  const batch = opts.batch ?? 5000;
  let prev = '0'.repeat(64);
  let expectSeq = 1;
  let checked = 0;
  const fail = (seq: number, reason: string): VerifyResult => ({ ok: false, checked, headSeq: expectSeq - 1, brokenAt: { seq, reason } });
  for (;;) {
    const { rows } = await db.query<AuditRow>(
      'SELECT seq, at, type, actor_user_id, case_id, subject_id, payload, prev_hash, hash FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [expectSeq, batch],
    );
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectSeq) return fail(expectSeq, `event ${expectSeq} is missing (next present is ${seq})`);
      if (r.prev_hash !== prev) return fail(seq, 'prev_hash does not match the hash of the previous event');
      if (chainHash(prev, seq, r.payload) !== r.hash) return fail(seq, 'hash does not match the payload');
      let p: { type?: string; at?: string; caseId?: string | null; subjectId?: string | null; actor?: { userId?: string } };
      try {
        p = JSON.parse(r.payload);
      } catch {
        return fail(seq, 'payload is not JSON');
      }
      if (!isAuditEventType(String(p.type)) || p.type !== r.type) return fail(seq, 'type column differs from the payload');
      if ((p.caseId ?? null) !== r.case_id) return fail(seq, 'case_id column differs from the payload');
      if ((p.subjectId ?? null) !== r.subject_id) return fail(seq, 'subject_id column differs from the payload');
      if ((p.actor?.userId ?? null) !== r.actor_user_id) return fail(seq, 'actor column differs from the payload');
      if (new Date(r.at).toISOString() !== p.at) return fail(seq, 'timestamp column differs from the payload');
      prev = r.hash;
      expectSeq++;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows[0];
  if (!head) return fail(expectSeq, 'the chain head row is missing');
  if (Number(head.seq) !== expectSeq - 1) return fail(Math.min(Number(head.seq), expectSeq), `head says ${head.seq} events, the log holds ${expectSeq - 1}`);
  if (head.hash !== prev) return fail(expectSeq - 1, 'head hash differs from the last event');
  return { ok: true, checked, headSeq: expectSeq - 1 };
}
