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

type P = (v: SqlParam) => string;

interface TargetRule {
  condition(body: Record<string, unknown>, today: string): (p: P) => string;
  diagnose(tx: Tx, body: Record<string, unknown>, c: LoadedCase, today: string): Promise<AppError | null>;
}

const field = (path: string, message: string) => ({ errors: [{ path, message }] });

const TARGET_RULES: Partial<Record<TransitionAction, TargetRule>> = {
  assign_assessor: {
    condition: (b, today) => (p) => `EXISTS (SELECT 1 FROM organisations a WHERE a.id = ${p(String(b.assessorOrgId))}
      AND a.kind = 'third_party_assessor' AND a.accredited_until >= ${p(today)}::date
      AND a.id IS DISTINCT FROM c0.supplier_org_id
      AND (a.group_name IS NULL OR a.group_name IS DISTINCT FROM (SELECT s.group_name FROM organisations s WHERE s.id = c0.supplier_org_id)))`,
    async diagnose(tx, b, c, today) {
      const r = await tx.query<{ kind: string; accredited_until: string | null; group_name: string | null; supplier_group: string | null }>(
        `SELECT a.kind, a.accredited_until::text, a.group_name, (SELECT s.group_name FROM organisations s WHERE s.id = $2) AS supplier_group
         FROM organisations a WHERE a.id = $1`,
        [String(b.assessorOrgId), c.supplier_org_id],
      );
      const a = r.rows[0];
      if (!a) return new AppError('validation_failed', 'assessorOrgId names no organisation', field('/body/assessorOrgId', 'unknown organisation'));
      if (a.kind !== 'third_party_assessor') return new AppError('validation_failed', 'only a third-party assessment organisation can be assigned (Art. 7)', field('/body/assessorOrgId', `is a ${a.kind}`));
      if (!a.accredited_until || a.accredited_until < today) {
        return new AppError('guard_failed', `the organisation is not accredited${a.accredited_until ? ` (accreditation lapsed on ${a.accredited_until})` : ''} (Art. 7)`, { guard: 'accredited' });
      }
      if (String(b.assessorOrgId) === c.supplier_org_id || (a.group_name && a.group_name === a.supplier_group)) {
        return new AppError('guard_failed', 'the organisation is conflicted: it is the supplier or in the supplier’s corporate group (Art. 11)', { guard: 'unconflicted' });
      }
      return null;
    },
  },
  assign_expert: {
    condition: (b) => (p) => `EXISTS (SELECT 1 FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = ${p(String(b.expertUserId))}
      AND o.kind = 'experts_committee' AND NOT u.disabled)`,
    async diagnose(tx, b) {
      const r = await tx.query<{ kind: string; disabled: boolean }>('SELECT o.kind, u.disabled FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = $1', [String(b.expertUserId)]);
      const u = r.rows[0];
      if (!u) return new AppError('validation_failed', 'expertUserId names no user', field('/body/expertUserId', 'unknown user'));
      if (u.kind !== 'experts_committee' || u.disabled) return new AppError('validation_failed', 'only a member of the Experts Committee can sit on the panel (Art. 6)', field('/body/expertUserId', 'not an expert'));
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
