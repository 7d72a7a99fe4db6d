import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { FindingRow } from '../../db/repos/findings.ts';
import { findFinding } from '../../db/repos/findings.ts';
import { existingClauses } from '../../db/repos/catalogues.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { userActor } from './plan-activity.ts';
import { FindingClauseRef } from './record-finding-refs.ts';

export const CiteClausesInput = Type.Object({ clauses: Type.Array(FindingClauseRef, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });
export type ClauseRefInput = { catalogueId: string; clauseId: string };

/** Every reference must name a clause of a loaded catalogue; the error names each one that does not. */
export async function checkClauseRefs(ctx: ActorContext, refs: readonly ClauseRefInput[], path: string): Promise<void> {
  const found = await existingClauses(ctx.db, refs);
  const missing = refs.map((r, i) => ({ r, i })).filter(({ r }) => !found.has(`${r.catalogueId}#${r.clauseId}`));
  if (missing.length) {
    throw new AppError('validation_failed', `unknown clause${missing.length > 1 ? 's' : ''}: ${missing.map(({ r }) => `${r.catalogueId} ${r.clauseId}`).join(', ')}`, {
      errors: missing.map(({ r, i }) => ({ path: `${path}/${i}`, message: `no clause "${r.clauseId}" in a loaded catalogue "${r.catalogueId}"` })),
    });
  }
}

/** Art. 11: a finding rests on clauses of the standards it is assessed against. Citing twice changes nothing. */
export async function citeClauses(ctx: ActorContext, loaded: LoadedCase | undefined, findingId: string, raw: unknown): Promise<FindingRow> {
  authorizeAssessment(ctx.actor, 'finding.cite_clauses', loaded);
  const input = validateInput(CiteClausesInput, raw, '/body');
  const c = loaded!;
  const actor = userActor(ctx);
  const f = await findFinding(ctx.db, c.id, findingId);
  if (!f) throw new AppError('not_found', 'No such finding');
  await checkClauseRefs(ctx, input.clauses, '/body/clauses');
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query(
      `INSERT INTO finding_clauses (finding_id, catalogue_id, clause_id)
       SELECT $1, x."catalogueId", x."clauseId" FROM jsonb_to_recordset($2::jsonb) AS x("catalogueId" text, "clauseId" text)
       ON CONFLICT DO NOTHING`,
      [f.id, JSON.stringify(input.clauses)],
    );
    if (r.rowCount === 0) return;
    await appendAudit(tx, { type: 'finding.clauses_cited', actor, at, caseId: c.id, subjectId: f.id, data: { findingId: f.id, clauses: input.clauses.map((x) => `${x.catalogueId}#${x.clauseId}`) } });
  });
  return (await findFinding(ctx.db, c.id, f.id))!;
}
