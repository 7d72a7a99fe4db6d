import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { MaterialRow } from '../../db/repos/materials.ts';
import { insertMaterialSql } from '../../db/repos/materials.ts';
import type { SqlParam } from '../../db/db.ts';
import { authorizeCase } from '../../policies/index.ts';
import { auditCtes } from '../../audit/log.ts';
import { discardBlob, putBlob } from '../../storage/blobs.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { analysisOfMaterialCtes, readVexMaterial } from '../supply-chain/analyse-material.ts';

export const MATERIAL_KINDS = ['sbom', 'vex', 'documentation', 'test_report', 'source_code', 'certificate', 'contract', 'other'] as const;

export const UploadMaterialMeta = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000-\\u001f]+$' }),
    kind: Type.Union(MATERIAL_KINDS.map((k) => Type.Literal(k))),
    mediaType: Type.Optional(Type.String({ minLength: 3, maxLength: 127, pattern: '^[\\w.+-]+/[\\w.+-]+$' })),
    confidential: Type.Optional(Type.Boolean()),
    authenticityStatement: Type.String({ minLength: 10, maxLength: 4000, description: 'The supplier’s statement that the material is authentic (Art. 12)' }),
  },
  { additionalProperties: false },
);

export const MAX_MATERIAL_BYTES = 256 * 1024 * 1024;

/** Art. 12: the supplier submits material and answers for its authenticity. Stored by SHA-256. */
export async function uploadMaterial(ctx: ActorContext, loaded: LoadedCase | undefined, meta: unknown, content: Buffer): Promise<MaterialRow> {
  const input = validateInput(UploadMaterialMeta, meta, '/query');
  authorizeCase(ctx.actor, 'material.upload', loaded);
  const c = loaded!;
  if (content.length === 0) throw new AppError('validation_failed', 'the material is empty', { errors: [{ path: '/body', message: 'empty file' }] });
  if (content.length > MAX_MATERIAL_BYTES) throw new AppError('body_too_large', `materials are limited to ${MAX_MATERIAL_BYTES} bytes`);
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  // A VEX statement suppresses findings at every later analysis of the case: one that cannot be read is refused now, not at the job.
  if (input.kind === 'vex') checkVex(content, input.filename);
  const blob = putBlob(ctx.blobDir, content);
  const row: MaterialRow = {
    id: randomUUID(),
    case_id: c.id,
    sha256: blob.sha256,
    filename: input.filename,
    media_type: input.mediaType ?? 'application/octet-stream',
    size_bytes: content.length,
    kind: input.kind,
    confidential: input.confidential ?? true,
    authenticity_statement: input.authenticityStatement,
    uploaded_by: actor.userId,
    uploaded_at: ctx.now(),
  };
  try {
    // One statement: the material, its audit event and (for an SBOM) the queued analysis and its job.
    const params: SqlParam[] = [];
    const p = (v: SqlParam) => (params.push(v), `$${params.length}`);
    const ev = auditCtes(p, {
      type: 'material.uploaded',
      actor,
      at: row.uploaded_at,
      caseId: c.id,
      subjectId: row.id,
      data: { materialId: row.id, sha256: row.sha256, filename: row.filename, sizeBytes: row.size_bytes, confidential: row.confidential },
    }, 'material');
    await ctx.db.singleStatement().query(`WITH material AS (${insertMaterialSql(p, row)}), ${analysisOfMaterialCtes(p, actor, row, row.uploaded_at)} ${ev} SELECT 1`, params);
  } catch (e) {
    // Nothing half-saved: a file no committed row points to is removed again.
    if (blob.created) discardBlob(blob.path);
    throw e;
  }
  return row;
}

function checkVex(content: Buffer, filename: string): void {
  const statements = readVexMaterial(content, filename);
  if (statements.length === 0) throw new AppError('validation_failed', `${filename} holds no VEX statements`, { errors: [{ path: '/body', message: 'no VEX statements' }] });
}
