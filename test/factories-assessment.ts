/**
 * Factories and probes for the assessment suites: a case in assessment with its parties, and
 * fingerprints of the assessment tables that prove a refused request changed nothing.
 */
import type { Queryable } from '../src/db/db.ts';
import type { ActorContext } from '../src/domain/actor.ts';
import type { CaseRow } from '../src/db/repos/cases.ts';
import { acceptUndertaking } from '../src/services/cases/accept-undertaking.ts';
import { loadCaseForActor } from '../src/services/cases/transition-case.ts';
import type { Parties } from './factories.ts';
import { buildCase, buildParties, ctxFor } from './factories.ts';
import { dbFingerprint, driveTo } from './factories-extra.ts';

const ASSESSMENT_TABLES = [
  'catalogues',
  'catalogue_clauses',
  'assessment_activities',
  'assessment_activity_people',
  'evidence_files',
  'findings',
  'finding_status_changes',
  'finding_clauses',
  'supplement_requests',
  'audit_events',
] as const;

async function fingerprint(q: Queryable, tables: readonly string[]): Promise<Record<string, string>> {
  const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS v FROM ${t} x`).join(' UNION ALL ');
  const r = await q.query<{ t: string; v: string }>(sql);
  return Object.fromEntries(r.rows.map((x) => [x.t, x.v]));
}

export async function catalogueFingerprint(q: Queryable): Promise<Record<string, string>> {
  return fingerprint(q, ['catalogues', 'catalogue_clauses', 'audit_events']);
}

/** The core tables and the assessment tables: equal fingerprints mean nothing changed. */
export async function assessmentFingerprint(q: Queryable): Promise<Record<string, string>> {
  return { ...(await dbFingerprint(q)), ...(await fingerprint(q, ASSESSMENT_TABLES)) };
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
