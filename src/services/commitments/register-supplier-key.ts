import { createHash, createPublicKey } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { authorizeRegistry } from '../../policies/registries.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const RegisterSupplierKeyInput = Type.Object(
  {
    publicKeyPem: Type.String({ minLength: 40, maxLength: 1000, description: 'Ed25519 public key, SPKI PEM ("-----BEGIN PUBLIC KEY-----")' }),
    label: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

/** The key id: SHA-256 of the key's SPKI DER bytes, so anyone holding the key can compute it. */
export function keyIdOf(pem: string): { keyId: string; pem: string } {
  let key;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new AppError('validation_failed', 'publicKeyPem is not a PEM public key', { errors: [{ path: '/body/publicKeyPem', message: 'not a PEM public key' }] });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AppError('validation_failed', `publicKeyPem is a ${key.asymmetricKeyType ?? 'unknown'} key; an Ed25519 key is required`, { errors: [{ path: '/body/publicKeyPem', message: 'not Ed25519' }] });
  }
  const der = key.export({ format: 'der', type: 'spki' });
  return { keyId: createHash('sha256').update(der).digest('hex'), pem: key.export({ format: 'pem', type: 'spki' }).toString() };
}

/** Art. 3, 12: a supplier registers the public key its commitments will be signed with. */
export async function registerSupplierKey(ctx: ActorContext, raw: unknown): Promise<{ keyId: string }> {
  const input = validateInput(RegisterSupplierKeyInput, raw, '/body');
  authorizeRegistry(ctx.actor, 'supplier_key.register');
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const { keyId, pem } = keyIdOf(input.publicKeyPem);
  const at = ctx.now();
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO supplier_keys (key_id, org_id, public_key_pem, label, registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6)', [keyId, actor.orgId, pem, input.label, actor.userId, at]);
      await appendAudit(tx, { type: 'supplier_key.registered', actor, at, subjectId: keyId, data: { keyId, label: input.label } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', `the key ${keyId} is already registered`);
    throw e;
  }
  return { keyId };
}
