import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { Tx } from '../../db/db.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { EvidenceRow } from '../../db/repos/assessment.ts';
import { findActivity, insertEvidenceSql } from '../../db/repos/assessment.ts';
import { EVIDENCE_KINDS } from '../../assessment/plan.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { writeWithAudit } from '../../audit/with-audit.ts';
import type { AuditEventInput } from '../../audit/log.ts';
import { discardBlob, putBlob } from '../../storage/blobs.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { userActor, UuidString } from './plan-activity.ts';

export const AddEvidenceMeta = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000-\\u001f]+$' }),
    kind: Type.Union(EVIDENCE_KINDS.map((k) => Type.Literal(k))),
    mediaType: Type.Optional(Type.String({ minLength: 3, maxLength: 127, pattern: '^[\\w.+-]+/[\\w.+-]+$' })),
    activityId: Type.Optional(UuidString),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const MAX_EVIDENCE_BYTES = 256 * 1024 * 1024;

export interface StoredEvidence {
  row: EvidenceRow;
  blob: { created: boolean; path: string };
}

export const unknownActivity = (path: string) =>
  new AppError('validation_failed', 'activityId names no activity of this case', { errors: [{ path, message: 'unknown activity' }] });

/**
 * Stores the file by SHA-256 and builds its row; the caller inserts it (with `writeEvidence`) in
 * its own transaction and calls `discard` if that transaction fails, so no orphan file stays.
 * `activityCheckedByCaller`: the caller's write statement checks `activityId` itself (and the
 * blob is discarded if it names no activity of the case).
 */
export async function prepareEvidence(ctx: ActorContext, c: LoadedCase, meta: unknown, content: Buffer, opts: { activityCheckedByCaller?: boolean } = {}): Promise<StoredEvidence> {
  const input = validateInput(AddEvidenceMeta, meta, '/query');
  const actor = userActor(ctx);
  if (content.length === 0) throw new AppError('validation_failed', 'the evidence file is empty', { errors: [{ path: '/body', message: 'empty file' }] });
  if (content.length > MAX_EVIDENCE_BYTES) throw new AppError('body_too_large', `evidence files are limited to ${MAX_EVIDENCE_BYTES} bytes`);
  if (input.activityId && !opts.activityCheckedByCaller && !(await findActivity(ctx.db, c.id, input.activityId))) {
    throw unknownActivity('/query/activityId');
  }
  const blob = putBlob(ctx.blobDir, content);
  const row: EvidenceRow = {
    id: randomUUID(),
    case_id: c.id,
    activity_id: input.activityId ?? null,
    sha256: blob.sha256,
    filename: input.filename,
    media_type: input.mediaType ?? 'application/octet-stream',
    size_bytes: content.length,
    kind: input.kind,
    description: input.description ?? '',
    custodian_user_id: actor.userId,
    sealed_at: null,
    added_by: actor.userId,
    added_at: ctx.now(),
  };
  return { row, blob };
}

/** The first custody event of an evidence file (`GET …/custody` reads the chain from these). */
export function evidenceAddedEvent(ctx: ActorContext, row: EvidenceRow): AuditEventInput<'evidence.added'> {
  return {
    type: 'evidence.added',
    actor: ctx.actor,
    at: row.added_at,
    caseId: row.case_id,
    subjectId: row.id,
    data: { evidenceId: row.id, sha256: row.sha256, filename: row.filename, sizeBytes: row.size_bytes, activityId: row.activity_id },
  };
}

/** The evidence row and its first custody event, as one statement. */
export async function writeEvidence(ctx: ActorContext, tx: Tx, row: EvidenceRow): Promise<void> {
  await writeWithAudit(tx, (p) => `${insertEvidenceSql(p, row, '(SELECT 1) AS one')} RETURNING id`, evidenceAddedEvent(ctx, row));
}

/** Art. 11: the assigned assessor adds evidence; the first custody event names who and when. */
export async function addEvidence(ctx: ActorContext, loaded: LoadedCase | undefined, meta: unknown, content: Buffer): Promise<EvidenceRow> {
  authorizeAssessment(ctx.actor, 'evidence.add', loaded);
  const stored = await prepareEvidence(ctx, loaded!, meta, content);
  try {
    await ctx.db.transaction((tx) => writeEvidence(ctx, tx, stored.row));
  } catch (e) {
    if (stored.blob.created) discardBlob(stored.blob.path);
    throw e;
  }
  return stored.row;
}
