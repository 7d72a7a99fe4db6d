import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { checkDraw } from '../../domain/assignment-draw.ts';
import { loadCase } from '../../db/repos/cases.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';
import { AppError } from '../../errors.ts';

export interface DrawCheck {
  drawId: string;
  drawnAt: string;
  algorithm: string;
  seed: string;
  eligible: string[];
  pickIndex: number;
  assessorOrgId: string;
  verdict: 'REPRODUCED' | 'MISMATCH';
  problems: string[];
}

export interface AssignmentVerification {
  caseId: string;
  ref: string;
  currentAssessorOrgId: string | null;
  draws: DrawCheck[];
  verdict: 'REPRODUCED' | 'MISMATCH' | 'NO_DRAW';
}

interface DrawRow {
  id: string;
  drawn_at: Date;
  algorithm: string;
  seed: string;
  eligible_org_ids: string[];
  pick_index: number;
  picked_org_id: string;
  audit_payload: string | null;
}

/**
 * Art. 11: re-derives every recorded draw of a case from its seed and eligible list, and checks the
 * record against the hash-chained audit event written with it (so an edited row is caught too).
 */
export async function verifyAssignment(ctx: ActorContext, idOrRef: string): Promise<AssignmentVerification> {
  const c = await loadCase(ctx.db, idOrRef, actorUserId(ctx.actor));
  authorizeCaseRegistry(ctx.actor, 'assignment.read', c);
  if (!c) throw new AppError('not_found', 'No such case');
  const { rows } = await ctx.db.query<DrawRow>(
    `SELECT d.id, d.drawn_at, d.algorithm, d.seed, d.eligible_org_ids::text[] AS eligible_org_ids, d.pick_index, d.picked_org_id,
       (SELECT a.payload FROM audit_events a WHERE a.subject_id = d.id::text AND a.type = 'assignment.drawn' ORDER BY a.seq LIMIT 1) AS audit_payload
     FROM assignment_draws d WHERE d.case_id = $1 ORDER BY d.drawn_at, d.id`,
    [c.id],
  );
  const draws = rows.map((d): DrawCheck => {
    const problems = checkDraw({ algorithm: d.algorithm, seed: d.seed, caseId: c.id, eligible: d.eligible_org_ids, pickIndex: d.pick_index, pickedOrgId: d.picked_org_id });
    if (!d.audit_payload) problems.push('no audit event records this draw');
    else {
      const ev = (JSON.parse(d.audit_payload) as { data: { seed: string; eligible: string[]; pickIndex: number; assessorOrgId: string; algorithm: string } }).data;
      if (ev.seed !== d.seed || ev.algorithm !== d.algorithm || ev.pickIndex !== d.pick_index || ev.assessorOrgId !== d.picked_org_id || ev.eligible.join() !== d.eligible_org_ids.join()) {
        problems.push('the stored draw differs from its audit event');
      }
    }
    return {
      drawId: d.id,
      drawnAt: new Date(d.drawn_at).toISOString(),
      algorithm: d.algorithm,
      seed: d.seed,
      eligible: d.eligible_org_ids,
      pickIndex: d.pick_index,
      assessorOrgId: d.picked_org_id,
      verdict: problems.length ? 'MISMATCH' : 'REPRODUCED',
      problems,
    };
  });
  const verdict = draws.length === 0 ? 'NO_DRAW' : draws.some((d) => d.verdict === 'MISMATCH') ? 'MISMATCH' : 'REPRODUCED';
  return { caseId: c.id, ref: c.ref, currentAssessorOrgId: c.assessor_org_id, draws, verdict };
}
