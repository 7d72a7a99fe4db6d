import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 exports Algorithm as an ambient const enum, which isolated modules cannot read: Argon2id is 2.
const ARGON2ID = 2;
// OWASP's argon2id minimum (19 MiB, 2 passes) keeps sign-in well under 100 ms on two cores.
const ARGON2 = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal user names. */
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

/** Session ids and API tokens: 256 random bits; only their SHA-256 is stored. */
export function newSecret(prefix: 'nrs' | 'nrt'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
