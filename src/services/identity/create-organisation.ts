import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { ORG_KINDS, actorUserId } from '../../domain/actor.ts';
import type { OrganisationRow } from '../../db/repos/identity.ts';
import { insertOrganisation } from '../../db/repos/identity.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { requireAdministrator } from './administrators.ts';
import { insertAccreditation } from '../../db/repos/accreditations.ts';
import { ACCREDITABLE_METHODS, PRODUCT_CATEGORY_IDS } from '../../domain/accreditation.ts';
import { dateInShanghai } from '../../domain/clock.ts';

export const CreateOrganisationInput = Type.Object(
  {
    kind: Type.Union(ORG_KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sector: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    groupName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    accreditedUntil: Type.Optional(Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);

export async function createOrganisation(ctx: ActorContext, raw: unknown): Promise<OrganisationRow> {
  const input = validateInput(CreateOrganisationInput, raw, '/body');
  requireAdministrator(ctx.actor);
  if ((input.kind === 'sector_regulator' || input.kind === 'cii_protection_department') && !input.sector) {
    throw new AppError('validation_failed', `a ${input.kind} answers for a sector`, { errors: [{ path: '/body/sector', message: 'required for this kind' }] });
  }
  const row: OrganisationRow = {
    id: randomUUID(),
    kind: input.kind,
    name: input.name,
    name_zh: input.nameZh ?? null,
    sector: input.sector ?? null,
    group_name: input.groupName ?? null,
    accredited_until: input.accreditedUntil ?? null,
  };
  try {
    await ctx.db.transaction(async (tx) => {
      await insertOrganisation(tx, row);
      // Art. 7: a validity date given at registration is a full-scope accreditation in the registry.
      if (row.accredited_until && row.kind === 'third_party_assessor') {
        const at = ctx.now();
        await insertAccreditation(tx, {
          orgId: row.id,
          productCategories: PRODUCT_CATEGORY_IDS,
          methods: ACCREDITABLE_METHODS,
          validFrom: dateInShanghai(at) < row.accredited_until ? dateInShanghai(at) : row.accredited_until,
          validTo: row.accredited_until,
          reason: 'registered with the organisation',
          byUserId: actorUserId(ctx.actor),
          at,
        });
      }
      await appendAudit(tx, { type: 'organisation.created', actor: ctx.actor, at: ctx.now(), subjectId: row.id, data: { name: row.name, kind: row.kind, sector: row.sector } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', `an organisation named "${input.name}" exists`);
    throw e;
  }
  return row;
}
