import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { CommitmentStatement } from '../../domain/commitments.ts';
import { COMMITMENT_TEMPLATES, isCommitmentTemplateId, productLabel, statementBytes, templateDigest } from '../../domain/commitments.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { authorizeCaseRegistry } from '../../policies/registries.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const DraftCommitmentQuery = Type.Object({ templateId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/**
 * Art. 3, 12: the exact statement a supplier signs offline for a commitment on this case — the
 * canonical bytes `signCommitment` verifies — so its signing tool needs no knowledge of the server.
 * Nothing is stored: the statement only counts once submitted with a valid signature.
 */
export async function draftCommitmentStatement(ctx: ActorContext, loaded: LoadedCase | undefined, raw: unknown): Promise<{ statement: CommitmentStatement; canonical: string }> {
  const input = validateInput(DraftCommitmentQuery, raw, '/query');
  authorizeCaseRegistry(ctx.actor, 'commitment.sign', loaded);
  const c = loaded!;
  if (!isCommitmentTemplateId(input.templateId)) throw new AppError('validation_failed', `unknown commitment template "${input.templateId}"`, { errors: [{ path: '/query/templateId', message: 'unknown template' }] });
  const template = COMMITMENT_TEMPLATES[input.templateId];
  // Whole seconds: the statement is shown to a person and copied into a signing tool.
  const signedAt = new Date(Math.floor(ctx.now().getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const statement: CommitmentStatement = { templateId: input.templateId, templateVersion: template.version, textDigest: templateDigest(template), caseId: c.id, product: productLabel(c), signedAt };
  return { statement, canonical: statementBytes(statement).toString('utf8') };
}
