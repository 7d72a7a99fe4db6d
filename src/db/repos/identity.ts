import type { Queryable, Tx } from '../db.ts';
import type { OrgKind, UserActor } from '../../domain/actor.ts';

export interface OrganisationRow {
  id: string;
  kind: OrgKind;
  name: string;
  name_zh: string | null;
  sector: string | null;
  group_name: string | null;
  accredited_until: string | null;
}

export async function insertOrganisation(tx: Tx, o: OrganisationRow): Promise<void> {
  await tx.query('INSERT INTO organisations (id, kind, name, name_zh, sector, group_name, accredited_until) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    o.id, o.kind, o.name, o.name_zh, o.sector, o.group_name, o.accredited_until,
  ]);
}

export async function findOrganisationByName(q: Queryable, name: string): Promise<OrganisationRow | undefined> {
  return (await q.query<OrganisationRow>('SELECT id, kind, name, name_zh, sector, group_name, accredited_until::text FROM organisations WHERE lower(name) = lower($1)', [name])).rows[0];
}

export async function findOrganisation(q: Queryable, id: string): Promise<OrganisationRow | undefined> {
  return (await q.query<OrganisationRow>('SELECT id, kind, name, name_zh, sector, group_name, accredited_until::text FROM organisations WHERE id = $1', [id])).rows[0];
}

export async function listOrganisations(q: Queryable): Promise<OrganisationRow[]> {
  return (await q.query<OrganisationRow>('SELECT id, kind, name, name_zh, sector, group_name, accredited_until::text FROM organisations ORDER BY kind, name')).rows;
}

export interface NewUser {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  passwordHash: string | null;
  locale: 'zh-CN' | 'en';
}

export async function insertUser(tx: Tx, u: NewUser): Promise<void> {
  await tx.query('INSERT INTO users (id, org_id, username, display_name, password_hash, locale) VALUES ($1, $2, $3, $4, $5, $6)', [
    u.id,
    u.orgId,
    u.username,
    u.displayName,
    u.passwordHash,
    u.locale,
  ]);
}

interface ActorRow {
  user_id: string;
  username: string;
  display_name: string;
  locale: 'zh-CN' | 'en';
  disabled: boolean;
  password_hash: string | null;
  org_id: string;
  org_kind: OrgKind;
  org_name: string;
  org_sector: string | null;
  expires_at: Date | null;
}

const ACTOR_COLUMNS = `u.id AS user_id, u.username, u.display_name, u.locale, u.disabled, u.password_hash,
  o.id AS org_id, o.kind AS org_kind, o.name AS org_name, o.sector AS org_sector`;

export function toActor(r: ActorRow): UserActor {
  return {
    kind: 'user',
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgKind: r.org_kind,
    orgName: r.org_name,
    orgSector: r.org_sector,
    locale: r.locale,
  };
}

export async function findUserForSignIn(q: Queryable, username: string): Promise<ActorRow | undefined> {
  return (
    await q.query<ActorRow>(
      `SELECT ${ACTOR_COLUMNS}, NULL::timestamptz AS expires_at FROM users u JOIN organisations o ON o.id = u.org_id WHERE lower(u.username) = lower($1)`,
      [username],
    )
  ).rows[0];
}

/** One query resolves a session or API token to its user and organisation. */
export async function findActorBySecret(q: Queryable, kind: 'session' | 'token', digest: string): Promise<ActorRow | undefined> {
  const sql =
    kind === 'session'
      ? `SELECT ${ACTOR_COLUMNS}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id WHERE s.token_hash = $1`
      : `SELECT ${ACTOR_COLUMNS}, COALESCE(t.expires_at, 'infinity') AS expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.org_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL`;
  return (await q.query<ActorRow>(sql, [digest])).rows[0];
}

export async function insertSession(tx: Tx, digest: string, userId: string, expiresAt: Date): Promise<void> {
  await tx.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [digest, userId, expiresAt]);
}

export async function deleteSession(tx: Tx, digest: string): Promise<number> {
  return (await tx.query('DELETE FROM sessions WHERE token_hash = $1', [digest])).rowCount;
}

export async function insertApiToken(tx: Tx, t: { id: string; userId: string; name: string; digest: string; expiresAt: Date | null }): Promise<void> {
  await tx.query('INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [t.id, t.userId, t.name, t.digest, t.expiresAt]);
}
