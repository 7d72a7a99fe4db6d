import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SqlParam } from '../../db/db.ts';
import type { Actor, ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import { blobPath } from '../../storage/blobs.ts';
import { enqueueJobSql } from '../../db/repos/jobs.ts';
import { findAnalysis, insertQueuedAnalysisSql, markAnalysis, materialCaseFacts, reanalyseCaseSbomsSql, vexMaterialsOfCase } from '../../db/repos/sbom-analyses.ts';
import { AdvisoryError, parseVexBytes } from '../../supply-chain/advisories/index.ts';
import type { VexStatement } from '../../supply-chain/model.ts';
import { ingestSbom } from './ingest-sbom.ts';

export const SBOM_ANALYSIS_JOB = 'sbom.analyse';

/**
 * Material kinds whose upload starts analyses (Art. 4: the supply chain is read from the SBOM): an
 * SBOM is analysed itself; VEX statements have every SBOM of the case analysed again with them.
 */
const ANALYSED_KINDS = { sbom: 'itself', vex: 'case_sboms' } as const satisfies Record<string, 'itself' | 'case_sboms'>;

/**
 * Part of the upload's own statement (CTEs, each ending in a comma): an SBOM material gets a
 * queued analysis and a job, or neither (a failed upload leaves no job pointing at a material that
 * does not exist). '' for kinds that are not analysed.
 */
export function analysisOfMaterialCtes(p: (v: SqlParam) => string, actor: Actor, m: { id: string; case_id: string; kind: string }, at: Date): string {
  if (!Object.prototype.hasOwnProperty.call(ANALYSED_KINDS, m.kind)) return '';
  const what = ANALYSED_KINDS[m.kind as keyof typeof ANALYSED_KINDS];
  if (what === 'case_sboms') return reanalyseCaseSbomsSql(p, { caseId: m.case_id, requestedBy: actorUserId(actor), at, jobKind: SBOM_ANALYSIS_JOB });
  const analysisId = randomUUID();
  // No event of its own: the upload's `material.uploaded` is the audited act; the analysis'
  // outcome is audited when the job ends (`sbom.analysed` / `sbom.analysis_failed`).
  return `sbom_analysis AS (${insertQueuedAnalysisSql(p, { id: analysisId, caseId: m.case_id, materialId: m.id, requestedBy: actorUserId(actor), at })}),
     sbom_job AS (${enqueueJobSql(p, SBOM_ANALYSIS_JOB, { analysisId, materialId: m.id }, at, 'sbom_analysis')}),`;
}

function messageOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.length > 2000 ? `${m.slice(0, 2000)}…` : m;
}

/**
 * The job: reads the material's bytes and ingests them. A failure (an unreadable SBOM, a database
 * error) is recorded on the analysis with its message and audited; nothing of the ingest stays.
 */
export async function runSbomAnalysis(ctx: ActorContext, payload: { analysisId: string; materialId: string }): Promise<void> {
  const analysis = await findAnalysis(ctx.db, payload.analysisId);
  if (!analysis) throw new AppError('not_found', `no SBOM analysis ${payload.analysisId}`);
  try {
    const facts = await materialCaseFacts(ctx.db, payload.materialId);
    if (!facts) throw new AppError('not_found', `no material ${payload.materialId}`);
    await markAnalysis(ctx.db, analysis.id, 'running', null, null);
    const content = readFileSync(blobPath(ctx.blobDir, facts.sha256));
    const vex: VexStatement[] = [];
    for (const m of await vexMaterialsOfCase(ctx.db, facts.case_id)) vex.push(...readVexMaterial(readFileSync(blobPath(ctx.blobDir, m.sha256)), m.filename));
    await ingestSbom(ctx, {
      vex,
      content,
      analysisId: analysis.id,
      caseId: facts.case_id,
      materialId: facts.material_id,
      productName: facts.product_name,
      productVersion: facts.product_version,
      supplierOrgId: facts.supplier_org_id,
      supplierName: facts.supplier_name,
      underSupervision: facts.passed,
    });
  } catch (e) {
    const error = messageOf(e);
    const at = ctx.now();
    await ctx.db.transaction(async (tx) => {
      await markAnalysis(tx, analysis.id, 'failed', error, at);
      await appendAudit(tx, { type: 'sbom.analysis_failed', actor: ctx.actor, at, caseId: analysis.case_id, subjectId: analysis.id, data: { analysisId: analysis.id, materialId: analysis.material_id, error } });
    });
    throw e;
  }
}

/** The statements of an uploaded VEX document (CSAF VEX or CycloneDX VEX), each naming the material's file as its source. */
export function readVexMaterial(content: Uint8Array, filename: string): VexStatement[] {
  try {
    return parseVexBytes(content, filename).statements;
  } catch (e) {
    if (e instanceof AdvisoryError) throw new AppError('validation_failed', `the VEX document cannot be read: ${e.message}`, { errors: [{ path: '/body', message: e.message }] });
    throw e;
  }
}
