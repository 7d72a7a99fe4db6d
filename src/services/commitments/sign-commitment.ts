import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { COMMITMENT_TEMPLATES, isCommitmentTemplateId, productLabel, statementBytes, templateDigest } from '../../domain/commitments.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { isTerminal } from '../../domain/lifecycle.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';
import { writeWithAudit } from '../../audit/with-audit.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const SignCommitmentInput = Type.Object(
  {
    templateId: Type.String({ minLength: 1, maxLength: 64 }),
    templateVersion: Type.Integer({ minimum: 1 }),
    textDigest: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    product: Type.String({ minLength: 1, maxLength: 500 }),
    signedAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$', maxLength: 40, description: 'ISO 8601 instant' }),
    keyId: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    signature: Type.String({ minLength: 1, maxLength: 200, description: 'Ed25519 signature, base64, over the canonical JSON of {templateId, templateVersion, textDigest, caseId, product, signedAt}' }),
  },
  { additionalProperties: false },
);

/** How far a signature's date may lie ahead of the server clock (clock skew). */
const MAX_FUTURE_MS = 5 * 60_000;

const bad = (detail: string, reason: string) => new AppError('signature_invalid', detail, { reason });

/**
 * Art. 3, 12: the supplier submits a commitment it signed offline. Every field the signature covers
 * is checked against what the server knows (template text, case, product), then the signature
 * itself; a forged or altered statement is refused and nothing is stored.
 */
export async function signCommitment(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ id: string }> {
  const input = validateInput(SignCommitmentInput, raw, '/body');
  authorizeCaseRegistry(ctx.actor, 'commitment.sign', loaded);
  const c = loaded!;
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  if (isTerminal(c.state)) throw new AppError('illegal_transition', `case ${c.ref} is closed`, { state: c.state });
  if (!isCommitmentTemplateId(input.templateId)) throw new AppError('validation_failed', `unknown commitment template "${input.templateId}"`, { errors: [{ path: '/body/templateId', message: 'unknown template' }] });
  const template = COMMITMENT_TEMPLATES[input.templateId];
  if (input.templateVersion !== template.version) throw bad(`template ${input.templateId} is at version ${template.version}, the statement names ${input.templateVersion}`, 'template_version');
  if (input.textDigest !== templateDigest(template)) throw bad('textDigest is not the digest of the template text: the text signed differs from the commitment', 'text_digest');
  if (input.product !== productLabel(c)) throw bad(`product "${input.product}" is not this case's product "${productLabel(c)}"`, 'product');
  const signedAt = new Date(input.signedAt);
  if (Number.isNaN(signedAt.getTime())) throw new AppError('validation_failed', 'signedAt is not a valid instant', { errors: [{ path: '/body/signedAt', message: 'not a valid date-time' }] });
  const at = ctx.now();
  if (signedAt.getTime() > at.getTime() + MAX_FUTURE_MS) throw bad('signedAt lies in the future', 'signed_at');
  let sig: Buffer;
  try {
    sig = Buffer.from(input.signature, 'base64');
  } catch {
    throw bad('signature is not base64', 'encoding');
  }
  if (sig.length !== 64) throw bad(`an Ed25519 signature has 64 bytes, this one ${sig.length}`, 'encoding');
  const payload = statementBytes({ ...input, caseId: c.id });
  return ctx.db.transaction(async (tx) => {
    const key = (await tx.query<{ org_id: string; public_key_pem: string; revoked_at: Date | null }>('SELECT org_id, public_key_pem, revoked_at FROM supplier_keys WHERE key_id = $1', [input.keyId])).rows[0];
    if (!key || key.org_id !== actor.orgId) throw bad(`key ${input.keyId} is not registered to your organisation`, 'unknown_key');
    if (key.revoked_at) throw bad(`key ${input.keyId} was revoked`, 'revoked_key');
    if (!verify(null, payload, createPublicKey(key.public_key_pem), sig)) throw bad('the signature does not verify over the statement: it was forged or the statement altered', 'signature');
    const id = randomUUID();
    try {
      // The commitment and its audit event as one statement.
      await writeWithAudit(
        tx,
        (p) => `INSERT INTO commitments (id, case_id, supplier_org_id, key_id, template_id, template_version, text_digest, product, signed_at, signed_payload, signature, submitted_by, submitted_at)
          VALUES (${[id, c.id, actor.orgId, input.keyId, input.templateId, input.templateVersion, input.textDigest, input.product, signedAt, payload.toString('utf8'), input.signature, actor.userId, at].map(p).join(', ')}) RETURNING id`,
        {
          type: 'commitment.signed',
          actor,
          at,
          caseId: c.id,
          subjectId: id,
          data: { commitmentId: id, templateId: input.templateId, templateVersion: input.templateVersion, textDigest: input.textDigest, keyId: input.keyId, product: input.product, signedAt: input.signedAt },
        },
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('conflict', `commitment ${input.templateId} v${input.templateVersion} is already signed on case ${c.ref}`);
      throw e;
    }
    return { id };
  });
}
