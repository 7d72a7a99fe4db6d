import type { Db } from '../db/db.ts';

export const ORG_KINDS = [
  'review_office',
  'review_committee',
  'experts_committee',
  'third_party_assessor',
  'supplier',
  'cii_operator',
  'sector_regulator',
  'cii_protection_department',
  'industry_association',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgKind: OrgKind;
  orgName: string;
  /** For sector regulators and CII protection departments: the sector they answer for. */
  orgSector: string | null;
  locale: 'zh-CN' | 'en';
}

/** Anyone without a session: may read the public register and report a concern (Art. 8). */
export interface PublicActor {
  kind: 'public';
}

/** The platform itself (CLI bootstrap, jobs); every use is still audited. */
export interface SystemActor {
  kind: 'system';
  purpose: string;
}

export type Actor = UserActor | PublicActor | SystemActor;

export interface RequestInfo {
  id: string;
  ip?: string;
  userAgent?: string;
}

/** What every use case receives; it knows nothing about HTTP. */
export interface ActorContext {
  actor: Actor;
  db: Db;
  request: RequestInfo;
  /** Where content-addressed files are kept. */
  blobDir: string;
  now(): Date;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
