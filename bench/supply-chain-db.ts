/**
 * Supply-chain figures on PostgreSQL (issue 3): a 100,000-component SBOM ingested end to end in a
 * fresh schema, beside its floors (JSON.parse of the file, a bare COPY of the same component rows),
 * the ingest's peak RSS in a process of its own, and "one new advisory → affected product
 * versions" over a portfolio of products × components (10,000 × 1,000 by default;
 * BENCH_PORTFOLIO_PRODUCTS / BENCH_PORTFOLIO_COMPONENTS shrink it while developing).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { csvField } from '../src/db/db.ts';
import { PostgresDb } from '../src/db/postgres.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Advisory } from '../src/supply-chain/model.ts';
import { affectedProductVersions } from '../src/services/supply-chain/refresh-impact.ts';
import { corpusPairs, ensurePortfolio, PORTFOLIO_SCHEMA } from './supply-chain-portfolio.ts';
import { percentile, round } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

function envInt(name: string, dflt: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : dflt;
}

const PURL_OF: Record<string, (name: string, version: string) => string> = {
  Go: (n, v) => `pkg:golang/${n}@${v.startsWith('v') ? v : `v${v}`}`,
  PyPI: (n, v) => `pkg:pypi/${n}@${encodeURIComponent(v)}`,
  'crates.io': (n, v) => `pkg:cargo/${n}@${encodeURIComponent(v)}`,
  'AlmaLinux:9': (n, v) => `pkg:rpm/almalinux/${n}@${encodeURIComponent(v)}?arch=x86_64&distro=almalinux-9`,
  npm: (n, v) => `pkg:npm/${n}@${v}`,
};

/** A version above every range bound, in each ecosystem's spelling: the package as most products ship it, patched. */
const PATCHED: Record<string, string> = { Go: 'v99.0.0', PyPI: '99.0', 'crates.io': '99.0.0', 'AlmaLinux:9': '99.0-1.el9', npm: '99.0.0' };

/**
 * A CycloneDX 1.6 JSON of `n` components: half real package names from the corpus (one in five
 * of those at a version the corpus names, so some are vulnerable; the rest patched), half packages
 * no advisory names; a dependency DAG and a root.
 */
export function corpusCycloneDx(advisories: Advisory[], n: number): string {
  let s = 42;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
  // One entry per package (a product ships a package once), in a fixed shuffled order.
  const byPackage = new Map<string, { ecosystem: string; name: string; version: string }>();
  for (const p of corpusPairs(advisories)) if (p.ecosystem in PURL_OF && !byPackage.has(`${p.ecosystem}\u0000${p.name}`)) byPackage.set(`${p.ecosystem}\u0000${p.name}`, p);
  const pairs = [...byPackage.values()];
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  const components: object[] = [];
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    let p = i % 2 === 0 && pairs.length > 0 ? pairs[(i / 2) % pairs.length]! : { ecosystem: 'npm', name: `bench-lib-${i}`, version: `${i % 9}.${i % 17}.0` };
    if (i % 10 !== 0 && p.ecosystem in PATCHED) p = { ...p, version: PATCHED[p.ecosystem] as string };
    const purl = (PURL_OF[p.ecosystem] as (a: string, b: string) => string)(p.name, p.version);
    const ref = `c${i}`;
    refs.push(ref);
    components.push({ type: 'library', 'bom-ref': ref, name: p.name, version: p.version, purl, supplier: { name: `Supplier ${i % 300}` }, licenses: [{ license: { id: i % 3 ? 'MIT' : 'Apache-2.0' } }] });
  }
  const dependencies = refs.map((ref, i) => ({ ref, dependsOn: i < 100 ? [] : [...new Set([refs[Math.floor(rand() * i)]!, refs[Math.floor(rand() * i)]!])] }));
  dependencies.push({ ref: 'root', dependsOn: refs.slice(-100) });
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:0b5d5f0e-6c1f-4d7e-9a43-7d1d3f2c1a00',
    version: 1,
    metadata: { timestamp: '2026-01-01T00:00:00Z', authors: [{ name: 'bench' }], component: { type: 'application', 'bom-ref': 'root', name: 'bench product', version: '1.0', supplier: { name: 'Vendor' } } },
    components,
    dependencies,
  });
}

