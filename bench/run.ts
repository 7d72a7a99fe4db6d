/**
 * `npm run bench -- --json` prints one JSON object of named figures. Each issue's figures come
 * from its own module; peers and floors are measured in the same run so ratios compare like with
 * like. PostgreSQL figures use BENCH_DATABASE_URL (default: the local server's `test` database).
 */
import { benchCore } from './core.ts';
import { benchWeb } from './web.ts';
import { benchSupplyChainDb } from './supply-chain-db.ts';
import { benchSupplyChainLib } from './supply-chain-lib.ts';
import { benchReports } from './reports.ts';
import { benchAssessment } from './assessment.ts';

const json = process.argv.includes('--json');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const log = (s: string) => process.stderr.write(`${s}\n`);

async function pgReachable(url: string): Promise<boolean> {
  const pg = await import('pg');
  const c = new pg.default.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const havePg = await pgReachable(pgUrl);
if (!havePg) log(`[bench] no PostgreSQL at ${pgUrl}: PostgreSQL figures are skipped`);

const figures: Record<string, number | string> = {};
const suites: Record<string, () => Promise<Record<string, number | string>>> = {
  core: () => benchCore({ pgUrl: havePg ? pgUrl : undefined, log }),
  supplyChainLib: () => benchSupplyChainLib({ log }),
  supplyChainDb: () => benchSupplyChainDb({ pgUrl: havePg ? pgUrl : undefined, log }),
  web: () => benchWeb({ log }),
  reports: () => benchReports({ log }),
  assessment: () => benchAssessment({ pgUrl: havePg ? pgUrl : undefined, log }),
};
for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  Object.assign(figures, await run());
}
if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${v}`);
process.exit(0);
