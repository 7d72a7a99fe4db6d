import type { SqlParam, Tx } from '../db/db.ts';
import type { AuditEventType } from './catalogue.ts';
import type { AuditEventInput } from './log.ts';
import { auditCtes } from './log.ts';

export type Placeholder = (v: SqlParam) => string;

/**
 * A write and its audit event as one statement: `write` is an INSERT/UPDATE … RETURNING, run as
 * the CTE `written`; the event is appended only if it wrote a row. Returns the rows written, so an
 * empty answer means nothing changed and nothing was audited.
 */
export async function writeWithAudit<R, T extends AuditEventType>(tx: Tx, write: (p: Placeholder) => string, ev: AuditEventInput<T>): Promise<R[]> {
  const params: SqlParam[] = [];
  const p: Placeholder = (v) => (params.push(v), `$${params.length}`);
  const sql = `WITH written AS (${write(p)}), ${auditCtes(p, ev, 'written')} SELECT * FROM written`;
  return (await tx.query<R>(sql, params)).rows;
}
