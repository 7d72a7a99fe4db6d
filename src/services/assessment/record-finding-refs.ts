/**
 * What `record_finding` takes beyond the core fields: the activity the finding came from and the
 * standard clauses it rests on (Art. 11). The clauses must exist in a loaded catalogue and the
 * activity must belong to the case; both are conditions of the transition's conditional update,
 * so nothing is written unless they hold, and `diagnose` then names what was wrong.
 */
import { Type } from '@sinclair/typebox';
import type { SqlParam, Tx } from '../../db/db.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { existingClauses } from '../../db/repos/catalogues.ts';
import { AppError } from '../../errors.ts';

type P = (v: SqlParam) => string;
interface Refs {
  clauses?: { catalogueId: string; clauseId: string }[];
  activityId?: string;
}

export const FindingClauseRef = Type.Object(
  {
    catalogueId: Type.String({ minLength: 2, maxLength: 64, description: 'e.g. gbt-35273-2020, nist-sp-800-53-rev5' }),
    clauseId: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. s5.4 (GB/T 35273 5.4), sr-3 (NIST SR-3)' }),
  },
  { additionalProperties: false },
);

export const RECORD_FINDING_REFS = {
  clauses: Type.Optional(Type.Array(FindingClauseRef, { maxItems: 50, description: 'Standard clauses the finding rests on (Art. 11)' })),
  activityId: Type.Optional(Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'The assessment activity it came from' })),
};

const refsJson = (b: Refs) => JSON.stringify(b.clauses ?? []);

/** The clause citations, written in the same statement as the finding. */
export function findingClauseEffect(findingId: string, b: Refs): ((p: P) => string)[] {
  if (!b.clauses?.length) return [];
  return [
    (p) => `INSERT INTO finding_clauses (finding_id, catalogue_id, clause_id)
      SELECT DISTINCT ${p(findingId)}::uuid, x."catalogueId", x."clauseId" FROM jsonb_to_recordset(${p(refsJson(b))}::jsonb) AS x("catalogueId" text, "clauseId" text) WHERE EXISTS (SELECT 1 FROM c)`,
  ];
}

export const RECORD_FINDING_TARGET = {
  condition: (body: Record<string, unknown>) => (p: P) => {
    const b = body as Refs;
    const parts = [
      `NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(${p(refsJson(b))}::jsonb) AS x("catalogueId" text, "clauseId" text)
        WHERE NOT EXISTS (SELECT 1 FROM catalogue_clauses cc WHERE cc.catalogue_id = x."catalogueId" AND cc.clause_id = x."clauseId"))`,
    ];
    if (b.activityId) parts.push(`EXISTS (SELECT 1 FROM assessment_activities a WHERE a.id = ${p(b.activityId)}::uuid AND a.case_id = c0.id)`);
    return parts.join(' AND ');
  },
  async diagnose(tx: Tx, body: Record<string, unknown>, c: LoadedCase): Promise<AppError | null> {
    const b = body as Refs;
    const refs = b.clauses ?? [];
    const found = await existingClauses(tx, refs);
    const missing = refs.map((r, i) => ({ r, i })).filter(({ r }) => !found.has(`${r.catalogueId}#${r.clauseId}`));
    if (missing.length) {
      return new AppError('validation_failed', `unknown clause${missing.length > 1 ? 's' : ''}: ${missing.map(({ r }) => `${r.catalogueId} ${r.clauseId}`).join(', ')}`, {
        errors: missing.map(({ r, i }) => ({ path: `/body/clauses/${i}`, message: `no clause "${r.clauseId}" in a loaded catalogue "${r.catalogueId}"` })),
      });
    }
    if (b.activityId) {
      const a = await tx.query('SELECT 1 FROM assessment_activities WHERE id = $1 AND case_id = $2', [b.activityId, c.id]);
      if (a.rows.length === 0) return new AppError('validation_failed', 'activityId names no activity of this case', { errors: [{ path: '/body/activityId', message: 'unknown activity' }] });
    }
    return null;
  },
};
