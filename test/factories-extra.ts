import { expect } from 'vitest';
/**
 * More factories and probes for the integration suites: lifecycle steps as a given party, a driver
 * that walks a case to a state, and snapshots that prove a refused request changed nothing.
 */
import type { Queryable } from '../src/db/db.ts';
import type { ActorContext, UserActor } from '../src/domain/actor.ts';
import type { CaseState, Outcome, TransitionAction } from '../src/domain/lifecycle.ts';
import type { CaseRow, LoadedCase } from '../src/db/repos/cases.ts';
import type { OrganisationRow } from '../src/db/repos/identity.ts';
import type { MaterialRow } from '../src/db/repos/materials.ts';
import type { CaseAbilities, ReleaseScope } from '../src/policies/index.ts';
import { createOrganisation } from '../src/services/identity/create-organisation.ts';
import { loadCaseForActor, transitionCase } from '../src/services/cases/transition-case.ts';
import { uploadMaterial } from '../src/services/materials/upload-material.ts';
import { AppError } from '../src/errors.ts';
import type { Parties } from './factories.ts';
import { ctxFor } from './factories.ts';

let n = 0;
const uniq = () => `${process.pid}-x${++n}`;

function asSystem(ctx: ActorContext): ActorContext {
  return { ...ctx, actor: { kind: 'system', purpose: 'test' } };
}

/** A third-party assessor with exactly the accreditation given (`null`: never accredited). */
export async function buildAssessorOrg(ctx: ActorContext, opts: { accreditedUntil: string | null; groupName?: string }): Promise<OrganisationRow> {
  return createOrganisation(asSystem(ctx), {
    kind: 'third_party_assessor',
    name: `assessor ${uniq()}`,
    ...(opts.accreditedUntil ? { accreditedUntil: opts.accreditedUntil } : {}),
    ...(opts.groupName ? { groupName: opts.groupName } : {}),
  });
}

export async function buildSupplierOrg(ctx: ActorContext, opts: { groupName?: string } = {}): Promise<OrganisationRow> {
  return createOrganisation(asSystem(ctx), { kind: 'supplier', name: `supplier ${uniq()}`, ...(opts.groupName ? { groupName: opts.groupName } : {}) });
}

/** One lifecycle step as `actor`, through the same service the routes call. */
export async function act(ctx: ActorContext, actor: ActorContext['actor'], caseId: string, action: TransitionAction, body: Record<string, unknown> = {}): Promise<{ row: CaseRow; abilities: CaseAbilities }> {
  const c = ctxFor(ctx, actor);
  const loaded = await loadCaseForActor(c, caseId);
  return transitionCase(c, loaded, { action, body });
}

export async function load(ctx: ActorContext, actor: ActorContext['actor'], caseId: string): Promise<LoadedCase> {
  const loaded = await loadCaseForActor(ctxFor(ctx, actor), caseId);
  if (!loaded) throw new Error(`case ${caseId} not found`);
  return loaded;
}

export async function uploadAs(ctx: ActorContext, supplier: UserActor, caseId: string, content: Buffer = Buffer.from(`material ${uniq()}`), filename = 'design.pdf'): Promise<MaterialRow> {
  const c = ctxFor(ctx, supplier);
  return uploadMaterial(c, await loadCaseForActor(c, caseId), { filename, kind: 'documentation', authenticityStatement: 'We attest this material is authentic and complete.' }, content);
}

