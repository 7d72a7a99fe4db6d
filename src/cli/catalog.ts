import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { configFromEnv } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { systemContext } from '../server.ts';
import { importCatalogue } from '../services/catalogues/import-catalogue.ts';
import { exportCatalogue } from '../services/catalogues/export-catalogue.ts';
import { listCatalogues } from '../services/catalogues/list-catalogues.ts';

async function withDb<T>(fn: (ctx: ReturnType<typeof systemContext>) => Promise<T>): Promise<T> {
  const cfg = configFromEnv();
  const { db } = await openDatabase({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
  try {
    return await fn(systemContext(db, join(cfg.dataDir, 'blobs'), 'cli catalog'));
  } finally {
    await db.close();
  }
}

/** `netreview catalog …`: standards catalogues (Art. 11) in and out as OSCAL catalog JSON. */
export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('Standards catalogues that findings cite (Art. 11), as OSCAL catalog JSON');
  catalog
    .command('import')
    .description('Load an OSCAL catalog JSON file (e.g. NIST SP 800-53 rev5); all of it or nothing')
    .argument('<file>', 'OSCAL catalog JSON file')
    .option('--id <id>', 'catalogue id to cite it by (default: from its title and version)')
    .action(async (file: string, o: { id?: string }) => {
      const started = performance.now();
      const r = await withDb((ctx) => importCatalogue(ctx, { document: readFileSync(file), options: o.id ? { id: o.id } : {} }));
      console.log(`catalogue ${r.id} (${r.uuid}) "${r.title}": ${r.clauses} groups and controls imported in ${Math.round(performance.now() - started)} ms`);
    });
  catalog
    .command('export')
    .description('Write a catalogue as an OSCAL 1.1 catalog JSON document')
    .argument('<id>', 'catalogue id (see `catalog list`)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, o: { out?: string }) => {
      const doc = await withDb((ctx) => exportCatalogue(ctx, id));
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    });
  catalog
    .command('list')
    .description('List the loaded catalogues')
    .action(async () => {
      for (const c of await withDb((ctx) => listCatalogues(ctx))) console.log(`${c.id.padEnd(28)} ${String(c.clause_count).padStart(5)} clauses  ${c.source.padEnd(12)} ${c.title}`);
    });
}
