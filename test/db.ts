import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '../src/db/db.ts';
import { PgliteDb } from '../src/db/pglite.ts';
import { PostgresDb } from '../src/db/postgres.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadTemplate } from '../src/db/template.ts';

/**
 * A migrated, empty database for one test file. PGlite by default (in memory, from the
 * pre-initialised image); the PostgreSQL server when TEST_DATABASE_URL is set, in a schema of its
 * own so files can run in parallel on one database.
 */
export async function openTestDb(): Promise<Db & { dispose(): Promise<void> }> {
  if (!process.env.TEST_DATABASE_URL) {
    const db = await PgliteDb.open({ loadDataDir: await loadTemplate() });
    await migrate(db);
    return Object.assign(db, { dispose: () => db.close() });
  }
  const db = await openEmptyTestDb();
  await migrate(db);
  return db;
}

/**
 * A database with no migrations applied (migration tests apply them step by step): a fresh
 * PGlite, or a new schema on TEST_DATABASE_URL.
 */
export async function openEmptyTestDb(): Promise<Db & { dispose(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await PgliteDb.open({});
    return Object.assign(db, { dispose: () => db.close() });
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await PostgresDb.open(url, { schema, max: 4 });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  });
}

export function tempBlobDir(): string {
  return mkdtempSync(join(tmpdir(), 'netreview-blobs-'));
}