/** The 100k SBOM: the parse benchmark's builder when it exists (same file for every figure), else ours. */
async function buildSbomFile(path: string, n: number, advisories: Advisory[], log: (s: string) => void): Promise<void> {
  const lib = join(ROOT, 'bench', 'supply-chain-lib.ts');
  if (existsSync(lib)) {
    const mod = (await import(lib)) as { buildBenchSbom?: (path: string, n: number) => unknown };
    if (typeof mod.buildBenchSbom === 'function') {
      await mod.buildBenchSbom(path, n);
      if (existsSync(path)) {
        log('[bench]   SBOM from buildBenchSbom');
        return;
      }
    }
  }
  writeFileSync(path, corpusCycloneDx(advisories, n));
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function ingestInChild(url: string, schema: string, file: string): Promise<{ ms: number; maxRssMb: number; timings: Record<string, number>; findings: number; indexed: number; advisories: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'supply-chain-ingest-child.ts'), url, schema, file], { cwd: ROOT, maxBuffer: 1 << 20, timeout: 300_000 });
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}

export async function benchSupplyChainDb(opts: { pgUrl?: string; log: (s: string) => void }): Promise<Record<string, number | string>> {
  const { pgUrl, log } = opts;
  if (!pgUrl) return {};
  const shared = join(ROOT, '..', 'shared', 'data', 'osv');
  const corpus = existsSync(shared) ? shared : join(ROOT, 'src', 'supply-chain', 'advisories', 'fixtures', 'osv');
  const size = { products: envInt('BENCH_PORTFOLIO_PRODUCTS', 10_000), componentsPerProduct: envInt('BENCH_PORTFOLIO_COMPONENTS', 1_000) };
  const sbomComponents = envInt('BENCH_SBOM_COMPONENTS', 100_000);
  const out: Record<string, number | string> = {};

  const portfolio = await ensurePortfolio(pgUrl, corpus, size, log);
  try {
    // Impact: ~100 advisories whose packages the portfolio holds, each once warm, then timed.
    const candidates = (
      await portfolio.query<{ id: string }>(
        `SELECT a.id FROM advisories a WHERE a.withdrawn IS NULL AND EXISTS (
           SELECT 1 FROM advisory_packages ap WHERE ap.advisory_id = a.id AND EXISTS (SELECT 1 FROM portfolio_components pc WHERE pc.package_id = ap.package_id))
         ORDER BY md5(a.id) LIMIT 100`,
      )
    ).rows.map((r) => r.id);
    const cases: { advisory: Advisory; packages: { id: number; ecosystem: string; name: string }[] }[] = [];
    for (const id of candidates) {
      const advisory = (await portfolio.query<{ osv: Advisory }>('SELECT osv FROM advisories WHERE id = $1', [id])).rows[0]!.osv;
      const packages = (await portfolio.query<{ id: number; ecosystem: string; name: string }>('SELECT p.id, p.ecosystem, p.name FROM advisory_packages ap JOIN sc_packages p ON p.id = ap.package_id WHERE ap.advisory_id = $1', [id])).rows;
      cases.push({ advisory, packages });
    }
    for (const c of cases) await affectedProductVersions(portfolio, c.advisory, c.packages);
    const samples: number[] = [];
    const hits: number[] = [];
    for (const c of cases) {
      const t = performance.now();
      const r = await affectedProductVersions(portfolio, c.advisory, c.packages);
      samples.push(performance.now() - t);
      hits.push(r.size);
    }
    const rows = Number((await portfolio.query<{ n: number }>('SELECT reltuples::bigint AS n FROM pg_class WHERE oid = $1::regclass', [`${PORTFOLIO_SCHEMA}.portfolio_components`])).rows[0]?.n);
    out.impact_portfolio_rows = rows;
    out.impact_query_p95_ms = percentile(samples, 95);
    out.impact_query_p50_ms = percentile(samples, 50);
    out.impact_affected_products_median = percentile(hits, 50);
    out.impact_affected_products_max = Math.max(...hits);
    log(`[bench]   impact over ${rows} rows: p95 ${out.impact_query_p95_ms} ms (${cases.length} advisories, median ${out.impact_affected_products_median} products hit)`);

    // Ingest: a fresh schema holding the same advisories, an empty portfolio.
    const schema = `bench_sc_${randomBytes(4).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'netreview-bench-sc-'));
    await withClient(pgUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
    try {
      const db = await PostgresDb.open(pgUrl, { schema, max: 2 });
      try {
        await migrate(db);
        await db.query(`INSERT INTO sc_packages SELECT * FROM ${PORTFOLIO_SCHEMA}.sc_packages`);
        await db.query(`SELECT setval(pg_get_serial_sequence('sc_packages', 'id'), (SELECT max(id) FROM sc_packages))`);
        await db.query(`INSERT INTO advisories SELECT * FROM ${PORTFOLIO_SCHEMA}.advisories`);
        await db.query(`INSERT INTO advisory_packages SELECT * FROM ${PORTFOLIO_SCHEMA}.advisory_packages`);
        // VACUUM too: tables just filled are what autovacuum picks next, and it would otherwise do
        // so during the timed ingest, on one of this machine's two cores.
        await db.query('VACUUM (ANALYZE)');
        const file = join(dir, 'bench-100k.cdx.json');
        await buildSbomFile(file, sbomComponents, (await db.query<{ osv: Advisory }>('SELECT osv FROM advisories')).rows.map((r) => r.osv), log);

        // The timed ingests run first, each in a process of its own, while this one is quiet: the
        // floors below allocate hundreds of MB here, and V8 collecting them on helper threads would
        // take a core from the ingest. The setup above leaves dirty buffers and WAL behind; a
        // checkpoint keeps the server's catching up with them out of the timings.
        const checkpoint = () => withClient(pgUrl, (c) => c.query('CHECKPOINT')).catch(() => undefined);
        const settle = async () => {
          (globalThis as { gc?: () => void }).gc?.();
          await checkpoint();
        };
        await settle();
        const first = await ingestInChild(pgUrl, schema, file);
        await settle();
        const second = await ingestInChild(pgUrl, schema, file);
        out.ingest_100k_e2e_ms = round(first.ms, 0);
        out.ingest_100k_e2e_warm_ms = round(second.ms, 0);
        out.ingest_peak_rss_mb = round(Math.max(first.maxRssMb, second.maxRssMb), 0);
        out.ingest_findings = first.findings;
        out.ingest_advisories_loaded = first.advisories;
        log(`[bench]   ingest ${sbomComponents}: ${round(first.ms, 0)} ms (${JSON.stringify(first.timings)}), warm ${round(second.ms, 0)} ms, peak RSS ${out.ingest_peak_rss_mb} MiB, ${first.findings} findings`);

        const text = readFileSync(file, 'utf8');
        const parses: number[] = [];
        let doc: { components?: { purl?: string; name?: string; version?: string }[] } = {};
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          doc = JSON.parse(text);
          parses.push(performance.now() - t);
        }
        out.sc_db_json_parse_floor_ms = round(Math.min(...parses), 1);

        // Floor: a bare COPY of the same component rows into a plain table.
        const csv = (doc.components ?? []).map((c) => `${csvField(c.purl ?? null)},${csvField(c.name ?? null)},${csvField(c.version ?? null)}\n`).join('');
        await db.query('CREATE TABLE bench_copy_floor (purl text, name text, version text)');
        const copies: number[] = [];
        for (let i = 0; i < 3; i++) {
          await db.query('TRUNCATE bench_copy_floor');
          const t = performance.now();
          await db.copyFrom('bench_copy_floor', ['purl', 'name', 'version'], csv);
          copies.push(performance.now() - t);
        }
        out.copy_floor_ms = round(Math.min(...copies), 1);
        out.ingest_vs_floor = round(first.ms / ((out.sc_db_json_parse_floor_ms as number) + (out.copy_floor_ms as number)), 2);
      } finally {
        await db.close();
      }
    } finally {
      await withClient(pgUrl, (c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await portfolio.close();
  }
  return out;
}
