import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return { id: f.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Hash of the whole migration set: names the pre-initialised PGlite image that matches it. */
export function migrationSetHash(migrations = loadMigrations()): string {
  const h = createHash('sha256');
  for (const m of migrations) h.update(`${m.id}:${m.checksum}\n`);
  return h.digest('hex').slice(0, 16);
}

/**
 * Applies pending migrations, each in its own transaction. Migrations are append-only: a landed
 * one whose text changed is refused rather than silently diverging between installations.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = new Map(
    (await db.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations')).rows.map((r) => [r.id, r.checksum]),
  );
  const done: string[] = [];
  for (const m of migrations) {
    const prior = applied.get(m.id);
    if (prior !== undefined) {
      if (prior !== m.checksum) throw new Error(`migration ${m.id} was edited after it was applied (checksum ${prior.slice(0, 12)} ≠ ${m.checksum.slice(0, 12)}); migrations are append-only`);
      continue;
    }
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
    });
    done.push(m.id);
  }
  return done;
}
