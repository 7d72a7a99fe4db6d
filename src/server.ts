import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { VERSION } from './config.ts';
import type { Db } from './db/db.ts';
import { openDatabase } from './db/open.ts';
import { buildApp } from './http/app.ts';
import { seedDemo } from './services/demo/seed-demo.ts';
import { startJobWorker } from './jobs/worker.ts';
import type { DemoCredential } from './services/demo/seed-demo.ts';

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  demo: DemoCredential[] | null;
  close(): Promise<void>;
}

export function systemContext(db: Db, blobDir: string, purpose: string) {
  return { actor: { kind: 'system' as const, purpose }, db, request: { id: purpose }, blobDir, now: () => new Date() };
}

export async function startServer(cfg: Config, opts: { logger?: boolean; seed?: boolean } = {}): Promise<Running> {
  mkdirSync(cfg.dataDir, { recursive: true });
  const blobDir = join(cfg.dataDir, 'blobs');
  const { db, created } = await openDatabase({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
  // Seeding is mostly password hashing on the thread pool, building the app mostly schema
  // compilation on the main thread: on a first start they overlap (both finish before listening).
  const seeding = created && opts.seed !== false ? seedDemo(systemContext(db, blobDir, 'demo-seed')) : Promise.resolve(null);
  // The worker starts after the app (it logs through it); an upload that queues a job wakes it.
  const jobs = { wake: (): void => undefined };
  const [demo, app] = await Promise.all([seeding, buildApp({ db, blobDir, version: VERSION, logger: opts.logger ?? false, onJobsQueued: () => jobs.wake() })]);
  if (demo) {
    const file = join(cfg.dataDir, 'demo-credentials.txt');
    writeFileSync(file, demo.map((d) => `${d.username}\t${d.password}\t${d.kind}\t${d.organisation}`).join('\n') + '\n', { mode: 0o600 });
  }
  const worker = startJobWorker(db, blobDir, { onError: (e) => app.log.error(e) });
  jobs.wake = worker.wake;
  const address = await app.listen({ port: cfg.port, host: cfg.host });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://${cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host}:${port}`;
  void address;
  return {
    app,
    db,
    url,
    demo,
    async close() {
      await worker.stop();
      await app.close();
      await db.close();
    },
  };
}
