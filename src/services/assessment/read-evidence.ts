import type { ReadStream } from 'node:fs';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { EvidenceRow } from '../../db/repos/assessment.ts';
import { findEvidence } from '../../db/repos/assessment.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import { openBlob } from '../../storage/blobs.ts';
import { AppError } from '../../errors.ts';

/** Every view is a custody event, committed before a byte is sent (Art. 12). */
export async function readEvidence(ctx: ActorContext, loaded: LoadedCase | undefined, evidenceId: string): Promise<{ evidence: EvidenceRow; stream: ReadStream }> {
  authorizeAssessment(ctx.actor, 'evidence.read', loaded);
  const c = loaded!;
  const evidence = await ctx.db.transaction(async (tx) => {
    const e = await findEvidence(tx, c.id, evidenceId);
    if (!e) throw new AppError('not_found', 'No such evidence');
    await appendAudit(tx, {
      type: 'evidence.viewed',
      actor: ctx.actor,
      at: ctx.now(),
      caseId: c.id,
      subjectId: e.id,
      data: { evidenceId: e.id, sha256: e.sha256, filename: e.filename, readerOrgId: ctx.actor.kind === 'user' ? ctx.actor.orgId : null },
    });
    return e;
  });
  return { evidence, stream: openBlob(ctx.blobDir, evidence.sha256) };
}
