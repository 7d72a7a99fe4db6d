import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { PublicRegisterRow } from '../../db/repos/cases.ts';
import { listPublicRegister } from '../../db/repos/cases.ts';
import { validateInput } from '../validate.ts';

export const PublicRegisterQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })) },
  { additionalProperties: false },
);

/** Art. 8, 13: results the Office released to the public — the summary only, for anyone. */
export async function listPublicResults(ctx: ActorContext, raw: unknown): Promise<{ items: PublicRegisterRow[]; total: number }> {
  const q = validateInput(PublicRegisterQuery, raw, '/query');
  const r = await listPublicRegister(ctx.db, q.limit ?? 20, q.offset ?? 0);
  return { items: r.rows, total: r.total };
}
