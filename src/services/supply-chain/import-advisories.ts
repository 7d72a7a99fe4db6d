import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActorContext } from '../../domain/actor.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { authorizeSupplyChain } from '../../policies/supply-chain.ts';
import { AdvisoryError, advisoryDigest, importAdvisories, isMatchable } from '../../supply-chain/advisories/index.ts';
import type { ImportResult } from '../../supply-chain/advisories/index.ts';
import { upsertAdvisories } from '../../db/repos/advisories.ts';
import { refreshAdvisoryImpact } from './refresh-impact.ts';

export interface ImportAdvisoriesInput {
  /** A file (OSV JSON/YAML, CSAF), a zip, or a directory tree. */
  path: string;
  onProgress?(done: number, total: number): void;
  /** Refuse (changing nothing) when the input holds no advisory at all but had errors. */
  refuseUnreadable?: boolean;
}

export interface ImportAdvisoriesResult {
  files: number;
  /** Advisories stored because they were new or changed. */
  imported: number;
  created: number;
  changed: number;
  /** Already stored with the same content (re-import is idempotent). */
  unchanged: number;
  /** Of the imported, those withdrawn: their impacts are set aside. */
  withdrawn: number;
  /** Files that are not advisories (READMEs, licences, other data). */
  skipped: number;
  errors: { path: string; message: string }[];
  /** Product versions newly hit by an imported advisory. */
  affectedProducts: number;
  impactsSuperseded: number;
}

/**
 * Advisory intake into the database, then the incremental supervision check: each new or changed
 * advisory is matched against the portfolio through the packages it names, in the same transaction
 * as its storage and the audit event.
 */
export async function importAdvisoriesIntoDb(ctx: ActorContext, input: ImportAdvisoriesInput): Promise<ImportAdvisoriesResult> {
  authorizeSupplyChain(ctx.actor, 'advisory.import');
  let read: ImportResult;
  try {
    read = await importAdvisories(input.path, input.onProgress ? { onProgress: input.onProgress } : {});
  } catch (e) {
    if (e instanceof AdvisoryError) throw new AppError('validation_failed', e.message, { errors: [{ path: '/', message: e.message }] });
    throw e;
  }
  if (input.refuseUnreadable && read.advisories.length === 0 && read.errors.length > 0) {
    throw new AppError('validation_failed', `no advisory could be read: ${read.errors[0]?.message ?? ''}`, {
      errors: read.errors.slice(0, 20).map((e) => ({ path: '/body', message: e.message })),
    });
  }
  const now = ctx.now();
  const items = read.advisories.map((advisory) => ({ advisory, digest: advisoryDigest(advisory) }));
  const skipped = Object.values(read.counts.skipped).reduce((a, b) => a + b, 0);
  return ctx.db.transaction(async (tx) => {
    const stored = await upsertAdvisories(tx, items, now);
    let created = 0, changed = 0, unchanged = 0, withdrawn = 0, superseded = 0;
    const affected = new Set<number>();
    for (const s of stored) {
      if (s.change === 'unchanged') {
        unchanged++;
        continue;
      }
      if (s.change === 'new') created++;
      else changed++;
      if (!isMatchable(s.advisory, now)) withdrawn++;
      const r = await refreshAdvisoryImpact(tx, s.advisory, s.packages, s.change === 'new', now);
      superseded += r.superseded;
      for (const pv of r.added) affected.add(pv);
    }
    const result: ImportAdvisoriesResult = {
      files: read.counts.files,
      imported: created + changed,
      created,
      changed,
      unchanged,
      withdrawn,
      skipped,
      errors: read.errors,
      affectedProducts: affected.size,
      impactsSuperseded: superseded,
    };
    await appendAudit(tx, {
      type: 'advisories.imported',
      actor: ctx.actor,
      at: now,
      data: { imported: result.imported, unchanged, withdrawn, skipped, errors: read.errors.length, affectedProducts: affected.size },
    });
    return result;
  });
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The HTTP form: one OSV/CSAF JSON document or a zip of them, as bytes. */
export async function importAdvisoryBytes(ctx: ActorContext, bytes: Uint8Array): Promise<ImportAdvisoriesResult> {
  authorizeSupplyChain(ctx.actor, 'advisory.import');
  if (bytes.length === 0) throw new AppError('validation_failed', 'the body is empty', { errors: [{ path: '/body', message: 'empty' }] });
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  const dir = mkdtempSync(join(tmpdir(), 'netreview-advisories-'));
  try {
    const file = join(dir, isZip ? 'upload.zip' : 'upload.json');
    writeFileSync(file, bytes);
    return await importAdvisoriesIntoDb(ctx, { path: file, refuseUnreadable: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
