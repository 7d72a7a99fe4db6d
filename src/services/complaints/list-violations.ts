import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';

/** Art. 15 records, newest first, optionally for one party. */
export async function listViolations(ctx: ActorContext, filter: { partyOrgId?: string } = {}) {
  authorizeRegistry(ctx.actor, 'violation.list');
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT v.id, v.party_org_id AS "partyOrgId", o.name AS party, v.party_user_id AS "partyUserId", v.case_id AS "caseId", v.complaint_id AS "complaintId",
       v.law, v.article, v.description, v.status, v.penalty, v.recorded_at AS "recordedAt", v.updated_at AS "updatedAt"
     FROM violations v JOIN organisations o ON o.id = v.party_org_id WHERE $1::uuid IS NULL OR v.party_org_id = $1 ORDER BY v.recorded_at DESC, v.id LIMIT 200`,
    [filter.partyOrgId ?? null],
  );
  return rows;
}
