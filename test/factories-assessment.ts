/**
 * Factories and probes for the assessment suites: a case in assessment with its parties, and
 * a fingerprint of the catalogue tables (the whole-schema one is `dbFingerprint`).
 */
import type { Queryable } from '../src/db/db.ts';
import type { ActorContext } from '../src/domain/actor.ts';
import type { CaseRow } from '../src/db/repos/cases.ts';
import { acceptUndertaking } from '../src/services/cases/accept-undertaking.ts';
import { loadCaseForActor } from '../src/services/cases/transition-case.ts';
import type { Parties } from './factories.ts';
import { buildCase, buildParties, ctxFor } from './factories.ts';
import { driveTo, tableFingerprint } from './factories-extra.ts';

export async function catalogueFingerprint(q: Queryable): Promise<Record<string, string>> {
  return tableFingerprint(q, ['catalogues', 'catalogue_clauses', 'audit_events']);
}

/** A case in `assessing` with every party, the assessor's staff having accepted the undertaking. */
export async function buildCaseInAssessment(base: ActorContext, parties?: Parties): Promise<{ p: Parties; c: CaseRow }> {
  const p = parties ?? (await buildParties(base));
  const created = await buildCase(base, p);
  const c = await driveTo(base, p, created.id, 'assessing');
  return { p, c };
}

export async function undertake(base: ActorContext, actor: ActorContext['actor'], caseId: string): Promise<void> {
  const ctx = ctxFor(base, actor);
  await acceptUndertaking(ctx, await loadCaseForActor(ctx, caseId));
}
