import type { Db } from '../src/db/db.ts';
import type { ActorContext, OrgKind, UserActor } from '../src/domain/actor.ts';
import { createOrganisation } from '../src/services/identity/create-organisation.ts';
import { createUser } from '../src/services/identity/create-user.ts';
import { findUserForSignIn, toActor } from '../src/db/repos/identity.ts';
import type { CreateAction } from '../src/domain/lifecycle.ts';
import { createCase } from '../src/services/cases/create-case.ts';
import type { CaseRow } from '../src/db/repos/cases.ts';
import { tempBlobDir } from './db.ts';

let seq = 0;
const uniq = () => `${process.pid}-${++seq}`;

export function systemCtx(db: Db, blobDir = tempBlobDir(), now: () => Date = () => new Date()): ActorContext {
  return { actor: { kind: 'system', purpose: 'test' }, db, request: { id: 'test' }, blobDir, now };
}

export function ctxFor(base: ActorContext, actor: ActorContext['actor']): ActorContext {
  return { ...base, actor };
}

export async function buildOrganisation(ctx: ActorContext, kind: OrgKind, extra: { sector?: string; groupName?: string; accreditedUntil?: string; name?: string } = {}) {
  return createOrganisation(systemCtxOf(ctx), {
    kind,
    name: extra.name ?? `${kind} ${uniq()}`,
    ...(extra.sector ? { sector: extra.sector } : kind === 'sector_regulator' || kind === 'cii_protection_department' ? { sector: 'energy' } : {}),
    ...(extra.groupName ? { groupName: extra.groupName } : {}),
    ...(extra.accreditedUntil ? { accreditedUntil: extra.accreditedUntil } : kind === 'third_party_assessor' ? { accreditedUntil: '2099-12-31' } : {}),
  });
}

function systemCtxOf(ctx: ActorContext): ActorContext {
  return { ...ctx, actor: { kind: 'system', purpose: 'test' } };
}

/** A user (and, unless given, a new organisation of `kind`) as an actor. */
export async function buildUser(ctx: ActorContext, kind: OrgKind, opts: { orgId?: string; sector?: string } = {}): Promise<UserActor & { password: string }> {
  const orgId = opts.orgId ?? (await buildOrganisation(ctx, kind, opts.sector ? { sector: opts.sector } : {})).id;
  const username = `u${uniq()}`.replace(/[^A-Za-z0-9]/g, '');
  const password = `pw-${uniq()}-secret`;
  await createUser(systemCtxOf(ctx), { username, displayName: username, password, organisation: orgId });
  const row = await findUserForSignIn(ctx.db, username);
  return Object.assign(toActor(row!), { password });
}

export interface Parties {
  office: UserActor;
  operator: UserActor;
  protection: UserActor;
  regulator: UserActor;
  association: UserActor;
  supplier: UserActor;
  assessor: UserActor;
  expert: UserActor;
  committee: UserActor;
  outsider: UserActor;
}

/** One user of every party, all in the 'energy' sector where a sector applies. */
export async function buildParties(ctx: ActorContext): Promise<Parties> {
  return {
    office: await buildUser(ctx, 'review_office'),
    operator: await buildUser(ctx, 'cii_operator', { sector: 'energy' }),
    protection: await buildUser(ctx, 'cii_protection_department', { sector: 'energy' }),
    regulator: await buildUser(ctx, 'sector_regulator', { sector: 'energy' }),
    association: await buildUser(ctx, 'industry_association'),
    supplier: await buildUser(ctx, 'supplier'),
    assessor: await buildUser(ctx, 'third_party_assessor'),
    expert: await buildUser(ctx, 'experts_committee'),
    committee: await buildUser(ctx, 'review_committee'),
    outsider: await buildUser(ctx, 'supplier'),
  };
}

export async function buildCase(ctx: ActorContext, p: Parties, action: CreateAction = 'declare_procurement', extra: Record<string, unknown> = {}): Promise<CaseRow> {
  const actorFor: Record<CreateAction, UserActor | { kind: 'public' }> = {
    declare_procurement: p.operator,
    open_review: p.office,
    open_sector_review: p.regulator,
    request_review: p.association,
    report_concern: { kind: 'public' },
  };
  return createCase(ctxFor(ctx, actorFor[action]), {
    action,
    title: `Review of router ${uniq()}`,
    productName: 'EdgeRouter X9',
    productVersion: '4.2.1',
    sector: 'energy',
    systemName: 'Dispatch control network',
    supplierOrgId: p.supplier.orgId,
    ...extra,
  });
}
