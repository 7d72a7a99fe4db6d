import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorContext } from '../../src/domain/actor.ts';
import { buildApp } from '../../src/http/app.ts';
import { startJobWorker } from '../../src/jobs/worker.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, systemCtx } from '../factories.ts';
import { driveTo } from '../factories-extra.ts';
import { cycloneDxSbom, uploadSbomAs } from '../factories-supply-chain.ts';
import { sessionCookie } from '../http-session.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let ctx: ActorContext;
let p: Parties;
let caseId = '';

beforeAll(async () => {
  db = await openTestDb();
  ctx = systemCtx(db, tempBlobDir());
  p = await buildParties(ctx);
  caseId = (await buildCase(ctx, p)).id;
  await driveTo(ctx, p, caseId, 'assessing');
});
afterAll(async () => {
  await db?.dispose();
});

async function analysisStates(): Promise<string[]> {
  return (await db.query<{ state: string }>('SELECT state FROM sbom_analyses WHERE case_id = $1 ORDER BY created_at', [caseId])).rows.map((r) => r.state);
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe('the job worker', () => {
  it('runs queued jobs when woken, without waiting for its next poll', async () => {
    // A poll an hour away: only the wake-up can run the job within the test.
    const worker = startJobWorker(db, ctx.blobDir, { intervalMs: 3_600_000 });
    try {
      await uploadSbomAs(ctx, p.supplier, caseId, cycloneDxSbom({ name: 'Router', version: '1' }, [{ name: 'minimist', version: '1.2.5' }]));
      expect(await analysisStates()).toEqual(['queued']);
      worker.wake();
      expect(await until(async () => (await analysisStates()).join() === 'succeeded', 10_000)).toBe(true);
      // A wake-up during a run is not lost: the job queued meanwhile runs right after.
      await uploadSbomAs(ctx, p.supplier, caseId, cycloneDxSbom({ name: 'Router', version: '2' }, [{ name: 'qs', version: '6.10.1' }]));
      worker.wake();
      await uploadSbomAs(ctx, p.supplier, caseId, cycloneDxSbom({ name: 'Router', version: '3' }, [{ name: 'chalk', version: '5.0.0' }]));
      worker.wake();
      expect(await until(async () => (await analysisStates()).join() === 'succeeded,succeeded,succeeded', 10_000)).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it('is woken by an upload over HTTP', async () => {
    let woken = 0;
    const app = await buildApp({ db, blobDir: ctx.blobDir, version: 'test', onJobsQueued: () => woken++ });
    try {
      const cookie = await sessionCookie(app, p.supplier);
      const up = await app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/materials?filename=bom.cdx.json&kind=sbom&authenticityStatement=${encodeURIComponent('We attest this SBOM is authentic.')}`,
        payload: cycloneDxSbom({ name: 'Router', version: '4' }, [{ name: 'qs', version: '6.10.1' }]),
        headers: { 'content-type': 'application/octet-stream', cookie },
      });
      expect(up.statusCode, up.body).toBe(201);
      expect(woken).toBe(1);
    } finally {
      await app.close();
    }
  });
});
