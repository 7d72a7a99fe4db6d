import type { Command } from 'commander';
import { join } from 'node:path';
import { configFromEnv } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { systemContext } from '../server.ts';
import { verifyAssignment } from '../services/assignment/verify-assignment.ts';

/** `netreview assignment verify CASE`: anyone with the database can re-check how an assessor was chosen (Art. 11). */
export function registerAssignmentCommands(program: Command): void {
  const assignment = program.command('assignment').description('Objective assignment of third-party assessors (Art. 11)');
  assignment
    .command('verify')
    .description('Re-derive each recorded assessor draw of a case from its seed and eligible list; exit 0 if REPRODUCED, 1 on MISMATCH or no draw')
    .argument('<case>', 'case id or reference (NR-2026-000001)')
    .option('--json', 'print the verification as JSON')
    .action(async (caseRef: string, o: { json?: boolean }) => {
      const cfg = configFromEnv();
      const { db } = await openDatabase({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
      try {
        const r = await verifyAssignment(systemContext(db, join(cfg.dataDir, 'blobs'), 'cli'), caseRef);
        if (o.json) console.log(JSON.stringify(r, null, 2));
        else {
          console.log(`${r.ref}: ${r.draws.length} draw(s); current assessor ${r.currentAssessorOrgId ?? '(none)'}`);
          for (const d of r.draws) {
            console.log(`  ${d.drawnAt}  ${d.algorithm}  seed ${d.seed}`);
            console.log(`    eligible (${d.eligible.length}): ${d.eligible.join(', ')}`);
            console.log(`    pick index ${d.pickIndex} → ${d.assessorOrgId}  ${d.verdict}`);
            for (const p of d.problems) console.log(`    ! ${p}`);
          }
          console.log(r.verdict);
        }
        process.exitCode = r.verdict === 'REPRODUCED' ? 0 : 1;
      } finally {
        await db.close();
      }
    });
}
