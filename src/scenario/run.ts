import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server.ts';
import type { ScenarioStep } from './harness.ts';
import { Scenario } from './harness.ts';
import { intakeAndAssignment } from './steps-intake.ts';
import { assessment } from './steps-assessment.ts';
import { panelAndDecision, reportsAndAfter } from './steps-decision.ts';

export type { ScenarioStep } from './harness.ts';

export interface ScenarioResult {
  ok: boolean;
  steps: ScenarioStep[];
  queriesPerRequestMax: number;
  failures: string[];
}

/** The target of `queries_per_request_max` (issue 2): no request may run more SQL statements. */
export const MAX_STATEMENTS_PER_REQUEST = 4;

/**
 * One case through every stage of the Measures over the HTTP API, each step taken by the party the
 * Measures give it to, against a fresh embedded database. Refusals are part of the script: an
 * illegal action, forbidden reads, a forged commitment and an altered report must be refused,
 * sealed scores stay sealed, and the public must see only the released summary. Exits 0 only if
 * every expectation held.
 */
export async function runScenario(opts: { print?: boolean; databaseUrl?: string } = {}): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netreview-scenario-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: opts.databaseUrl }, { seed: true });
  const s = new Scenario(server, dataDir, !!opts.print);
  s.log(`netreview scenario — fresh database in ${dataDir}, server ${server.url}\n`);
  try {
    const creds = new Map(server.demo!.map((d) => [d.username, d.password]));
    await intakeAndAssignment(s, creds);
    await assessment(s);
    await panelAndDecision(s);
    await reportsAndAfter(s);
  } catch (e) {
    s.failures.push(`scenario aborted: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const { steps, failures } = s;
  const queriesPerRequestMax = Math.max(0, ...steps.map((x) => x.statements));
  const over = steps.filter((x) => x.statements > MAX_STATEMENTS_PER_REQUEST);
  for (const x of over) failures.push(`step ${x.n} (${x.party}: ${x.what}) ran ${x.statements} statements (target ≤ ${MAX_STATEMENTS_PER_REQUEST})`);
  const ok = failures.length === 0 && steps.length > 0;
  s.log(`\n${ok ? 'ALL HELD' : 'FAILED'}: ${steps.filter((x) => x.ok).length}/${steps.length} steps as expected; most statements in one request: ${queriesPerRequestMax}`);
  for (const f of failures) s.log(`  ✗ ${f}`);
  return { ok, steps, queriesPerRequestMax, failures };
}
