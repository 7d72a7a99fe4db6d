import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { dateInShanghai } from '../../domain/clock.ts';

export interface InformationRequestView {
  id: string;
  request: string;
  requestedAt: Date;
  requestedBy: string | null;
  dueDate: string | null;
  answeredAt: Date | null;
  /** Open and past its due date (China Standard Time calendar day). */
  overdue: boolean;
  daysOverdue: number;
}

/**
 * Information requests to the supplier (`request_supplement`; the case clock pauses while one is
 * open) with their due dates; an open request past its due date is overdue.
 */
export async function listInformationRequests(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<InformationRequestView[]> {
  authorizeAssessment(ctx.actor, 'information_request.list', loaded);
  const today = dateInShanghai(ctx.now());
  const r = await ctx.db.query<{ id: string; request_text: string; requested_at: Date; requested_by: string | null; due_date: string | null; answered_at: Date | null }>(
    `SELECT s.id, s.request_text, s.requested_at, u.display_name AS requested_by, s.due_date::text, s.answered_at
     FROM supplement_requests s LEFT JOIN users u ON u.id = s.requested_by WHERE s.case_id = $1 ORDER BY s.activity_seq`,
    [loaded!.id],
  );
  return r.rows.map((s) => {
    const overdue = s.answered_at === null && s.due_date !== null && s.due_date < today;
    const days = overdue ? Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${s.due_date}T00:00:00Z`)) / 86_400_000) : 0;
    return { id: s.id, request: s.request_text, requestedAt: s.requested_at, requestedBy: s.requested_by, dueDate: s.due_date, answeredAt: s.answered_at, overdue, daysOverdue: days };
  });
}
