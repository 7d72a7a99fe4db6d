import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { FindingRow, StatusChangeRow } from '../../db/repos/findings.ts';
import { findFinding, findingHistory, listFindings } from '../../db/repos/findings.ts';
import type { FindingStatus } from '../../assessment/finding-status.ts';
import { checkFindingStatusChange, FINDING_STATUSES } from '../../assessment/finding-status.ts';
import { isTerminal } from '../../domain/lifecycle.ts';
import { authorizeAssessment, authorizeFindingsRead } from '../../policies/index.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const FindingsQuery = Type.Object(
  { status: Type.Optional(Type.Array(Type.Union(FINDING_STATUSES.map((s) => Type.Literal(s))), { maxItems: 4 })) },
  { additionalProperties: false },
);

export async function listCaseFindings(ctx: ActorContext, loaded: LoadedCase | undefined, query: unknown = {}): Promise<FindingRow[]> {
  authorizeFindingsRead(ctx.actor, loaded);
  const q = validateInput(FindingsQuery, query, '/query');
  return listFindings(ctx.db, loaded!.id, q.status);
}

/** A finding with its status history: who moved it, when, and why. */
export async function getFinding(ctx: ActorContext, loaded: LoadedCase | undefined, findingId: string): Promise<{ finding: FindingRow; history: StatusChangeRow[]; nextStatuses: FindingStatus[] }> {
  const roles = authorizeAssessment(ctx.actor, 'finding.history', loaded);
  authorizeFindingsRead(ctx.actor, loaded);
  const finding = await findFinding(ctx.db, loaded!.id, findingId);
  if (!finding) throw new AppError('not_found', 'No such finding');
  // The moves this viewer may make now (the same check as `changeFindingStatus`), so the UI never re-derives them.
  const nextStatuses = isTerminal(loaded!.state) ? [] : FINDING_STATUSES.filter((s) => checkFindingStatusChange(finding.status, s, roles).ok);
  return { finding, history: await findingHistory(ctx.db, finding.id), nextStatuses };
}
