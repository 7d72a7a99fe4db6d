/**
 * A finding's status (open, mitigating, accepted, closed) moves only along this table, each move
 * by the roles it names and with a reason kept in the history. The assessor tracks remediation; a
 * residual risk is accepted only by the Office, which runs the review (Art. 5), and either may
 * re-open what is no longer true.
 */
import type { CaseRole } from '../domain/lifecycle.ts';

export const FINDING_STATUSES = ['open', 'mitigating', 'accepted', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_STATUS_TRANSITIONS = {
  open: { mitigating: ['assessor'], accepted: ['office'], closed: ['assessor'] },
  mitigating: { open: ['assessor'], accepted: ['office'], closed: ['assessor'] },
  accepted: { open: ['assessor', 'office'] },
  closed: { open: ['assessor', 'office'] },
} as const satisfies Record<FindingStatus, Partial<Record<FindingStatus, readonly CaseRole[]>>>;

export type FindingStatusCheck = { ok: true } | { ok: false; reason: 'illegal' | 'role'; allowed: FindingStatus[] };

export function checkFindingStatusChange(from: FindingStatus, to: FindingStatus, roles: ReadonlySet<CaseRole>): FindingStatusCheck {
  const row = FINDING_STATUS_TRANSITIONS[from] as Partial<Record<FindingStatus, readonly CaseRole[]>>;
  const allowed = (Object.keys(row) as FindingStatus[]).filter((s) => row[s]!.some((r) => roles.has(r)));
  const rule = row[to];
  if (!rule) return { ok: false, reason: 'illegal', allowed };
  if (!rule.some((r) => roles.has(r))) return { ok: false, reason: 'role', allowed };
  return { ok: true };
}

/** Findings still to be dealt with (the POA&M): open or being mitigated. */
export const UNRESOLVED_STATUSES = ['open', 'mitigating'] as const satisfies readonly FindingStatus[];
