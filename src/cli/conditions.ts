import { join } from 'node:path';
import type { Command } from 'commander';
import { configFromEnv } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { systemContext } from '../server.ts';
import { markOverdueConditions } from '../services/decisions/mark-overdue-conditions.ts';

/** Conditions of passed-with-conditions decisions (Art. 8), tracked to closure. */
export function registerConditionCommands(program: Command): void {
  const conditions = program.command('conditions').description('Conditions of decisions (Art. 8): tracking to closure');
  conditions
    .command('sweep')
    .description('Mark every open condition past its due date (Beijing date) as overdue, with history and audit events; run daily')
    .action(async () => {
      const cfg = configFromEnv();
      const { db } = await openDatabase({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
      try {
        const r = await markOverdueConditions(systemContext(db, join(cfg.dataDir, 'blobs'), 'conditions-sweep'));
        console.log(`${r.marked.length} condition(s) marked overdue / 已标记 ${r.marked.length} 项逾期条件`);
      } finally {
        await db.close();
      }
    });
}
