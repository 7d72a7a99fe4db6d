import type { ActorContext } from '../../domain/actor.ts';
import { claimJob, finishJob } from '../../db/repos/jobs.ts';
import type { JobRow } from '../../db/repos/jobs.ts';
import { runSbomAnalysis, SBOM_ANALYSIS_JOB } from '../supply-chain/analyse-material.ts';

type Handler = (ctx: ActorContext, payload: Record<string, unknown>) => Promise<void>;

/** Every kind of background job and what runs it. */
const HANDLERS = {
  [SBOM_ANALYSIS_JOB]: (ctx, p) => runSbomAnalysis(ctx, { analysisId: String(p.analysisId), materialId: String(p.materialId) }),
} as const satisfies Record<string, Handler>;

function handlerFor(kind: string): Handler | undefined {
  return Object.prototype.hasOwnProperty.call(HANDLERS, kind) ? (HANDLERS as Record<string, Handler>)[kind] : undefined;
}

export interface JobRunSummary {
  ran: number;
  succeeded: number;
  failed: { id: number; kind: string; error: string }[];
}

/** A job left running longer than this by a worker that died is taken up again. */
export const STALE_JOB_MS = 15 * 60 * 1000;

/**
 * Runs due jobs until none is left (or `max` have run). The worker loop calls this; tests call it
 * directly and know every job queued before has finished when it returns.
 */
export async function runPendingJobs(ctx: ActorContext, opts: { max?: number } = {}): Promise<JobRunSummary> {
  const summary: JobRunSummary = { ran: 0, succeeded: 0, failed: [] };
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  while (summary.ran < max) {
    const job: JobRow | undefined = await claimJob(ctx.db, ctx.now(), STALE_JOB_MS);
    if (!job) break;
    summary.ran++;
    const handler = handlerFor(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(ctx, job.payload);
      await finishJob(ctx.db, job.id, true, null, ctx.now());
      summary.succeeded++;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await finishJob(ctx.db, job.id, false, error.slice(0, 4000), ctx.now());
      summary.failed.push({ id: job.id, kind: job.kind, error });
    }
  }
  return summary;
}
