import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { ACCREDITABLE_METHODS, PRODUCT_CATEGORY_IDS } from '../../domain/accreditation.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const SetCaseScopeInput = Type.Object(
  {
    productCategory: Type.Union(PRODUCT_CATEGORY_IDS.map((c) => Type.Literal(c))),
    assessmentMethods: Type.Array(Type.Union(ACCREDITABLE_METHODS.map((m) => Type.Literal(m))), { uniqueItems: true }),
  },
  { additionalProperties: false },
);

/**
 * What the assessor must be accredited for (Art. 7). Set before the assessor is chosen: changing it
 * later would let a case slip outside its assessor's accreditation unnoticed.
 */
export async function setCaseScope(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ productCategory: string; assessmentMethods: string[] }> {
  const input = validateInput(SetCaseScopeInput, raw, '/body');
  authorizeCaseRegistry(ctx.actor, 'case.set_scope', loaded);
  const c = loaded!;
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query('UPDATE cases SET product_category = $2, assessment_methods = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $5 AND assessor_org_id IS NULL RETURNING id', [
      c.id, input.productCategory, input.assessmentMethods, at, c.version,
    ]);
    if (r.rowCount === 0) {
      throw new AppError(c.assessor_org_id ? 'guard_failed' : 'conflict', c.assessor_org_id ? 'the scope is fixed once an assessor is assigned (Art. 7)' : `case ${c.ref} changed meanwhile; reload and retry`, c.assessor_org_id ? { guard: 'no_assessor_yet' } : {});
    }
    await appendAudit(tx, { type: 'case.scope_set', actor: ctx.actor, at, caseId: c.id, data: { productCategory: input.productCategory, assessmentMethods: input.assessmentMethods } });
    return input;
  });
}
