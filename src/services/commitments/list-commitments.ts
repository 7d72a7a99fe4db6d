import type { ActorContext } from '../../domain/actor.ts';
import { COMMITMENT_TEMPLATES, isCommitmentTemplateId } from '../../domain/commitments.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';

/** A case's signed commitments, with the signed statement and signature so anyone can re-verify them offline. */
export async function listCommitments(ctx: ActorContext, loaded: LoadedCase | undefined) {
  authorizeCaseRegistry(ctx.actor, 'commitment.read', loaded);
  const { rows } = await ctx.db.query<{ id: string; template_id: string; template_version: number; key_id: string; product: string; signed_at: Date; signed_payload: string; signature: string; public_key_pem: string; submitted_at: Date }>(
    `SELECT m.id, m.template_id, m.template_version, m.key_id, m.product, m.signed_at, m.signed_payload, m.signature, k.public_key_pem, m.submitted_at
     FROM commitments m JOIN supplier_keys k ON k.key_id = m.key_id WHERE m.case_id = $1 ORDER BY m.submitted_at, m.id`,
    [loaded!.id],
  );
  return rows.map((r) => ({
    id: r.id,
    templateId: r.template_id,
    templateVersion: r.template_version,
    text: isCommitmentTemplateId(r.template_id) ? COMMITMENT_TEMPLATES[r.template_id].text : null,
    keyId: r.key_id,
    publicKeyPem: r.public_key_pem,
    product: r.product,
    signedAt: r.signed_at,
    signedStatement: r.signed_payload,
    signature: r.signature,
    submittedAt: r.submitted_at,
  }));
}
