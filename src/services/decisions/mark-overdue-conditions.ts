import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../../domain/actor.ts';
import { dateInShanghai } from '../../domain/clock.ts';
import { appendAudit } from '../../audit/log.ts';

/** A job: every open condition past its due date (Beijing date) becomes overdue, with history and an audit event each. */
export async function markOverdueConditions(ctx: ActorContext): Promise<{ marked: string[] }> {
  const at = ctx.now();
  const today = dateInShanghai(at);
  return ctx.db.transaction(async (tx) => {
    const rows = (await tx.query<{ id: string; case_id: string }>(
      `UPDATE decision_conditions SET status = 'overdue', version = version + 1, updated_at = $2 WHERE status = 'open' AND due_date < $1::date RETURNING id, case_id`,
      [today, at],
    )).rows;
    for (const r of rows) {
      await tx.query('INSERT INTO decision_condition_events (id, condition_id, from_status, to_status, note, actor_user_id, at) VALUES ($1, $2, $3, $4, $5, NULL, $6)', [
        randomUUID(), r.id, 'open', 'overdue', `due date passed (today ${today})`, at,
      ]);
      await appendAudit(tx, { type: 'decision.condition_status_changed', actor: ctx.actor, at, caseId: r.case_id, subjectId: r.id, data: { conditionId: r.id, from: 'open', to: 'overdue', note: `due date passed (today ${today})` } });
    }
    return { marked: rows.map((r) => r.id) };
  });
}
