import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { FindingRow, StatusChangeRow } from '../../db/repos/findings.ts';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { FindingsQuery, getFinding, listCaseFindings } from '../../services/assessment/list-findings.ts';
import { changeFindingStatus, ChangeFindingStatusInput } from '../../services/assessment/change-finding-status.ts';
import { citeClauses, CiteClausesInput } from '../../services/assessment/cite-clauses.ts';
import { importSarif, ImportSarifMeta } from '../../services/assessment/import-sarif.ts';
import { MAX_EVIDENCE_BYTES } from '../../services/assessment/add-evidence.ts';
import { listInformationRequests } from '../../services/assessment/list-information-requests.ts';
import { exportCaseOscal, OSCAL_EXPORTS } from '../../services/assessment/export-oscal.ts';
import type { OscalExportKind } from '../../services/assessment/export-oscal.ts';
import { AppError } from '../../errors.ts';
import { CaseIdParams, Created, problems, Uuid } from '../schemas.ts';
import { presentEvidence } from './assessment.ts';

export function presentFinding(f: FindingRow) {
  return {
    id: f.id,
    category: f.category,
    severity: f.severity,
    title: f.title,
    description: f.description,
    method: f.method,
    status: f.status,
    statusChangedAt: f.status_changed_at,
    activityId: f.activity_id,
    evidenceId: f.evidence_id,
    source: f.source,
    clauses: f.clauses.map((c) => ({ catalogueId: c.catalogue_id, clauseId: c.clause_id, label: c.label, title: c.title, titleZh: c.title_zh })),
    recordedBy: { userId: f.recorded_by, displayName: f.recorded_by_name },
    recordedAt: f.recorded_at,
  };
}

const presentChange = (h: StatusChangeRow) => ({ from: h.from_status, to: h.to_status, reason: h.reason, changedBy: { userId: h.changed_by, displayName: h.changed_by_name }, changedAt: h.changed_at });

const FindingParams = Type.Object({ id: CaseIdParams.properties.id, findingId: Uuid }, { additionalProperties: false });
const OscalParams = Type.Object({ id: CaseIdParams.properties.id, kind: Type.Union(Object.keys(OSCAL_EXPORTS).map((k) => Type.Literal(k))) }, { additionalProperties: false });
const common = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] };

/** Findings in depth (Art. 4, 11), SARIF import, information requests and OSCAL out. */
export function registerFindingRoutes(app: FastifyInstance): void {
  // A lab tool's log may be sent with its own media type.
  app.addContentTypeParser('application/sarif+json', { parseAs: 'buffer', bodyLimit: MAX_EVIDENCE_BYTES }, (_req, body, done) => done(null, body));

  app.get('/api/v1/cases/:id/findings', {
    schema: { tags: ['findings'], summary: 'Findings with status, Art. 4 category, severity and cited clauses', params: CaseIdParams, querystring: FindingsQuery, response: { 400: problems[400], 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    const rows = await listCaseFindings(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.query);
    return { items: rows.map(presentFinding) };
  });

  app.get('/api/v1/cases/:id/findings/:findingId', {
    schema: { tags: ['findings'], summary: 'A finding and its status history (who, when, why)', params: FindingParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const { id, findingId } = req.params as { id: string; findingId: string };
    const ctx = req.ctx();
    const r = await getFinding(ctx, await loadCaseForActor(ctx, id), findingId);
    return { ...presentFinding(r.finding), history: r.history.map(presentChange), nextStatuses: r.nextStatuses };
  });

  app.post('/api/v1/cases/:id/findings/:findingId/status', {
    schema: { tags: ['findings'], summary: 'Move a finding along its status table (open, mitigating, accepted, closed) with a reason', params: FindingParams, body: ChangeFindingStatusInput, response: common },
  }, async (req) => {
    const { id, findingId } = req.params as { id: string; findingId: string };
    const ctx = req.ctx();
    return presentFinding(await changeFindingStatus(ctx, await loadCaseForActor(ctx, id), findingId, req.body));
  });

  app.post('/api/v1/cases/:id/findings/:findingId/clauses', {
    schema: { tags: ['findings'], summary: 'Cite clauses of loaded standards catalogues the finding rests on (Art. 11)', params: FindingParams, body: CiteClausesInput, response: common },
  }, async (req) => {
    const { id, findingId } = req.params as { id: string; findingId: string };
    const ctx = req.ctx();
    return presentFinding(await citeClauses(ctx, await loadCaseForActor(ctx, id), findingId, req.body));
  });

  app.post('/api/v1/cases/:id/findings/import-sarif', {
    bodyLimit: MAX_EVIDENCE_BYTES,
    schema: { tags: ['findings'], summary: 'Import a lab tool’s SARIF 2.1.0 log (application/sarif+json or octet-stream): each result a finding, the log kept as evidence', params: CaseIdParams, querystring: ImportSarifMeta, response: { 201: Created, ...common, 413: problems[413] } },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'send the SARIF log as application/sarif+json or application/octet-stream');
    const ctx = req.ctx();
    const r = await importSarif(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.query, req.body);
    return reply.status(201).send({ evidence: presentEvidence(r.evidence), findingIds: r.findingIds, tools: r.tools, skipped: r.skipped });
  });

  app.get('/api/v1/cases/:id/information-requests', {
    schema: { tags: ['findings'], summary: 'Information requests to the supplier with due dates; open ones past due are overdue', params: CaseIdParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    return { items: await listInformationRequests(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id)) };
  });

  app.get('/api/v1/cases/:id/oscal/:kind', {
    schema: { tags: ['findings'], summary: 'The case as OSCAL 1.1 JSON: assessment-plan, assessment-results, or poam (open findings)', params: OscalParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req, reply) => {
    const { id, kind } = req.params as { id: string; kind: OscalExportKind };
    const ctx = req.ctx();
    const doc = await exportCaseOscal(ctx, await loadCaseForActor(ctx, id), kind);
    return reply.type('application/json').header('content-disposition', `attachment; filename="${id}-${kind}.oscal.json"`).send(doc);
  });
}
