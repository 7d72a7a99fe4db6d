/** Shapes of the API answers the UI reads (see the OpenAPI document at /api/openapi.json). */
// Ability names and the panel aggregate are the server's own types (type-only: nothing of the
// server is bundled), so a new ability cannot go missing from the UI's records unnoticed.
import type { AssessmentAbility } from '../../policies/assessment.ts';
import type { PanelAbility } from '../../policies/panel.ts';
import type { CaseRegistryAbility, RegistryAbility } from '../../policies/registries.ts';
import type { Aggregate } from '../../domain/panel.ts';

export type { AssessmentAbility, Aggregate, CaseRegistryAbility, PanelAbility, RegistryAbility };
export interface Me {
  user: { id: string; username: string; displayName: string; locale: string; organisation: { id: string; kind: string; name: string; sector: string | null } };
  abilities: { createActions: string[] };
}

/** What the signed-in user may open beyond cases; registry abilities are absent on older servers. */
export type OversightAbilities = Record<'oversight.dashboard' | 'oversight.list_experts', boolean> & Partial<Record<RegistryAbility, boolean>>;

export interface Clock {
  stage: string;
  startedOn: string;
  dueOn: string;
  pausedOn: string | null;
  pausedWorkingDays: number;
  extendedDays: number;
  status: string | null;
  workingDaysLeft: number | null;
}

export interface CaseAbilities {
  roles: string[];
  actions: string[];
  can: Record<string, boolean>;
}

export interface Finding {
  id: string;
  category: number;
  severity: string;
  title: string;
  description: string;
  method: string | null;
  status?: string;
  recorded_at: string;
  recorded_by: string;
}

export interface Material {
  id: string;
  sha256: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  kind: string;
  confidential: boolean;
  authenticity_statement: string;
  uploaded_at: string;
  uploaded_by: string;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  type: string;
  actor: string | null;
  data: { action?: string; from?: string; to?: string; articles?: string[]; note?: string; [k: string]: unknown };
}

export interface CaseView {
  id: string;
  ref: string;
  regimeId: string;
  state: string;
  origin: string;
  title: string;
  productName: string;
  productVersion: string | null;
  description: string;
  sector: string | null;
  systemName: string | null;
  supplier: { id: string; name: string } | null;
  operator: { id: string; name: string } | null;
  association: { id: string; name: string } | null;
  assessor: { id: string; name: string } | null;
  clock: Clock | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  experts?: { user_id: string; display_name: string }[];
  timeline?: TimelineEntry[];
  materials?: Material[];
  findings?: Finding[];
  supplementRequests?: { id: string; request_text: string; requested_at: string; answered_at: string | null }[];
  opinions?: { id: string; round: number; expert: string; recommendation: string; opinion: string; given_at: string }[];
  decision: { outcome: string; text: string | null } | null;
  release: { scope: { kind: string; sector?: string }; publicSummary: string; releasedAt: string } | null;
  viewer: { undertakingAccepted: boolean };
  abilities: CaseAbilities;
  /** Art. 6 panel, Art. 8 decision detail and Art. 13 report abilities. */
  panelAbilities?: Record<PanelAbility, boolean>;
  /** Art. 3, 11 assessment abilities. */
  assessmentAbilities?: Record<AssessmentAbility, boolean>;
  /** Art. 7, 11, 12, 14 case-bound registry abilities. */
  registryAbilities?: Record<CaseRegistryAbility, boolean>;
  supplyChainAbilities?: Record<'supply_chain.read', boolean>;
  flags?: { id: string; kind: string; detail: string; raised_at: string; resolved_at: string | null }[];
}

export interface CaseSummary {
  id: string;
  ref: string;
  state: string;
  title: string;
  productName: string;
  supplierName: string | null;
  sector: string | null;
  origin: string;
  outcome: string | null;
  clock: Clock | null;
  createdAt: string;
  updatedAt: string;
}

export interface Organisation {
  id: string;
  kind: string;
  name: string;
  nameZh: string | null;
  sector: string | null;
}

export interface Regime {
  id: string;
  categories: { id: number; label: Record<string, string>; article: string }[];
  sectors: { id: string; label: Record<string, string> }[];
  methods: { id: string; label: Record<string, string> }[];
  articles?: { number: string; title: Record<string, string> }[];
  panel?: { quorum: number; categoryScale: ScoreScale; trustworthinessScale: ScoreScale; dispersion: { maxRange: number; maxStdDev: number } };
}

export interface ScoreScale {
  min: number;
  max: number;
  step: number;
}



export interface PanelView {
  id: string;
  reviewRound: number;
  quorum: number;
  scoringDeadline: string;
  members: { userId: string; displayName: string; proposedAt: string; recused: boolean; recusedAt: string | null; recusalReason: string | null; scored: boolean }[];
  sitting: number;
  scored: number;
  revealed: boolean;
  sheets: { id: string; expertUserId: string; categoryScores: Record<string, number>; trustworthiness: number; rationale: string; submittedAt: string }[];
  aggregates: { categories: Record<string, Aggregate>; trustworthiness: Aggregate; dispersedCategories: string[] } | null;
  dissents: { id: string; expertUserId: string; text: string; recordedAt: string }[] | null;
  signingBlocker: string | null;
  assessment: { body: unknown; signature: { keyId: string; signedAt: string; [k: string]: unknown } } | null;
  abilities: Record<PanelAbility, boolean>;
}

export interface DecisionDetail {
  outcome: string | null;
  text: string | null;
  reviewRound: number;
  reasons: { position: number; articles: string[]; text: string }[];
  conditions: { id: string; position: number; text: string; owner_org_id: string; owner_name: string; due_date: string; status: string; history: { from: string | null; to: string; note: string; at: string; actor: string | null }[] }[];
  abilities: { 'condition.update': boolean };
}

export interface Activity {
  id: string;
  method: string;
  title: string;
  scope: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  status: string;
  nextStatuses: string[];
  people: { userId: string; displayName: string }[];
  evidenceCount: number;
  findingCount: number;
}

export interface Evidence {
  id: string;
  activityId: string | null;
  sha256: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  kind: string;
  description: string;
  custodian: { userId: string | null; displayName: string | null };
  sealedAt: string | null;
  addedBy: { userId: string; displayName: string | null };
  addedAt: string;
}

export interface AssessmentPlan {
  activities: Activity[];
  evidence: Evidence[] | null;
  abilities: Record<AssessmentAbility, boolean>;
}

export interface CustodyEvent {
  seq: number;
  at: string;
  type: string;
  actor: string | null;
  actorOrganisation: string | null;
  data: Record<string, unknown>;
}

export interface FindingClause {
  catalogueId: string;
  clauseId: string;
  label: string;
  title: string;
  titleZh: string | null;
}

export interface FindingDetail {
  id: string;
  status: string;
  source: unknown;
  clauses: FindingClause[];
  history: { from: string; to: string; reason: string; changedBy: { userId: string; displayName: string }; changedAt: string }[];
  nextStatuses: string[];
}
