import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';

/** The Art. 11 registers the automatic checks read: declarations, consulting engagements, affiliations. */
export async function listConflicts(ctx: ActorContext, filter: { orgId?: string } = {}) {
  authorizeRegistry(ctx.actor, 'conflict.list');
  const org = filter.orgId ?? null;
  const [declarations, consulting, affiliations] = await Promise.all([
    ctx.db.query(
      `SELECT d.id, d.declarant_org_id AS "declarantOrgId", d.declarant_user_id AS "declarantUserId", d.counterpart_org_id AS "counterpartOrgId", d.reason, d.declared_at AS "declaredAt", d.withdrawn_at AS "withdrawnAt"
       FROM conflict_declarations d WHERE $1::uuid IS NULL OR $1 IN (d.declarant_org_id, d.counterpart_org_id) ORDER BY d.declared_at DESC LIMIT 500`,
      [org],
    ),
    ctx.db.query(
      `SELECT e.id, e.consultant_org_id AS "consultantOrgId", e.client_org_id AS "clientOrgId", e.description, e.started_on::text AS "startedOn", e.ended_on::text AS "endedOn"
       FROM consulting_engagements e WHERE $1::uuid IS NULL OR $1 IN (e.consultant_org_id, e.client_org_id) ORDER BY e.started_on DESC LIMIT 500`,
      [org],
    ),
    ctx.db.query(
      `SELECT a.id, a.user_id AS "userId", a.org_id AS "orgId", a.role, a.started_on::text AS "startedOn", a.ended_on::text AS "endedOn"
       FROM person_affiliations a WHERE $1::uuid IS NULL OR a.org_id = $1 ORDER BY a.started_on DESC LIMIT 500`,
      [org],
    ),
  ]);
  return { declarations: declarations.rows, consulting: consulting.rows, affiliations: affiliations.rows };
}
