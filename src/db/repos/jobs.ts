import type { Db, Queryable, SqlParam, Tx } from '../db.ts';

export interface JobRow {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  attempts: number;
  last_error: string | null;
}

export async function enqueueJob(tx: Tx, kind: string, payload: Record<string, unknown>, at: Date): Promise<number> {
  const r = await tx.query<{ id: number }>('INSERT INTO jobs (kind, payload, run_after, created_at) VALUES ($1, $2::jsonb, $3, $3) RETURNING id', [
    kind,
    JSON.stringify(payload),
    at,
  ]);
  return (r.rows[0] as { id: number }).id;
}

/** `enqueueJob` as the body of a CTE: one job per row of `from` (so it is queued only if that wrote). */
export function enqueueJobSql(p: (v: SqlParam) => string, kind: string, payload: Record<string, unknown>, at: Date, from: string): string {
  return `INSERT INTO jobs (kind, payload, run_after, created_at) SELECT ${p(kind)}, ${p(JSON.stringify(payload))}::jsonb, ${p(at)}::timestamptz, ${p(at)}::timestamptz FROM ${from} RETURNING id`;
}

/**
 * Takes the oldest due job. SKIP LOCKED lets several workers (server processes on one PostgreSQL)
 * poll the same table without waiting on each other; the row lock lasts only for the claim, and a
 * job left 'running' by a crashed worker is claimed again once `staleAfterMs` has passed.
 */
export async function claimJob(db: Db, now: Date, staleAfterMs: number): Promise<JobRow | undefined> {
  return db.transaction(async (tx) => {
    const r = await tx.query<JobRow>(
      `SELECT id, kind, payload, state, attempts, last_error FROM jobs
       WHERE (state = 'queued' AND run_after <= $1) OR (state = 'running' AND locked_at < $2)
       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now, new Date(now.getTime() - staleAfterMs)],
    );
    const job = r.rows[0];
    if (!job) return undefined;
    await tx.query(`UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_at = $2 WHERE id = $1`, [job.id, now]);
    return { ...job, state: 'running', attempts: job.attempts + 1 };
  });
}

export async function finishJob(q: Queryable, id: number, ok: boolean, error: string | null, at: Date): Promise<void> {
  await q.query('UPDATE jobs SET state = $2, last_error = $3, finished_at = $4, locked_at = NULL WHERE id = $1', [id, ok ? 'succeeded' : 'failed', error, at]);
}

export async function findJob(q: Queryable, id: number): Promise<JobRow | undefined> {
  return (await q.query<JobRow>('SELECT id, kind, payload, state, attempts, last_error FROM jobs WHERE id = $1', [id])).rows[0];
}
