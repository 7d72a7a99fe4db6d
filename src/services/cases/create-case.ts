import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import type { CreateAction } from '../../domain/lifecycle.ts';
import { CREATE_ACTIONS } from '../../domain/lifecycle.ts';
import { authorizeCreate } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import type { CaseRow } from '../../db/repos/cases.ts';
import { insertCase } from '../../db/repos/cases.ts';
import { findOrganisation } from '../../db/repos/identity.ts';
import { AppError } from '../../errors.ts';
import { DEFAULT_REGIME_ID, findRegime } from '../../regime/index.ts';
import { validateInput, UuidSchema } from '../validate.ts';
import { clockAfter } from './case-clock.ts';


export const CreateCaseInput = Type.Object(
  {
    action: Type.Union((Object.keys(CREATE_ACTIONS) as CreateAction[]).map((a) => Type.Literal(a))),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    productName: Type.String({ minLength: 1, maxLength: 300 }),
    productVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    sector: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    systemName: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'The CII system the product is procured for (Art. 10)' })),
    supplierOrgId: Type.Optional(UuidSchema),
    regimeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type CreateCaseInput = Static<typeof CreateCaseInput>;

/**
 * Opens a case by any of the routes the Measures know: a CII operator's declaration (Art. 10), the
 * Office on a national requirement, an association's request or a user's report (Art. 8), or a
 * sector regulator in its own sector (Art. 9).
 */
export async function createCase(ctx: ActorContext, raw: unknown): Promise<CaseRow> {
  const input = validateInput(CreateCaseInput, raw, '/body');
  authorizeCreate(ctx.actor, input.action);
  const profile = findRegime(input.regimeId ?? DEFAULT_REGIME_ID);
  if (!profile) throw new AppError('validation_failed', `unknown regime "${input.regimeId}"`, { errors: [{ path: '/body/regimeId', message: 'unknown regime' }] });
  const spec = CREATE_ACTIONS[input.action];
  const actor = ctx.actor;
  const sector = actor.kind === 'user' && (input.action === 'open_sector_review') ? actor.orgSector : (input.sector ?? null);
  if (sector !== null && !profile.sectors.some((s) => s.id === sector)) {
    throw new AppError('validation_failed', `unknown sector "${sector}"`, { errors: [{ path: '/body/sector', message: `must be one of ${profile.sectors.map((s) => s.id).join(', ')}` }] });
  }
  if (input.action === 'declare_procurement' && (!sector || !input.systemName || !input.supplierOrgId)) {
    throw new AppError('validation_failed', 'a procurement declaration names the sector, the CII system and the supplier', {
      errors: [
        ...(!sector ? [{ path: '/body/sector', message: 'required for a declaration' }] : []),
        ...(!input.systemName ? [{ path: '/body/systemName', message: 'required for a declaration' }] : []),
        ...(!input.supplierOrgId ? [{ path: '/body/supplierOrgId', message: 'required for a declaration' }] : []),
      ],
    });
  }
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    if (input.supplierOrgId) {
      const supplier = await findOrganisation(tx, input.supplierOrgId);
      if (supplier?.kind !== 'supplier') {
        throw new AppError('validation_failed', 'supplierOrgId does not name a supplier organisation', { errors: [{ path: '/body/supplierOrgId', message: 'not a supplier' }] });
      }
    }
    const row = await insertCase(tx, {
      id: randomUUID(),
      regimeId: profile.id,
      state: spec.to,
      origin: spec.origin,
      title: input.title,
      productName: input.productName,
      productVersion: input.productVersion ?? null,
      description: input.description ?? '',
      sector,
      systemName: input.systemName ?? null,
      supplierOrgId: input.supplierOrgId ?? null,
      operatorOrgId: input.action === 'declare_procurement' && actor.kind === 'user' ? actor.orgId : null,
      associationOrgId: input.action === 'request_review' && actor.kind === 'user' ? actor.orgId : null,
      reporterUserId: input.action === 'report_concern' ? actorUserId(actor) : null,
      clock: clockAfter(profile, null, 'create', spec.to, null, at),
      createdBy: actorUserId(actor),
      at,
    });
    await appendAudit(tx, {
      type: 'case.created',
      actor,
      at,
      caseId: row.id,
      data: { ref: row.ref, action: input.action, state: row.state, origin: row.origin, regimeId: profile.id, articles: [...profile.citations[input.action]] },
    });
    return row;
  });
}
