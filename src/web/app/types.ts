/** Shapes of the API answers the UI reads (see the OpenAPI document at /api/openapi.json). */
export interface Me {
  user: { id: string; username: string; displayName: string; locale: string; organisation: { id: string; kind: string; name: string; sector: string | null } };
  abilities: { createActions: string[] };
}

export type OversightAbilities = Record<'oversight.dashboard' | 'oversight.list_experts', boolean>;

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
}
