import { readFileSync } from 'node:fs';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { ReportRow } from '../../db/repos/reports.ts';
import { findReport, listReports } from '../../db/repos/reports.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError } from '../../errors.ts';
import type { ReportVariant } from '../../policies/index.ts';
import { reportVariantFor } from '../../policies/index.ts';
import { blobPath } from '../../storage/blobs.ts';

export type ReportFormat = 'pdf' | 'json';

const COLUMN = {
  full: { pdf: 'full_pdf_sha256', json: 'full_json_sha256' },
  public: { pdf: 'public_pdf_sha256', json: 'public_json_sha256' },
} as const satisfies Record<ReportVariant, Record<ReportFormat, keyof ReportRow>>;

/**
 * A report file as the release scope allows: the full version to the roles that may read it (each
 * read audited — it is confidential, Art. 12), the redacted public version to anyone once the
 * result was released to the public (Art. 8), and nothing to anyone else.
 */
export async function readReport(ctx: ActorContext, loaded: LoadedCase | undefined, reportId: string, format: ReportFormat): Promise<{ variant: ReportVariant; bytes: Buffer; sha256: string }> {
  const variant = reportVariantFor(ctx.actor, loaded);
  const c = loaded!;
  const row = await findReport(ctx.db, c.id, reportId);
  if (!row) throw new AppError('not_found', 'No such report on this case');
  const sha256 = row[COLUMN[variant][format]];
  const bytes = readFileSync(blobPath(ctx.blobDir, sha256));
  if (variant === 'full') {
    const actor = ctx.actor;
    await ctx.db.transaction((tx) =>
      appendAudit(tx, { type: 'report.read', actor, at: ctx.now(), caseId: c.id, subjectId: reportId, data: { reportId, variant, format, readerOrgId: actor.kind === 'user' ? actor.orgId : null } }),
    );
  }
  return { variant, bytes, sha256 };
}

export async function listCaseReports(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<{ variant: ReportVariant; items: { id: string; reviewRound: number; keyId: string; signedAt: Date }[] }> {
  const variant = reportVariantFor(ctx.actor, loaded);
  const rows = await listReports(ctx.db, loaded!.id);
  return { variant, items: rows.map((r) => ({ id: r.id, reviewRound: r.review_round, keyId: r.key_id, signedAt: r.signed_at })) };
}
