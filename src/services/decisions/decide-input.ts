/**
 * The Office's decision (Art. 8) in depth: reasons that cite articles of the case's regime, and —
 * for a pass with conditions — conditions with an owner organisation and a due date, tracked to
 * closure. Written by the `decide` transition in the same statement as the state change.
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { DaySchema, UuidSchema } from '../validate.ts';
import type { SqlParam, Tx } from '../../db/db.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { OUTCOMES } from '../../domain/lifecycle.ts';
import { dateInShanghai } from '../../domain/clock.ts';
import type { FieldError } from '../../errors.ts';
import { AppError } from '../../errors.ts';
import { findRegime } from '../../regime/index.ts';
import type { ActionEffect, EffectContext } from '../cases/action-inputs.ts';

const strict = { additionalProperties: false } as const;
const Text = Type.String({ minLength: 1, maxLength: 4000 });

export const DecisionReason = Type.Object(
  { articles: Type.Array(Type.String({ minLength: 1, maxLength: 12, description: 'Article number of the case’s regime, e.g. "6"' }), { minItems: 1, maxItems: 10, uniqueItems: true }), text: Text },
  strict,
);
export const DecisionCondition = Type.Object({ text: Text, ownerOrgId: UuidSchema, dueDate: DaySchema }, strict);

export const DecideInput = Type.Object(
  {
    outcome: Type.Union(OUTCOMES.map((o) => Type.Literal(o))),
    decisionText: Text,
    reasons: Type.Optional(Type.Array(DecisionReason, { minItems: 1, maxItems: 50, description: 'Reasons, each citing the articles it rests on' })),
    conditions: Type.Optional(Type.Array(DecisionCondition, { minItems: 1, maxItems: 50, description: 'Conditions of a passed_with_conditions decision' })),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  strict,
);
type DecideBody = { outcome: (typeof OUTCOMES)[number]; decisionText: string; reasons?: { articles: string[]; text: string }[]; conditions?: { text: string; ownerOrgId: string; dueDate: string }[] };

export function decideEffect(i: DecideBody, ctx: EffectContext): ActionEffect {
  const profile = ctx.regimeId ? findRegime(ctx.regimeId) : undefined;
  const known = new Set(profile?.articles.map((a) => a.number) ?? []);
  const errors: FieldError[] = [];
  (i.reasons ?? []).forEach((r, ri) =>
    r.articles.forEach((a, ai) => {
      if (!known.has(a)) errors.push({ path: `/body/reasons/${ri}/articles/${ai}`, message: `no Article ${a} in regime ${ctx.regimeId ?? '(unknown)'}` });
    }),
  );
  if (i.conditions && i.outcome !== 'passed_with_conditions') errors.push({ path: '/body/conditions', message: `conditions belong to a passed_with_conditions decision, not ${i.outcome}` });
  const today = dateInShanghai(ctx.at);
  (i.conditions ?? []).forEach((c, ci) => {
    if (c.dueDate < today) errors.push({ path: `/body/conditions/${ci}/dueDate`, message: `${c.dueDate} is in the past` });
  });
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

  const reasons = (i.reasons ?? []).map((r, position) => ({ position, articles: r.articles, text: r.text }));
  const conditions = (i.conditions ?? []).map((c, position) => ({ id: randomUUID(), eid: randomUUID(), position, text: c.text, owner: c.ownerOrgId, due: c.dueDate }));
  const effects: ((p: (v: SqlParam) => string) => string)[] = [];
  if (reasons.length) {
    effects.push((p) => `INSERT INTO decision_reasons (case_id, review_round, position, articles, text)
      SELECT c.id, c.review_round, x.position, x.articles, x.text FROM c, jsonb_to_recordset(${p(JSON.stringify(reasons))}::jsonb) AS x(position int, articles jsonb, text text)`);
  }
  if (conditions.length) {
    const rows = p0(conditions);
    effects.push((p) => `INSERT INTO decision_conditions (id, case_id, review_round, position, text, owner_org_id, due_date, status, created_at, updated_at)
      SELECT x.id, c.id, c.review_round, x.position, x.text, x.owner, x.due, 'open', ${p(ctx.at)}, ${p(ctx.at)}
      FROM c, jsonb_to_recordset(${p(rows)}::jsonb) AS x(id uuid, position int, text text, owner uuid, due date)`);
    effects.push((p) => `INSERT INTO decision_condition_events (id, condition_id, from_status, to_status, note, actor_user_id, at)
      SELECT x.eid, x.id, NULL, 'open', 'set by the decision', ${p(ctx.actorUserId)}, ${p(ctx.at)} FROM c, jsonb_to_recordset(${p(rows)}::jsonb) AS x(eid uuid, id uuid)`);
  }
  return {
    set: { outcome: i.outcome, decision_text: i.decisionText },
    effects,
    detail: {
      outcome: i.outcome,
      ...(reasons.length ? { articlesCited: [...new Set(reasons.flatMap((r) => r.articles))] } : {}),
      ...(conditions.length ? { conditionIds: conditions.map((c) => c.id) } : {}),
    },
  };
}

const p0 = (rows: unknown[]) => JSON.stringify(rows);

function ownerIds(body: Record<string, unknown>): string[] {
  const cs = (body.conditions ?? []) as { ownerOrgId: string }[];
  return [...new Set(cs.map((c) => c.ownerOrgId.toLowerCase()))];
}

/** Every condition's owner must be a registered organisation: a condition of the decide update. */
export const DECIDE_TARGET = {
  condition: (body: Record<string, unknown>) => (p: (v: SqlParam) => string) => {
    const ids = ownerIds(body);
    return ids.length ? `(SELECT count(*) FROM organisations o WHERE o.id = ANY(${p(ids)}::uuid[])) = ${p(ids.length)}` : 'TRUE';
  },
  async diagnose(tx: Tx, body: Record<string, unknown>, _c: LoadedCase): Promise<AppError | null> {
    const cs = (body.conditions ?? []) as { ownerOrgId: string }[];
    if (!cs.length) return null;
    const r = await tx.query<{ id: string }>('SELECT id FROM organisations WHERE id = ANY($1::uuid[])', [ownerIds(body)]);
    const found = new Set(r.rows.map((x) => x.id.toLowerCase()));
    const errors = cs.flatMap((c, i) => (found.has(c.ownerOrgId.toLowerCase()) ? [] : [{ path: `/body/conditions/${i}/ownerOrgId`, message: 'unknown organisation' }]));
    return errors.length ? new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors }) : null;
  },
};
