/**
 * Art. 8 "发布或在一定范围内通报": a release is public, to a sector, to named organisations, or
 * internal. The sector must be one the case's regime names and every named organisation must
 * exist, or the result would be "released" to nobody.
 */
import type { SqlParam, Tx } from '../../db/db.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { AppError } from '../../errors.ts';
import { findRegime } from '../../regime/index.ts';
import type { ReleaseScope } from '../../policies/index.ts';

export function checkReleaseSector(scope: ReleaseScope, regimeId: string | undefined): void {
  if (scope.kind !== 'sector') return;
  const sectors = findRegime(regimeId ?? '')?.sectors.map((s) => s.id) ?? [];
  if (!sectors.includes(scope.sector)) {
    throw new AppError('validation_failed', `/body/scope/sector: "${scope.sector}" is not a sector of regime ${regimeId ?? '(unknown)'}`, {
      errors: [{ path: '/body/scope/sector', message: `not a sector of the regime (one of: ${sectors.join(', ')})` }],
    });
  }
}

const orgIds = (body: Record<string, unknown>): string[] => {
  const s = body.scope as ReleaseScope | undefined;
  return s?.kind === 'organisations' ? [...new Set(s.orgIds.map((x) => x.toLowerCase()))] : [];
};

/** Named recipients must be registered organisations: a condition of the release update. */
export const RELEASE_TARGET = {
  condition: (body: Record<string, unknown>) => (p: (v: SqlParam) => string) => {
    const ids = orgIds(body);
    return ids.length ? `(SELECT count(*) FROM organisations o WHERE o.id = ANY(${p(ids)}::uuid[])) = ${p(ids.length)}` : 'TRUE';
  },
  async diagnose(tx: Tx, body: Record<string, unknown>, _c: LoadedCase): Promise<AppError | null> {
    const s = body.scope as ReleaseScope | undefined;
    if (s?.kind !== 'organisations') return null;
    const found = new Set((await tx.query<{ id: string }>('SELECT id FROM organisations WHERE id = ANY($1::uuid[])', [orgIds(body)])).rows.map((r) => r.id.toLowerCase()));
    const errors = s.orgIds.flatMap((id, i) => (found.has(id.toLowerCase()) ? [] : [{ path: `/body/scope/orgIds/${i}`, message: 'unknown organisation' }]));
    return errors.length ? new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors }) : null;
  },
};
