import type { Db } from '../../db/db.ts';
import type { Actor } from '../../domain/actor.ts';
import { findActorBySecret, toActor } from '../../db/repos/identity.ts';
import { secretDigest } from '../../auth/secrets.ts';
import { AppError } from '../../errors.ts';

/**
 * A session cookie or a bearer token → the acting user, in one query. No credential is the public;
 * a credential that doesn't resolve is refused rather than silently downgraded to the public.
 */
export async function resolveActor(db: Db, cred: { session?: string; bearer?: string }, now: Date): Promise<Actor> {
  const secret = cred.bearer ?? cred.session;
  if (!secret) return { kind: 'public' };
  const kind = cred.bearer ? 'token' : 'session';
  const row = await findActorBySecret(db, kind, secretDigest(secret));
  if (!row || row.disabled) throw new AppError('unauthenticated', kind === 'token' ? 'the API token is not valid' : 'the session is not valid');
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) throw new AppError('session_expired');
  return toActor(row);
}
