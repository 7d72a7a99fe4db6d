import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { ACCREDITABLE_METHODS, PRODUCT_CATEGORY_IDS } from '../../domain/accreditation.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { findOrganisation } from '../../db/repos/identity.ts';
import { insertAccreditation } from '../../db/repos/accreditations.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { validateInput, DaySchema } from '../validate.ts';


export const GrantAccreditationInput = Type.Object(
  {
    orgId: Type.String({ format: 'uuid' }),
    productCategories: Type.Array(Type.Union(PRODUCT_CATEGORY_IDS.map((c) => Type.Literal(c))), { minItems: 1, uniqueItems: true }),
    methods: Type.Array(Type.Union(ACCREDITABLE_METHODS.map((m) => Type.Literal(m))), { minItems: 1, uniqueItems: true }),
    validFrom: DaySchema,
    validTo: DaySchema,
    reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Basis of the accreditation (decision, certificate number)' }),
  },
  { additionalProperties: false },
);

/** Art. 7: the Office accredits a third-party organisation for a scope and a period. */
export async function grantAccreditation(ctx: ActorContext, raw: unknown): Promise<{ id: string }> {
  const input = validateInput(GrantAccreditationInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'accreditation.manage');
  if (input.validTo < input.validFrom) throw new AppError('validation_failed', 'validTo is before validFrom', { errors: [{ path: '/body/validTo', message: `must be on or after ${input.validFrom}` }] });
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const org = await findOrganisation(tx, input.orgId);
    if (!org) throw new AppError('validation_failed', 'orgId names no organisation', { errors: [{ path: '/body/orgId', message: 'unknown organisation' }] });
    if (org.kind !== 'third_party_assessor') throw new AppError('validation_failed', 'only a third-party assessment organisation is accredited (Art. 7)', { errors: [{ path: '/body/orgId', message: `is a ${org.kind}` }] });
    const id = await insertAccreditation(tx, { ...input, byUserId: actorUserId(ctx.actor), at });
    await appendAudit(tx, {
      type: 'accreditation.granted',
      actor: ctx.actor,
      at,
      subjectId: id,
      data: { accreditationId: id, orgId: org.id, productCategories: input.productCategories, methods: input.methods, validFrom: input.validFrom, validTo: input.validTo },
    });
    return { id };
  });
}