/** The AppError a refused call rejects with (fails the test if it resolves or throws anything else). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused with an AppError, but it succeeded');
}

/** Row count and a digest of every row of the given tables. */
export async function tableFingerprint(q: Queryable, tables: readonly string[]): Promise<Record<string, string>> {
  const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS v FROM ${t} x`).join(' UNION ALL ');
  const r = await q.query<{ t: string; v: string }>(sql);
  return Object.fromEntries(r.rows.map((x) => [x.t, x.v]));
}

/**
 * Every table of the schema (read from the catalogue, so a table a later migration adds is covered
 * without anyone remembering to list it): equal fingerprints mean nothing changed.
 */
export async function dbFingerprint(q: Queryable): Promise<Record<string, string>> {
  const tables = (await q.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY 1")).rows.map((r) => r.t);
  return tableFingerprint(q, tables);
}

/** Runs a call that must be refused, and proves it changed nothing anywhere in the database. */
export async function refusedUnchanged(q: Queryable, call: () => Promise<unknown>): Promise<AppError> {
  const before = await dbFingerprint(q);
  const e = await refusal(call());
  expect(await dbFingerprint(q)).toEqual(before);
  return e;
}

export async function auditCount(q: Queryable): Promise<number> {
  return Number((await q.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n);
}

export interface AuditEventRow {
  seq: number;
  at: Date;
  type: string;
  actor_user_id: string | null;
  case_id: string | null;
  subject_id: string | null;
  payload: string;
}

export async function auditEventsAfter(q: Queryable, seq: number): Promise<AuditEventRow[]> {
  return (await q.query<AuditEventRow>('SELECT seq, at, type, actor_user_id, case_id, subject_id, payload FROM audit_events WHERE seq > $1 ORDER BY seq', [seq])).rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function auditHeadSeq(q: Queryable): Promise<number> {
  return Number((await q.query<{ seq: number }>('SELECT seq FROM audit_head WHERE id = 1')).rows[0]!.seq);
}

/** A clock the test moves by hand (ctx.now and buildApp's `now`). */
export function manualClock(startIso: string): { now: () => Date; set(iso: string): void } {
  let t = new Date(startIso);
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso)) };
}

export interface DriveOptions {
  outcome?: Outcome;
  scope?: ReleaseScope;
  /** The assessor organisation to assign; defaults to the parties' assessor. */
  assessorOrgId?: string;
}

/**
 * Walks a case forward along the main path until it is in `target` (no supplement round): the
 * party the table names takes each step. Fails if the path never gets there.
 */
export async function driveTo(ctx: ActorContext, p: Parties, caseId: string, target: CaseState, opts: DriveOptions = {}): Promise<CaseRow> {
  const outcome = opts.outcome ?? 'passed';
  const steps: Partial<Record<CaseState, [UserActor, TransitionAction, Record<string, unknown>][]>> = {
    intake: [[p.office, 'accept', {}]],
    determination: [[p.protection, 'determine_affects_security', { reason: 'Dispatch network touches national security' }]],
    triage: [[p.office, 'open', {}]],
    planning: [
      [p.office, 'assign_assessor', { assessorOrgId: opts.assessorOrgId ?? p.assessor.orgId }],
      [p.office, 'assign_expert', { expertUserId: p.expert.userId }],
      [p.office, 'start_assessment', {}],
    ],
    assessing: [
      [p.assessor, 'record_finding', { category: 2, severity: 'medium', title: 'Firmware built by an unvetted contractor' }],
      [p.assessor, 'submit_assessment', { summary: 'Assessment complete' }],
    ],
    expert_evaluation: [
      [p.expert, 'give_opinion', { recommendation: outcome, opinion: 'Reviewed the assessment' }],
      [p.office, 'decide', { outcome, decisionText: `Result: ${outcome}` }],
    ],
    decided: [[p.office, 'release', { scope: opts.scope ?? { kind: 'public' }, publicSummary: 'Summary for the register' }]],
    released: [[p.office, outcome === 'not_passed' ? 'close' : 'begin_supervision', {}]],
    supervision: [[p.regulator, 'trigger_rereview', { trigger: 'advisory', reason: 'New advisory' }]],
    rereview: [[p.office, 'reopen', {}]],
  };
  let row = await load(ctx, p.office, caseId);
  let current: CaseState = row.state;
  for (let guard = 0; current !== target; guard++) {
    const todo = steps[current];
    if (!todo || guard > 20) throw new Error(`driveTo: cannot get from ${current} to ${target}`);
    for (const [actor, action, body] of todo) row = { ...row, ...(await act(ctx, actor, caseId, action, body)).row };
    current = row.state;
  }
  return row;
}
