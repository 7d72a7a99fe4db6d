import type { ActorContext } from '../../domain/actor.ts';
import { authorizeOversight } from '../../policies/oversight.ts';

/** Members of the experts committee the Office can put on a case's panel (Art. 6). */
export async function listExperts(ctx: ActorContext) {
  authorizeOversight(ctx.actor, 'oversight.list_experts');
  const { rows } = await ctx.db.query<{ id: string; display_name: string; org_name: string }>(
    `SELECT u.id, u.display_name, o.name AS org_name FROM users u JOIN organisations o ON o.id = u.org_id
      WHERE o.kind = 'experts_committee' AND NOT u.disabled ORDER BY u.display_name`,
  );
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, organisation: r.org_name }));
}
