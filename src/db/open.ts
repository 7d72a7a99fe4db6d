import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';
import { PgliteDb } from './pglite.ts';
import { PostgresDb } from './postgres.ts';
import { migrate } from './migrate.ts';
import { loadTemplate } from './template.ts';

export interface OpenOptions {
  /** A PostgreSQL server; when absent the embedded database under `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
}

export interface Opened {
  db: Db;
  /** True when the database was created by this call (demo data goes in then). */
  created: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Opened> {
  if (opts.databaseUrl) {
    const db = await PostgresDb.open(opts.databaseUrl);
    const fresh = !(await db.query<{ t: string | null }>("SELECT to_regclass('organisations')::text AS t")).rows[0]?.t;
    await migrate(db);
    return { db, created: fresh };
  }
  const pgdata = join(opts.dataDir, 'pgdata');
  const created = !existsSync(join(pgdata, 'PG_VERSION'));
  mkdirSync(opts.dataDir, { recursive: true });
  const db = created ? await PgliteDb.open({ dataDir: pgdata, loadDataDir: await loadTemplate() }) : await PgliteDb.open({ dataDir: pgdata });
  await migrate(db);
  return { db, created };
}
