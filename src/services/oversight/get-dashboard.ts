import type { ActorContext } from '../../domain/actor.ts';
import { CASE_STATES, isTerminal } from '../../domain/lifecycle.ts';
import type { StageClock } from '../../domain/clock.ts';
import { clockStatus, dateInShanghai } from '../../domain/clock.ts';
import { findRegime } from '../../regime/index.ts';
import { authorizeOversight } from '../../policies/oversight.ts';

/** States in which a case is still being worked: its findings count as open (Art. 4). */
const ACTIVE_STATES = CASE_STATES.filter((s) => !isTerminal(s));
const CLOCK_LIST_LIMIT = 25;

interface DashboardRow {
  by_state: { state: string; count: number }[];
  by_sector: { sector: string | null; count: number }[];
  findings: { category: number; severity: string; count: number }[];
  clocks: { id: string; ref: string; title: string; state: string; regime_id: string; clock: StageClock }[];
}

export interface ClockEntry {
  id: string;
  ref: string;
  title: string;
  state: string;
  dueOn: string;
  status: string;
  workingDaysLeft: number;
}

/**
 * The Review Office's overview (Art. 5): cases by state and sector, running clocks that are
 * overdue or soon due, and open findings by Art. 4 category × severity. One statement.
 */
export async function getDashboard(ctx: ActorContext) {
  authorizeOversight(ctx.actor, 'oversight.dashboard');
  const { rows } = await ctx.db.query<DashboardRow>(
    `SELECT
      COALESCE((SELECT json_agg(json_build_object('state', s.state, 'count', s.n) ORDER BY s.state) FROM (SELECT state, count(*)::int AS n FROM cases GROUP BY state) s), '[]') AS by_state,
      COALESCE((SELECT json_agg(json_build_object('sector', s.sector, 'count', s.n) ORDER BY s.sector) FROM (SELECT sector, count(*)::int AS n FROM cases GROUP BY sector) s), '[]') AS by_sector,
      COALESCE((SELECT json_agg(json_build_object('category', f.category, 'severity', f.severity, 'count', f.n)) FROM (
        SELECT f.category, f.severity, count(*)::int AS n FROM findings f JOIN cases c ON c.id = f.case_id WHERE c.state = ANY($1) GROUP BY f.category, f.severity) f), '[]') AS findings,
      COALESCE((SELECT json_agg(json_build_object('id', c.id, 'ref', c.ref, 'title', c.title, 'state', c.state, 'regime_id', c.regime_id, 'clock', c.clock))
        FROM cases c WHERE c.clock IS NOT NULL AND c.state = ANY($1)), '[]') AS clocks`,
    [ACTIVE_STATES as unknown as string[]],
  );
  const row = rows[0]!;
  const today = dateInShanghai(ctx.now());
  const clocks: ClockEntry[] = [];
  for (const c of row.clocks) {
    const profile = findRegime(c.regime_id);
    if (!profile) continue;
    const st = clockStatus(c.clock, today, profile.calendar);
    clocks.push({ id: c.id, ref: c.ref, title: c.title, state: c.state, dueOn: c.clock.dueOn, status: st.state, workingDaysLeft: st.workingDaysLeft });
  }
  clocks.sort((a, b) => a.workingDaysLeft - b.workingDaysLeft);
  const pick = (status: string) => clocks.filter((c) => c.status === status).slice(0, CLOCK_LIST_LIMIT);
  return {
    casesByState: row.by_state,
    casesBySector: row.by_sector,
    openFindings: row.findings,
    clocks: { overdue: pick('overdue'), dueSoon: pick('due_soon'), paused: pick('paused'), running: clocks.filter((c) => c.status === 'running').length },
  };
}
