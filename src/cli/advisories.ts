import { join } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { configFromEnv } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { systemContext } from '../server.ts';
import { importAdvisoriesIntoDb } from '../services/supply-chain/import-advisories.ts';
import type { ImportAdvisoriesResult } from '../services/supply-chain/import-advisories.ts';

/** A progress bar on stderr when it is a terminal; nothing otherwise (logs and pipes stay clean). */
function progressBar(enabled: boolean): { update(done: number, total: number): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'advisories |{bar}| {value}/{total} files  {eta_formatted}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function formatImportResult(r: ImportAdvisoriesResult, ms: number): string {
  const lines = [
    `imported ${r.imported} (new ${r.created}, changed ${r.changed}), unchanged ${r.unchanged}, withdrawn ${r.withdrawn}`,
    `skipped ${r.skipped} non-advisory files, ${r.errors.length} unreadable, ${r.files} files read in ${ms} ms`,
    `affected products: ${r.affectedProducts} newly hit, ${r.impactsSuperseded} earlier impacts set aside`,
  ];
  for (const e of r.errors.slice(0, 20)) lines.push(`  error: ${e.path}: ${e.message}`);
  if (r.errors.length > 20) lines.push(`  … and ${r.errors.length - 20} more errors`);
  return lines.join('\n');
}

/** `netreview advisories …`: vulnerability advisories into the database and their impact on the portfolio (Art. 4). */
export function registerAdvisoryCommands(program: Command): void {
  const advisories = program.command('advisories').description('Vulnerability advisories (OSV, CSAF) and their impact on reviewed products (Art. 4)');
  advisories
    .command('import')
    .description('Import advisories from an OSV/CSAF file, a zip or a directory tree; re-import is idempotent; new and changed advisories are matched against the portfolio')
    .argument('<path>', 'file, zip or directory')
    .option('--json', 'print the counts as JSON')
    .action(async (path: string, o: { json?: boolean }) => {
      const cfg = configFromEnv();
      const { db } = await openDatabase({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
      const bar = progressBar(!!process.stderr.isTTY && !o.json);
      const started = performance.now();
      try {
        const r = await importAdvisoriesIntoDb(systemContext(db, join(cfg.dataDir, 'blobs'), 'cli advisories'), { path, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        if (o.json) console.log(JSON.stringify(r));
        else console.log(formatImportResult(r, Math.round(performance.now() - started)));
      } finally {
        bar.stop();
        await db.close();
      }
    });
}
