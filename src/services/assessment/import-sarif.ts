import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import type { EvidenceRow } from '../../db/repos/assessment.ts';
import { insertEvidenceSql } from '../../db/repos/assessment.ts';
import type { SqlParam } from '../../db/db.ts';
import { findingTitle, locationText, parseSarif } from '../../assessment/sarif.ts';
import { authorizeAssessment } from '../../policies/index.ts';
import { appendAudit, auditCtes } from '../../audit/log.ts';
import { discardBlob } from '../../storage/blobs.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';
import { evidenceAddedEvent, prepareEvidence, unknownActivity } from './add-evidence.ts';
import { userActor, UuidString } from './plan-activity.ts';

export const ImportSarifMeta = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000-\\u001f]+$' }),
    category: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'Art. 4 risk category of the imported findings (default 1: the product’s own security)' })),
    activityId: Type.Optional(UuidString),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export interface SarifImportResult {
  evidence: EvidenceRow;
  findingIds: string[];
  tools: string[];
  skipped: number;
}

/**
 * A lab tool's SARIF 2.1.0 log becomes findings, each pointing at the log kept as evidence, in one
 * transaction. A file that is not SARIF 2.1.0 is refused before anything is stored.
 */
export async function importSarif(ctx: ActorContext, loaded: LoadedCase | undefined, meta: unknown, content: Buffer): Promise<SarifImportResult> {
  authorizeAssessment(ctx.actor, 'finding.import_sarif', loaded);
  const input = validateInput(ImportSarifMeta, meta, '/query');
  const c = loaded!;
  const actor = userActor(ctx);
  const parsed = parseSarif(content);
  const stored = await prepareEvidence(ctx, c, { filename: input.filename, kind: 'sarif', mediaType: 'application/sarif+json', ...(input.activityId ? { activityId: input.activityId } : {}), description: input.description ?? `SARIF 2.1.0 log of ${parsed.tools.join(', ')}` }, content, { activityCheckedByCaller: true });
  const at = stored.row.added_at;
  const rows = parsed.findings.map((f) => ({
    id: randomUUID(),
    severity: f.severity,
    title: findingTitle(f),
    description: [f.message, ...f.locations.map((l) => `at ${locationText(l)}`), ...(f.helpUri ? [`help: ${f.helpUri}`] : [])].join('\n').slice(0, 20000),
    source: { format: 'sarif-2.1.0', tool: f.tool, toolVersion: f.toolVersion, ruleId: f.ruleId, ruleName: f.ruleName, level: f.level, kind: f.kind, runIndex: f.runIndex, resultIndex: f.resultIndex, locations: f.locations },
  }));
  try {
    await ctx.db.transaction(async (tx) => {
      // One statement: the activity named must be the case's, and the case still under assessment
      // (record_finding's state) when the log and its findings land with the evidence's own audit
      // event; then the import's event.
      const params: SqlParam[] = [];
      const p = (v: SqlParam) => (params.push(v), `$${params.length}`);
      const r = await tx.query<{ written: number; activity_ok: number }>(
        `WITH live AS (SELECT id FROM cases WHERE id = ${p(c.id)} AND state = 'assessing' FOR UPDATE),
         act AS (SELECT 1 AS ok WHERE ${p(input.activityId ?? null)}::uuid IS NULL
           OR EXISTS (SELECT 1 FROM assessment_activities a WHERE a.id = ${p(input.activityId ?? null)}::uuid AND a.case_id = ${p(c.id)}::uuid)),
         ev AS (${insertEvidenceSql(p, stored.row, 'live, act')} RETURNING id),
         f AS (INSERT INTO findings (id, case_id, category, severity, title, description, method, recorded_by, recorded_at, activity_id, evidence_id, source)
           SELECT x.id, ${p(c.id)}::uuid, ${p(input.category ?? 1)}::int, x.severity, x.title, x.description, 'lab_testing', ${p(actor.userId)}::uuid, ${p(at)}::timestamptz, ${p(input.activityId ?? null)}::uuid, ev.id, x.source
           FROM ev, jsonb_to_recordset(${p(JSON.stringify(rows))}::jsonb) AS x(id uuid, severity text, title text, description text, source jsonb)),
         ${auditCtes(p, evidenceAddedEvent(ctx, stored.row), 'ev')}
         SELECT (SELECT count(*) FROM ev)::int AS written, (SELECT count(*) FROM act)::int AS activity_ok`,
        params,
      );
      if (!r.rows[0]?.activity_ok) throw unknownActivity('/query/activityId');
      if (!r.rows[0].written) throw new AppError('conflict', 'the case left assessment meanwhile; nothing was imported');
      await appendAudit(tx, { type: 'findings.imported', actor, at, caseId: c.id, subjectId: stored.row.id, data: { evidenceId: stored.row.id, sha256: stored.row.sha256, tool: parsed.tools.join(', '), findings: rows.length } });
    });
  } catch (e) {
    if (stored.blob.created) discardBlob(stored.blob.path);
    throw e;
  }
  return { evidence: stored.row, findingIds: rows.map((r) => r.id), tools: parsed.tools, skipped: parsed.skipped };
}
