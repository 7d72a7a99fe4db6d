/**
 * Some actions name another party: the assessor to assign (Art. 7, 11) or the expert to add to the
 * panel (Art. 6). Eligibility is a condition of the conditional update itself, so a concurrent
 * change (an accreditation lapsing) can't slip between check and write; only when the update
 * matched nothing do we look again to say precisely why.
 */
import type { SqlParam, Tx } from '../../db/db.ts';
import type { TransitionAction } from '../../domain/lifecycle.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { AppError } from '../../errors.ts';
import { DECIDE_TARGET } from '../decisions/decide-input.ts';
import { RECORD_FINDING_TARGET } from '../assessment/record-finding-refs.ts';
import { RELEASE_TARGET } from '../decisions/release-scope.ts';
import { assessorEligibleSql, assessorIneligibility, expertUnconflictedSql } from '../assignment/eligibility.ts';

type P = (v: SqlParam) => string;

interface TargetRule {
  condition(body: Record<string, unknown>, today: string): (p: P) => string;
  diagnose(tx: Tx, body: Record<string, unknown>, c: LoadedCase, today: string): Promise<AppError | null>;
}

const field = (path: string, message: string) => ({ errors: [{ path, message }] });

const TARGET_RULES: Partial<Record<TransitionAction, TargetRule>> = {
  decide: DECIDE_TARGET,
  record_finding: RECORD_FINDING_TARGET,
  release: RELEASE_TARGET,
  assign_assessor: {
    // Art. 7, 11: an active accreditation covering the case's scope, and no conflict with the supplier.
    condition: (b, today) => (p) => assessorEligibleSql(`${p(String(b.assessorOrgId))}::uuid`, 'c0', p(today)),
    async diagnose(tx, b, c, today) {
      const r = await tx.query<{ kind: string }>('SELECT a.kind FROM organisations a WHERE a.id = $1', [String(b.assessorOrgId)]);
      const a = r.rows[0];
      if (!a) return new AppError('validation_failed', 'assessorOrgId names no organisation', field('/body/assessorOrgId', 'unknown organisation'));
      if (a.kind !== 'third_party_assessor') return new AppError('validation_failed', 'only a third-party assessment organisation can be assigned (Art. 7)', field('/body/assessorOrgId', `is a ${a.kind}`));
      const why = await assessorIneligibility(tx, String(b.assessorOrgId), c.id, today);
      const first = why[0];
      if (!first) return null;
      return new AppError('guard_failed', `the organisation cannot be assigned: ${why.map((w) => w.reason).join('; ')}`, { guard: first.guard, reasons: why });
    },
  },
  assign_expert: {
    condition: (b, today) => (p) => `EXISTS (SELECT 1 FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = ${p(String(b.expertUserId))}
      AND o.kind = 'experts_committee' AND NOT u.disabled) AND ${expertUnconflictedSql(`${p(String(b.expertUserId))}::uuid`, 'c0', p(today))}`,
    async diagnose(tx, b, c, today) {
      const r = await tx.query<{ kind: string; disabled: boolean }>('SELECT o.kind, u.disabled FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = $1', [String(b.expertUserId)]);
      const u = r.rows[0];
      if (!u) return new AppError('validation_failed', 'expertUserId names no user', field('/body/expertUserId', 'unknown user'));
      if (u.kind !== 'experts_committee' || u.disabled) return new AppError('validation_failed', 'only a member of the Experts Committee can sit on the panel (Art. 6)', field('/body/expertUserId', 'not an expert'));
      const conflicted = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c0 WHERE c0.id = $1 AND NOT (${expertUnconflictedSql('$2::uuid', 'c0', '$3')})`, [c.id, String(b.expertUserId), today]);
      if ((conflicted.rows[0]?.n ?? 0) > 0) return new AppError('guard_failed', 'the expert is conflicted: employed by, or declared a conflict with, the supplier or the assessor (Art. 11)', { guard: 'unconflicted' });
      return null;
    },
  },
};

export function targetCondition(action: TransitionAction, body: Record<string, unknown>, today: string): ((p: P) => string)[] {
  const rule = TARGET_RULES[action];
  return rule ? [rule.condition(body, today)] : [];
}

export async function diagnoseTarget(tx: Tx, action: TransitionAction, body: Record<string, unknown>, c: LoadedCase, today: string): Promise<AppError | null> {
  return TARGET_RULES[action]?.diagnose(tx, body, c, today) ?? null;
}
