import type { Db } from '../db/db.ts';
import type { ActorContext } from '../domain/actor.ts';
import { runPendingJobs } from '../services/jobs/run-pending-jobs.ts';

/**
 * The background worker inside the server process: polls the `jobs` table (FOR UPDATE SKIP
 * LOCKED) and runs what is due. pg-boss 10 is not used because it needs a PostgreSQL server
 * (its own schema, LISTEN/NOTIFY, advisory locks and several connections), which the embedded
 * PGlite database cannot offer; this table works the same on both.
 */
export interface JobWorker {
  /** Run due jobs now instead of at the next tick. */
  wake(): void;
  stop(): Promise<void>;
}

export function startJobWorker(db: Db, blobDir: string, opts: { intervalMs?: number; onError?: (e: unknown) => void } = {}): JobWorker {
  const ctx: ActorContext = { actor: { kind: 'system', purpose: 'jobs' }, db, request: { id: 'jobs' }, blobDir, now: () => new Date() };
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    // A wake-up during a run may be for a job the run's claim already missed: run once more after it.
    if (running) {
      again = true;
      return;
    }
    running = runPendingJobs(ctx)
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 1000);
  timer.unref();
  return {
    wake: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
