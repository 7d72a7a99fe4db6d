import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { MaterialReadRow } from '../../db/repos/materials.ts';
import { listMaterialReads } from '../../db/repos/materials.ts';
import { authorizeCase } from '../../policies/index.ts';

/** The supplier sees who read its confidential material and when. */
export async function listMaterialReadsForCase(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<MaterialReadRow[]> {
  authorizeCase(ctx.actor, 'material.access_log', loaded);
  return listMaterialReads(ctx.db, loaded!.id);
}
