/**
 * One SBOM ingest in a process of its own, so its peak RSS is the ingest's alone:
 *   node --import tsx bench/supply-chain-ingest-child.ts DATABASE_URL SCHEMA SBOM_FILE
 * Prints one JSON line: end-to-end milliseconds (parse + match + store + findings stored), the
 * service's own stage timings, and the process' peak RSS in MiB.
 */
import { readFileSync } from 'node:fs';
import { PostgresDb } from '../src/db/postgres.ts';
import { ingestSbom } from '../src/services/supply-chain/ingest-sbom.ts';

const [url, schema, file] = process.argv.slice(2);
if (!url || !schema || !file) throw new Error('usage: supply-chain-ingest-child.ts DATABASE_URL SCHEMA SBOM_FILE');
const db = await PostgresDb.open(url, { schema, max: 2 });
const content = readFileSync(file);
const t0 = performance.now();
const r = await ingestSbom({ actor: { kind: 'system', purpose: 'bench' }, db, request: { id: 'bench' }, blobDir: '/nonexistent', now: () => new Date() }, { content });
const ms = performance.now() - t0;
await db.close();
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, timings: r.timings, components: r.components, indexed: r.indexedComponents, findings: r.findings, advisories: r.advisoriesConsidered })}\n`,
);
