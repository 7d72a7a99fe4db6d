/**
 * Factories for the Experts Committee panel, decisions and reports: a case in expert evaluation
 * with a formed panel, score sheets, and a fingerprint of this area's tables for "nothing changed".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/db.ts';
import type { ActorContext, UserActor } from '../src/domain/actor.ts';
import { loadCaseForActor } from '../src/services/cases/transition-case.ts';
import { proposePanelMembers } from '../src/services/panel/propose-panel-members.ts';
import { submitScores } from '../src/services/panel/submit-scores.ts';
import type { Parties } from './factories.ts';
import { buildCase, buildUser, ctxFor, systemCtx } from './factories.ts';
import { driveTo } from './factories-extra.ts';

/** A context whose blob store sits in a fresh DATA_DIR-like folder, so signing keys land in its `keys/` beside it. */
export function ctxWithDataDir(db: Db, now: () => Date = () => new Date()): ActorContext & { dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'netreview-data-'));
  return Object.assign(systemCtx(db, join(dataDir, 'blobs'), now), { dataDir });
}

export async function buildExperts(ctx: ActorContext, n: number): Promise<UserActor[]> {
  const out: UserActor[] = [];
  for (let i = 0; i < n; i++) out.push(await buildUser(ctx, 'experts_committee'));
  return out;
}

export async function inContext<T>(ctx: ActorContext, actor: UserActor, caseId: string, fn: (c: ActorContext, loaded: Awaited<ReturnType<typeof loadCaseForActor>>) => Promise<T>): Promise<T> {
  const c = ctxFor(ctx, actor);
  return fn(c, await loadCaseForActor(c, caseId));
}

/** A case in planning with a panel of `experts` formed by the Office, then driven to expert evaluation. */
export async function buildPanelCase(ctx: ActorContext, p: Parties, experts: UserActor[], opts: { scoringDeadline?: string } = {}): Promise<string> {
  const row = await buildCase(ctx, p);
  await driveTo(ctx, p, row.id, 'planning');
  await inContext(ctx, p.office, row.id, (c, l) => proposePanelMembers(c, l, { expertUserIds: experts.map((e) => e.userId), ...(opts.scoringDeadline ? { scoringDeadline: opts.scoringDeadline } : {}) }));
  await driveTo(ctx, p, row.id, 'expert_evaluation');
  return row.id;
}

export function sheet(scores: [number, number, number, number, number], trustworthiness: number): Record<string, unknown> {
  return { categoryScores: Object.fromEntries(scores.map((s, i) => [String(i + 1), s])), trustworthiness };
}

export async function scoreAs(ctx: ActorContext, expert: UserActor, caseId: string, body: Record<string, unknown>) {
  return inContext(ctx, expert, caseId, (c, l) => submitScores(c, l, body));
}

