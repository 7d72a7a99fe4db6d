import type { ReadStream } from 'node:fs';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { MaterialRow } from '../../db/repos/materials.ts';
import { findMaterial } from '../../db/repos/materials.ts';
import { authorizeMaterialRead } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import { openBlob } from '../../storage/blobs.ts';
import { AppError } from '../../errors.ts';

/**
 * Every read of confidential material is an audit event, committed before a byte is sent: a
 * read that could not be recorded does not happen (Art. 12; suppliers see these reads).
 */
export async function readMaterial(ctx: ActorContext, loaded: LoadedCase | undefined, materialId: string): Promise<{ material: MaterialRow; stream: ReadStream }> {
  authorizeMaterialRead(ctx.actor, loaded as LoadedCase);
  const c = loaded!;
  const material = await ctx.db.transaction(async (tx) => {
    const m = await findMaterial(tx, c.id, materialId);
    if (!m) throw new AppError('not_found', 'No such material');
    await appendAudit(tx, {
      type: 'material.read',
      actor: ctx.actor,
      at: ctx.now(),
      caseId: c.id,
      subjectId: m.id,
      data: { materialId: m.id, sha256: m.sha256, filename: m.filename, readerOrgId: ctx.actor.kind === 'user' ? ctx.actor.orgId : null },
    });
    return m;
  });
  return { material, stream: openBlob(ctx.blobDir, material.sha256) };
}
