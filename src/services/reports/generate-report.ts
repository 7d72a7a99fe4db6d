import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { ReportRow } from '../../db/repos/reports.ts';
import { insertReportSql, loadReportSource } from '../../db/repos/reports.ts';
import { writeWithAudit } from '../../audit/with-audit.ts';
import { AppError } from '../../errors.ts';
import { authorizePanel } from '../../policies/index.ts';
import { discardBlob, putBlob } from '../../storage/blobs.ts';
import { keyDirFor, signingKey } from '../../signing/keys.ts';
import type { SigningKey } from '../../signing/keys.ts';
import type { ReportSource } from '../../db/repos/reports.ts';
import { buildReport } from '../../reports/model.ts';
import { renderReportPdf } from '../../reports/pdf.ts';
import { sealJson, sealPdf } from '../../reports/signed-file.ts';

export interface SignedReportFiles {
  fullPdf: Buffer;
  fullJson: Buffer;
  publicPdf: Buffer;
  publicJson: Buffer;
}

/** The four signed files of one report: full and public (redacted), each as PDF and JSON. */
export async function renderSignedReport(src: ReportSource, reportId: string, key: SigningKey, at: Date): Promise<SignedReportFiles> {
  const meta = { reportId, generatedAt: at };
  const full = buildReport(src, 'full', meta);
  const pub = buildReport(src, 'public', meta);
  const [fullPdf, publicPdf] = [await renderReportPdf(full), await renderReportPdf(pub)];
  return { fullPdf: sealPdf(fullPdf, key, at), fullJson: sealJson(full, key, at), publicPdf: sealPdf(publicPdf, key, at), publicJson: sealJson(pub, key, at) };
}

/**
 * Art. 13: the Office issues a security assessment report on a decided case — signed with the
 * Office's Ed25519 key, stored by SHA-256, in a full and a public version.
 */
export async function generateReport(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<ReportRow> {
  authorizePanel(ctx.actor, 'report.generate', loaded);
  const c = loaded!;
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  if (!c.outcome) throw new AppError('guard_failed', `case ${c.ref} has no decision yet: a report states a decided result (Art. 8, 13)`, { guard: 'decided' });
  const src = await loadReportSource(ctx.db, c.id);
  if (!src) throw new AppError('not_found', 'No such case');
  const at = ctx.now();
  const id = randomUUID();
  const key = signingKey(keyDirFor(ctx.blobDir), 'review_office');
  const files = await renderSignedReport(src, id, key, at);
  const stored = [files.fullPdf, files.fullJson, files.publicPdf, files.publicJson].map((b) => putBlob(ctx.blobDir, b));
  const [fp, fj, pp, pj] = stored.map((s) => s.sha256) as [string, string, string, string];
  const row: ReportRow = { id, case_id: c.id, review_round: src.review_round, key_id: key.keyId, signed_at: at, full_pdf_sha256: fp, full_json_sha256: fj, public_pdf_sha256: pp, public_json_sha256: pj };
  try {
    // The report row and its audit event as one statement.
    await writeWithAudit(ctx.db.singleStatement(), (p) => `${insertReportSql(p, { ...row, generated_by: actor.userId })} RETURNING id`, {
      type: 'report.generated', actor, at, caseId: c.id, subjectId: id, data: { reportId: id, keyId: key.keyId, fullPdfSha256: fp, publicPdfSha256: pp },
    });
  } catch (e) {
    for (const s of stored) if (s.created) discardBlob(s.path);
    throw e;
  }
  return row;
}
