import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { lockPanel } from '../../db/repos/panels.ts';
import { auditCtes } from '../../audit/log.ts';
import type { SqlParam } from '../../db/db.ts';
import { AppError } from '../../errors.ts';
import { authorizePanel } from '../../policies/index.ts';
import { validateInput } from '../validate.ts';
import { PANEL_STATES, inStates, panelRules, requireUnsigned } from './panel-common.ts';
import type { ExpertSeatRow } from '../assignment/eligibility.ts';
import { expertSeatSql, seatFacts } from '../assignment/eligibility.ts';
import { dateInShanghai } from '../../domain/clock.ts';

const Uuid = Type.String({ format: 'uuid' });

export const ProposePanelMembersInput = Type.Object(
  {
    expertUserIds: Type.Array(Uuid, { minItems: 1, maxItems: 30, uniqueItems: true, description: 'Members of the Experts Committee to sit on this case’s panel' }),
    scoringDeadline: Type.Optional(Type.String({ format: 'date-time', description: 'When sealed scores open even if not all members scored (only when forming the panel)' })),
  },
  { additionalProperties: false },
);
export type ProposePanelMembersInput = Static<typeof ProposePanelMembersInput>;

/**
 * Art. 6, 8: the Office forms the panel of the current review round (at least the quorum) or adds
 * members to it — e.g. after a recusal left it short. Members also join the case as experts.
 */
export async function proposePanelMembers(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ panelId: string; added: string[] }> {
  authorizePanel(ctx.actor, 'panel.propose_members', loaded);
  const c = loaded!;
  const input = validateInput(ProposePanelMembersInput, raw, '/body');
  inStates(c.state, PANEL_STATES.proposeMembers, 'proposing panel members');
  const rules = panelRules(c);
  const at = ctx.now();
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const today = dateInShanghai(at);
  return ctx.db.transaction(async (tx) => {
    const panel = await lockPanel(tx, c.id, c.review_round);
    let panelId: string;
    let deadline: Date;
    if (panel) {
      requireUnsigned(panel);
      if (input.scoringDeadline) throw new AppError('validation_failed', 'the scoring deadline is set when the panel is formed', { errors: [{ path: '/body/scoringDeadline', message: 'the panel already exists' }] });
      const dup = input.expertUserIds.findIndex((id) => panel.members.some((m) => m.user_id === id));
      if (dup >= 0) throw new AppError('conflict', `expert ${input.expertUserIds[dup]} already sits on this panel`, { errors: [{ path: `/body/expertUserIds/${dup}`, message: 'already a member' }] });
      panelId = panel.id;
      deadline = panel.scoring_deadline;
    } else {
      if (input.expertUserIds.length < rules.quorum) {
        throw new AppError('validation_failed', `a panel needs at least ${rules.quorum} members (the quorum)`, { errors: [{ path: '/body/expertUserIds', message: `${input.expertUserIds.length} given, quorum is ${rules.quorum}` }] });
      }
      deadline = input.scoringDeadline ? new Date(input.scoringDeadline) : new Date(at.getTime() + rules.defaultScoringDays * 86_400_000);
      if (deadline.getTime() <= at.getTime()) throw new AppError('validation_failed', 'the scoring deadline must be in the future', { errors: [{ path: '/body/scoringDeadline', message: 'in the past' }] });
      panelId = randomUUID();
    }
    // One statement: the seats are checked (Art. 6 membership; Art. 11 conflicts, the same rules as
    // `assign_expert` — a panel seat is an expert assignment) and only if every one holds are the
    // panel (when new), its members, their case membership and the audit event written.
    const params: SqlParam[] = [];
    const p = (v: SqlParam) => (params.push(v), `$${params.length}`);
    const seatSql = expertSeatSql(p(c.id), p(input.expertUserIds), p(today));
    const panelCte = panel
      ? `SELECT ${p(panelId)}::uuid AS id FROM ok`
      : `INSERT INTO expert_panels (id, case_id, review_round, quorum, scoring_deadline, formed_by, formed_at)
         SELECT ${p(panelId)}::uuid, ${p(c.id)}::uuid, ${p(c.review_round)}::int, ${p(rules.quorum)}::int, ${p(deadline)}::timestamptz, ${p(actor.userId)}::uuid, ${p(at)}::timestamptz FROM ok RETURNING id`;
    const { rows } = await tx.query<ExpertSeatRow & { written: boolean }>(
      `WITH seats AS (${seatSql}),
       ok AS (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM seats WHERE kind IS DISTINCT FROM 'experts_committee' OR disabled OR employer IS NOT NULL OR declared IS NOT NULL)),
       panel AS (${panelCte}),
       m AS (INSERT INTO expert_panel_members (panel_id, user_id, proposed_at) SELECT panel.id, x, ${p(at)} FROM panel, unnest(${p(input.expertUserIds)}::uuid[]) AS x RETURNING user_id),
       cm AS (INSERT INTO case_members (case_id, user_id, role, added_at) SELECT ${p(c.id)}, user_id, 'expert', ${p(at)} FROM m ON CONFLICT DO NOTHING),
       ${auditCtes(p, {
         type: 'panel.members_proposed',
         actor,
         at,
         caseId: c.id,
         subjectId: panelId,
         data: { panelId, reviewRound: c.review_round, added: input.expertUserIds, quorum: rules.quorum, scoringDeadline: deadline.toISOString() },
       }, 'panel')}
       SELECT seats.*, EXISTS (SELECT 1 FROM panel) AS written FROM seats`,
      params,
    );
    const seats = new Map(rows.map((r) => [r.user_id, seatFacts(r)]));
    const errors = input.expertUserIds.flatMap((id, i) => {
      const u = seats.get(id);
      if (!u?.kind) return [{ path: `/body/expertUserIds/${i}`, message: 'unknown user' }];
      if (u.kind !== 'experts_committee' || u.disabled) return [{ path: `/body/expertUserIds/${i}`, message: 'not an active member of the Experts Committee (Art. 6)' }];
      if (u.conflict) return [{ path: `/body/expertUserIds/${i}`, message: u.conflict }];
      return [];
    });
    if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
    if (!rows[0]?.written) throw new Error('panel members passed every check but were not written');
    return { panelId, added: input.expertUserIds };
  });
}
