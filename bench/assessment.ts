/**
 * Assessment figures (issue 5, deliverables 3, 4, 9): loading the full NIST SP 800-53 rev5 OSCAL
 * catalog (1,209 groups and controls, one batch insert) on PGlite and PostgreSQL; importing a
 * SARIF log of BENCH_SARIF_RESULTS results (default 1,000) as findings; exporting the case as OSCAL
 * assessment-results and POA&M. Medians of 5 where repeatable.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgliteDb } from '../src/db/pglite.ts';
import { PostgresDb } from '../src/db/postgres.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadTemplate } from '../src/db/template.ts';
import type { Db } from '../src/db/db.ts';
import { importCatalogue } from '../src/services/catalogues/import-catalogue.ts';
import { importSarif } from '../src/services/assessment/import-sarif.ts';
import { exportCaseOscal } from '../src/services/assessment/export-oscal.ts';
import { loadCaseForActor } from '../src/services/cases/transition-case.ts';
import { ctxFor, systemCtx } from '../test/factories.ts';
import { buildCaseInAssessment } from '../test/factories-assessment.ts';
import { hasSharedData, sharedPath } from '../test/shared-data.ts';
import { percentile, round, timeIt } from './stats.ts';

const NIST = 'oscal/nist-oscal-content/historical-a849dbca4649e0cc626fefdd46cf5232c8308f4c/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json';

function sarifLog(results: number): Buffer {
  const rules = Array.from({ length: 50 }, (_, i) => ({ id: `R${i}`, name: `Rule${i}`, defaultConfiguration: { level: ['error', 'warning', 'note'][i % 3] } }));
  return Buffer.from(JSON.stringify({
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'BenchScan', version: '1.0', rules } },
      results: Array.from({ length: results }, (_, i) => ({ ruleId: `R${i % 50}`, ruleIndex: i % 50, message: { text: `Problem ${i} in module ${i % 97}` }, locations: [{ physicalLocation: { artifactLocation: { uri: `src/m${i % 97}.c` }, region: { startLine: 1 + (i % 500) } } }] })),
    }],
  }));
}

async function importNist(db: Db, id: string): Promise<number> {
  const bytes = readFileSync(sharedPath(NIST));
  return round((await timeIt(() => importCatalogue(systemCtx(db), { document: bytes, options: { id } }))).ms);
}

export async function benchAssessment(opts: { pgUrl?: string; log: (s: string) => void }): Promise<Record<string, number>> {
  const results = Number(process.env.BENCH_SARIF_RESULTS ?? 1000);
  const out: Record<string, number> = {};
  const db = await PgliteDb.open({ loadDataDir: await loadTemplate() });
  try {
    await migrate(db);
    if (hasSharedData) out.catalogue_import_nist_ms = await importNist(db, 'nist-sp-800-53-rev5');
    const base = systemCtx(db);
    const { p, c } = await buildCaseInAssessment(base);
    const assessor = ctxFor(base, p.assessor);
    const office = ctxFor(base, p.office);
    const log = sarifLog(results);
    const imp = await timeIt(async () => importSarif(assessor, await loadCaseForActor(assessor, c.id), { filename: 'bench.sarif' }, log));
    out.sarif_results = results;
    out.sarif_import_ms = round(imp.ms);
    for (const kind of ['assessment-results', 'poam'] as const) {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) runs.push((await timeIt(async () => exportCaseOscal(office, await loadCaseForActor(office, c.id), kind))).ms);
      out[`oscal_${kind.replace('-', '_')}_ms`] = percentile(runs, 50);
    }
  } finally {
    await db.close();
  }
  if (opts.pgUrl && hasSharedData) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: opts.pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pdb = await PostgresDb.open(opts.pgUrl, { schema, max: 2 });
    try {
      await migrate(pdb);
      out.catalogue_import_nist_pg_ms = await importNist(pdb, 'nist-sp-800-53-rev5');
    } finally {
      await pdb.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
  opts.log(`[bench] assessment: ${JSON.stringify(out)}`);
  return out;
}
