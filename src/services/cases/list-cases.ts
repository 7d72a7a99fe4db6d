import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { CASE_STATES } from '../../domain/lifecycle.ts';
import type { CaseListRow } from '../../db/repos/cases.ts';
import { listCases } from '../../db/repos/cases.ts';
import { caseVisibilitySql } from '../../policies/index.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const ListCasesQuery = Type.Object(
  {
    state: Type.Optional(Type.Union(CASE_STATES.map((s) => Type.Literal(s)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'Opaque cursor from the previous page’s nextCursor' })),
  },
  { additionalProperties: false },
);

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(Date.parse(createdAt))) throw new Error('shape');
    return { createdAt, id };
  } catch {
    throw new AppError('validation_failed', 'the cursor is not one this server issued', { errors: [{ path: '/query/cursor', message: 'invalid cursor' }] });
  }
}

/** The cases the actor holds a role on, newest first, one keyset page at a time. */
export async function listCasesForActor(ctx: ActorContext, raw: unknown): Promise<{ items: CaseListRow[]; nextCursor: string | null }> {
  const q = validateInput(ListCasesQuery, raw, '/query');
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const limit = q.limit ?? 50;
  const items = await listCases(ctx.db, { state: q.state, limit, after: q.cursor ? decodeCursor(q.cursor) : undefined }, (p) => caseVisibilitySql(actor, p));
  const last = items.at(-1);
  const nextCursor = items.length === limit && last ? Buffer.from(JSON.stringify([last.cursor_at, last.id])).toString('base64url') : null;
  return { items, nextCursor };
}
