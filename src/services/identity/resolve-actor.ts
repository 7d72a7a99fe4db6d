import type { Db } from '../../db/db.ts';
import type { Actor, UserActor } from '../../domain/actor.ts';
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
  const digest = secretDigest(secret);
  const cached = ACTOR_CACHE.get(digest);
  if (cached && cached.db === db && cached.until > performance.now()) {
    if (cached.expiresAt <= now.getTime()) throw new AppError('session_expired');
    return cached.actor;
  }
  const row = await findActorBySecret(db, kind, digest);
  if (!row || row.disabled) throw new AppError('unauthenticated', kind === 'token' ? 'the API token is not valid' : 'the session is not valid');
  const expiresAt = row.expires_at ? new Date(row.expires_at).getTime() : Infinity;
  if (expiresAt <= now.getTime()) throw new AppError('session_expired');
  const actor = toActor(row);
  if (ACTOR_CACHE.size >= ACTOR_CACHE_MAX) ACTOR_CACHE.delete(ACTOR_CACHE.keys().next().value!);
  ACTOR_CACHE.set(digest, { db, actor, expiresAt, until: performance.now() + ACTOR_CACHE_MS });
  return actor;
}

/**
 * Credential → actor, remembered for a moment: most requests of a signed-in user come in bursts
 * (a page and its calls), and the lookup would otherwise be a database round trip on every one.
 * Sign-out in this process forgets at once; a session ended elsewhere (another process, a
 * disabled user) stops working within ACTOR_CACHE_MS.
 */
const ACTOR_CACHE_MS = 2_000;
const ACTOR_CACHE_MAX = 10_000;
const ACTOR_CACHE = new Map<string, { db: Db; actor: UserActor; expiresAt: number; until: number }>();

export function forgetCredential(secret: string): void {
  ACTOR_CACHE.delete(secretDigest(secret));
}
