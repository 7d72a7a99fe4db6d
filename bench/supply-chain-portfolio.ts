/**
 * The benchmark portfolio: the shared OSV corpus imported into a schema `bench_portfolio`, and
 * product versions × components generated inside PostgreSQL from (package, version) pairs the
 * advisories name plus as many packages no advisory names. Built once and reused while its
 * marker (layout version, sizes) matches, so repeated runs stay fast.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { PostgresDb } from '../src/db/postgres.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Advisory } from '../src/supply-chain/model.ts';
import { normalizePackageName } from '../src/supply-chain/ecosystems.ts';
import { importAdvisoriesIntoDb } from '../src/services/supply-chain/import-advisories.ts';

export const PORTFOLIO_SCHEMA = 'bench_portfolio';
const LAYOUT = 'v3';

export interface PortfolioSize {
  products: number;
  componentsPerProduct: number;
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function systemCtx(db: PostgresDb) {
  return { actor: { kind: 'system' as const, purpose: 'bench' }, db, request: { id: 'bench' }, blobDir: '/nonexistent', now: () => new Date() };
}

/** (package, version) pairs named by the corpus' ranges and version lists; '0' is not a version. */
export function corpusPairs(advisories: Iterable<Advisory>): { ecosystem: string; name: string; version: string }[] {
  const seen = new Set<string>();
  const out: { ecosystem: string; name: string; version: string }[] = [];
  for (const a of advisories) {
    for (const af of a.affected ?? []) {
      if (!af.ecosystem || !af.name) continue;
      const name = normalizePackageName(af.ecosystem, af.name);
      const versions = [...(af.versions ?? []).slice(0, 20)];
      for (const r of af.ranges ?? []) {
        if (r.type === 'GIT') continue;
        for (const e of r.events ?? []) for (const v of Object.values(e)) if (typeof v === 'string' && v !== '0' && v !== '*') versions.push(v);
      }
      for (const version of versions) {
        const k = `${af.ecosystem}\u0000${name}\u0000${version}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ ecosystem: af.ecosystem, name, version });
      }
    }
  }
  return out;
}

/** Opens (building first when absent or stale) the benchmark portfolio. */
export async function ensurePortfolio(url: string, corpusDir: string, size: PortfolioSize, log: (s: string) => void): Promise<PostgresDb> {
  // The schema is the supply-chain migration's: a change to the tables the portfolio fills rebuilds
  // it. The analysis tables (from sbom_analyses up to the supervision section) are none of them.
  const sql = readFileSync(new URL('../src/db/migrations/0003_supply_chain.sql', import.meta.url), 'utf8').replace(/CREATE TABLE sbom_analyses [\s\S]*?(?=-- Supervision)/, '');
  const migration = createHash('sha256').update(sql).digest('hex').slice(0, 12);
  const marker = `${LAYOUT}:${migration}:${size.products}x${size.componentsPerProduct}:${corpusDir}`;
  const existing = await admin(url, async (c) => {
    const t = await c.query(`SELECT to_regclass('${PORTFOLIO_SCHEMA}.bench_meta')::text AS t`);
    if (!t.rows[0]?.t) return null;
    return ((await c.query(`SELECT marker FROM ${PORTFOLIO_SCHEMA}.bench_meta`)).rows[0] as { marker?: string } | undefined)?.marker ?? null;
  });
  if (existing === marker) {
    log(`[bench] reusing portfolio ${PORTFOLIO_SCHEMA} (${marker})`);
    return PostgresDb.open(url, { schema: PORTFOLIO_SCHEMA, max: 2 });
  }
  log(`[bench] building portfolio ${PORTFOLIO_SCHEMA} (${size.products} × ${size.componentsPerProduct}) …`);
  await admin(url, async (c) => {
    await c.query(`DROP SCHEMA IF EXISTS ${PORTFOLIO_SCHEMA} CASCADE`);
    await c.query(`CREATE SCHEMA ${PORTFOLIO_SCHEMA}`);
  });
  const db = await PostgresDb.open(url, { schema: PORTFOLIO_SCHEMA, max: 2 });
  await migrate(db);
  let t = performance.now();
  const imported = await importAdvisoriesIntoDb(systemCtx(db), { path: corpusDir });
  log(`[bench]   corpus: ${imported.imported} advisories in ${Math.round(performance.now() - t)} ms`);

  // The pool: every (package, version) the corpus names, and as many pairs of packages no advisory names.
  const advisories = (await db.query<{ osv: Advisory }>('SELECT osv FROM advisories')).rows.map((r) => r.osv);
  const pairs = corpusPairs(advisories);
  const noise = pairs.length;
  const ecos = pairs.map((p) => p.ecosystem);
  const names = pairs.map((p) => p.name);
  const versions = pairs.map((p) => p.version);
  for (let i = 0; i < noise; i++) {
    ecos.push('npm');
    names.push(`bench-unaffected-${i % Math.ceil(noise / 4)}`);
    versions.push(`${i % 7}.${i % 13}.${i % 5}`);
  }
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO sc_packages (ecosystem, name) SELECT DISTINCT e, n FROM unnest($1::text[], $2::text[]) AS u(e, n) ON CONFLICT DO NOTHING', [ecos, names]);
    await tx.query(`CREATE TABLE bench_pool (idx integer PRIMARY KEY, package_id integer NOT NULL, version text NOT NULL)`);
    // Shuffled by a fixed hash so popular (low) indexes mix affected and unaffected packages.
    await tx.query(
      `INSERT INTO bench_pool (idx, package_id, version)
       SELECT row_number() OVER (ORDER BY md5(u.e || u.n || u.v)), p.id, u.v
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(e, n, v) JOIN sc_packages p ON p.ecosystem = u.e AND p.name = u.n`,
      [ecos, names, versions],
    );
  });
  const poolSize = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_pool')).rows[0]?.n);
  t = performance.now();
  await db.query('DROP INDEX portfolio_components_package');
  await db.query(
    `INSERT INTO product_versions (id, product_name, version, under_supervision, component_count)
     SELECT g, 'bench product ' || g, '1.0', g % 3 = 0, $2 FROM generate_series(1, $1::int) g`,
    [size.products, size.componentsPerProduct],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('product_versions', 'id'), $1::int)`, [size.products]);
  // Popularity is skewed (a few pairs are in most products, most in few): index = n·r₁·r₂.
  await db.query(
    `INSERT INTO portfolio_components (package_id, product_version_id, version)
     SELECT b.package_id, s.pv, b.version
     FROM (SELECT pv, 1 + floor($3::int * random() * random())::int AS k FROM generate_series(1, $1::int) pv, generate_series(1, $2::int) j) s
     JOIN bench_pool b ON b.idx = s.k`,
    [size.products, size.componentsPerProduct, poolSize],
  );
  log(`[bench]   ${size.products * size.componentsPerProduct} component rows in ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  await admin(url, async (c) => {
    await c.query(`SET search_path = ${PORTFOLIO_SCHEMA}`);
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query('CREATE INDEX portfolio_components_package ON portfolio_components (package_id, version, product_version_id)');
    await c.query('VACUUM ANALYZE portfolio_components');
    await c.query('VACUUM ANALYZE product_versions');
  });
  log(`[bench]   index and vacuum in ${Math.round(performance.now() - t)} ms`);
  await db.query('CREATE TABLE bench_meta (marker text NOT NULL)');
  await db.query('INSERT INTO bench_meta (marker) VALUES ($1)', [marker]);
  return db;
}
