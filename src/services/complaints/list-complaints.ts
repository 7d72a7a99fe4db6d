import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry, mayUseRegistry } from '../../policies/registries.ts';
import type { ComplaintChange } from '../../domain/complaints.ts';
import { allowedFrom, COMPLAINT_CHANGES } from '../../domain/complaints.ts';

export interface ComplaintListRow {
  id: string;
  caseId: string;
  caseRef: string;
  respondentOrgId: string;
  respondent: string;
  respondentUserId: string | null;
  grounds: string;
  description: string;
  status: string;
  outcome: string | null;
  remedies: string[];
  filedAt: Date;
  history: { from: string | null; to: string; reason: string; at: string }[];
}

/** Complaints with their history: the Office and Committee see all, a supplier its own. */
export async function listComplaints(ctx: ActorContext, filter: { caseId?: string } = {}) {
  authorizeRegistry(ctx.actor, 'complaint.list');
  const own = ctx.actor.kind === 'user' && ctx.actor.orgKind === 'supplier' ? ctx.actor.orgId : null;
  const { rows } = await ctx.db.query<ComplaintListRow & { evidenceSeqs: string[] }>(
    `SELECT k.id, k.case_id AS "caseId", cs.ref AS "caseRef", k.respondent_org_id AS "respondentOrgId", (SELECT name FROM organisations WHERE id = k.respondent_org_id) AS "respondent",
       k.respondent_user_id AS "respondentUserId", k.grounds, k.description, k.evidence_seqs::text[] AS "evidenceSeqs", k.status, k.outcome_text AS "outcome", k.remedies, k.filed_at AS "filedAt",
       COALESCE((SELECT json_agg(json_build_object('from', e.from_status, 'to', e.to_status, 'reason', e.reason, 'at', e.at) ORDER BY e.at, e.id) FROM complaint_events e WHERE e.complaint_id = k.id), '[]') AS history
     FROM complaints k JOIN cases cs ON cs.id = k.case_id
     WHERE ($1::uuid IS NULL OR k.complainant_org_id = $1) AND ($2::uuid IS NULL OR k.case_id = $2) ORDER BY k.filed_at DESC, k.id LIMIT 200`,
    [own, filter.caseId ?? null],
  );
  const investigate = mayUseRegistry(ctx.actor, 'complaint.investigate');
  // The status changes this viewer may make now (Art. 14), so the UI never re-derives them.
  const actions = (status: string) => (investigate ? (Object.keys(COMPLAINT_CHANGES) as ComplaintChange[]).filter((a) => allowedFrom(COMPLAINT_CHANGES[a].from, status)) : []);
  return rows.map((r): ComplaintListRow & { evidenceSeqs: number[]; actions: ComplaintChange[] } => ({ ...r, evidenceSeqs: r.evidenceSeqs.map(Number), actions: actions(r.status) }));
}
