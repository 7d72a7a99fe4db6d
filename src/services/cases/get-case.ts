import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { CaseDetailRow } from '../../db/repos/cases.ts';
import { guardFacts, loadCaseDetail } from '../../db/repos/cases.ts';
import type { AssessmentAbility, CaseAbilities, CaseRegistryAbility, PanelAbility } from '../../policies/index.ts';
import { assessmentAbilities, authorizeCase, caseRegistryAbilities, panelAbilities, serializeAbilities, supplyChainCaseAbilities } from '../../policies/index.ts';
import type { SupplyChainCaseAbility } from '../../policies/supply-chain.ts';
import { findRegime } from '../../regime/index.ts';
import { clockExtendable } from './case-clock.ts';

export interface CaseView {
  row: CaseDetailRow;
  abilities: CaseAbilities;
  /** Abilities of the case's other areas (Art. 6 panel, Art. 8 decision, Art. 13 reports; Art. 3, 11 assessment), so the case page shows their sections without asking. */
  areas: CaseAreaAbilities;
}

export interface CaseAreaAbilities {
  panelAbilities: Record<PanelAbility, boolean>;
  assessmentAbilities: Record<AssessmentAbility, boolean>;
  registryAbilities: Record<CaseRegistryAbility, boolean>;
  supplyChainAbilities: Record<SupplyChainCaseAbility, boolean>;
}

/** A case page in one query; what the viewer may see of it is decided by `abilities`. */
export async function getCase(ctx: ActorContext, idOrRef: string): Promise<CaseView> {
  const row = await loadCaseDetail(ctx.db, idOrRef, actorUserId(ctx.actor));
  authorizeCase(ctx.actor, 'case.read', row);
  const profile = findRegime(row!.regime_id);
  const abilities = serializeAbilities(ctx.actor, row!, guardFacts(row!, profile ? clockExtendable(profile, row!.clock) : false));
  return { row: row!, abilities, areas: { panelAbilities: panelAbilities(ctx.actor, row!), assessmentAbilities: assessmentAbilities(ctx.actor, row!), registryAbilities: caseRegistryAbilities(ctx.actor, row!), supplyChainAbilities: supplyChainCaseAbilities(ctx.actor, row!) } };
}
