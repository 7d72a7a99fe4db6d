import type { CaseDetailRow, CaseRow } from '../db/repos/cases.ts';
import type { CaseAbilities } from '../policies/index.ts';
import type { CaseAreaAbilities } from '../services/cases/get-case.ts';
import type { StageClock } from '../domain/clock.ts';
import { clockStatus, dateInShanghai } from '../domain/clock.ts';
import { findRegime } from '../regime/index.ts';
import { seesFlags, undertakingPending } from '../policies/registries.ts';

export function presentClock(regimeId: string, clock: StageClock | null, now: Date) {
  if (!clock) return null;
  const profile = findRegime(regimeId);
  const status = profile ? clockStatus(clock, dateInShanghai(now), profile.calendar) : null;
  return { ...clock, status: status?.state ?? null, workingDaysLeft: status?.workingDaysLeft ?? null };
}

/** The case as this viewer may see it: each part only where their abilities allow. */
export function presentCase(row: CaseDetailRow, abilities: CaseAbilities, now: Date, areas?: CaseAreaAbilities) {
  const can = abilities.can;
  return {
    id: row.id,
    ref: row.ref,
    regimeId: row.regime_id,
    state: row.state,
    origin: row.origin,
    title: row.title,
    productName: row.product_name,
    productVersion: row.product_version,
    description: row.description,
    sector: row.sector,
    systemName: row.system_name,
    supplier: row.supplier_org_id ? { id: row.supplier_org_id, name: row.supplier_name } : null,
    operator: row.operator_org_id ? { id: row.operator_org_id, name: row.operator_name } : null,
    association: row.association_org_id ? { id: row.association_org_id, name: row.association_name } : null,
    assessor: row.assessor_org_id ? { id: row.assessor_org_id, name: row.assessor_name } : null,
    clock: presentClock(row.regime_id, row.clock, now),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    experts: can['case.read_timeline'] ? row.experts : undefined,
    timeline: can['case.read_timeline'] ? row.timeline : undefined,
    materials: can['material.list'] ? row.materials : undefined,
    findings: can['case.read_findings'] && !undertakingPending(abilities.roles, row.actor_undertaking) ? row.findings : undefined,
    flags: seesFlags(abilities.roles) ? row.flags : undefined,
    supplementRequests: can['case.read_timeline'] ? row.supplements : undefined,
    opinions: can['case.read_opinions'] ? row.opinions : undefined,
    decision: can['case.read_decision'] && row.outcome ? { outcome: row.outcome, text: row.decision_text } : null,
    release: row.released_at ? { scope: row.release_scope, publicSummary: row.public_summary, releasedAt: row.released_at } : null,
    viewer: { undertakingAccepted: row.actor_undertaking },
    abilities,
    ...areas,
  };
}

/** After an action: the new state and what the actor may do next, with no further query. */
export function presentStep(row: CaseRow, abilities: CaseAbilities, now: Date) {
  return {
    id: row.id,
    ref: row.ref,
    state: row.state,
    version: row.version,
    outcome: row.outcome,
    clock: presentClock(row.regime_id, row.clock, now),
    abilities,
  };
}
