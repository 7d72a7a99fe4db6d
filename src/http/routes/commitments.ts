import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { COMMITMENT_TEMPLATES, COMMITMENT_TEMPLATE_IDS, templateDigest } from '../../domain/commitments.ts';
import { registerSupplierKey, RegisterSupplierKeyInput } from '../../services/commitments/register-supplier-key.ts';
import { signCommitment, SignCommitmentInput } from '../../services/commitments/sign-commitment.ts';
import { listCommitments } from '../../services/commitments/list-commitments.ts';
import { DraftCommitmentQuery, draftCommitmentStatement } from '../../services/commitments/draft-commitment-statement.ts';
import { reportBreach, ReportBreachInput } from '../../services/commitments/report-breach.ts';
import { triageBreachReport, TriageBreachInput } from '../../services/commitments/triage-breach-report.ts';
import { listBreachReports } from '../../services/commitments/list-breach-reports.ts';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { CaseIdParams, Created, problems, Uuid } from '../schemas.ts';

/** Art. 3, 12: enterprise commitments signed with registered keys, and public breach reports. */
export function registerCommitmentRoutes(app: FastifyInstance): void {
  app.get('/api/v1/commitment-templates', { schema: { tags: ['commitments'], summary: 'Commitment templates (zh-CN and English) with the digest a signature covers' } }, async () => ({
    items: COMMITMENT_TEMPLATE_IDS.map((id) => ({ id, version: COMMITMENT_TEMPLATES[id].version, text: COMMITMENT_TEMPLATES[id].text, textDigest: templateDigest(COMMITMENT_TEMPLATES[id]) })),
  }));

  app.post('/api/v1/supplier-keys', {
    schema: { tags: ['commitments'], summary: 'Register an Ed25519 public key to your (supplier) organisation', body: RegisterSupplierKeyInput, response: { 201: Created, 400: problems[400], 401: problems[401], 403: problems[403], 409: problems[409] } },
  }, async (req, reply) => reply.status(201).send(await registerSupplierKey(req.ctx(), req.body)));

  app.post('/api/v1/cases/:id/commitments', {
    schema: { tags: ['commitments'], summary: 'Submit a commitment signed with a registered key; forged or altered statements are refused', params: CaseIdParams, body: SignCommitmentInput, response: { 201: Created, 400: problems[400], 403: problems[403], 404: problems[404], 409: problems[409] } },
  }, async (req, reply) => {
    const ctx = req.ctx();
    return reply.status(201).send(await signCommitment(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.body));
  });

  app.get('/api/v1/cases/:id/commitments/statement', {
    schema: { tags: ['commitments'], summary: 'The canonical statement to sign offline for a commitment on this case (nothing is stored)', params: CaseIdParams, querystring: DraftCommitmentQuery, response: { 400: problems[400], 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    return draftCommitmentStatement(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.query);
  });

  app.get('/api/v1/cases/:id/commitments', {
    schema: { tags: ['commitments'], summary: 'The case’s signed commitments, with statement, signature and key for offline verification', params: CaseIdParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    return { items: await listCommitments(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id)) };
  });

  app.post('/api/v1/breach-reports', {
    schema: { tags: ['commitments'], summary: 'Report a suspected breach of a commitment (anyone, no sign-in; Art. 3 public supervision)', body: ReportBreachInput, response: { 201: Created, 400: problems[400] } },
  }, async (req, reply) => reply.status(201).send(await reportBreach(req.ctx(), req.body)));

  app.get('/api/v1/breach-reports', {
    schema: { tags: ['commitments'], summary: 'Breach reports to triage (Review Office)', querystring: Type.Object({ status: Type.Optional(Type.Union(['received', 'dismissed', 'rereview_opened', 'case_opened'].map((s) => Type.Literal(s)))) }, { additionalProperties: false }), response: { 401: problems[401], 403: problems[403] } },
  }, async (req) => ({ items: await listBreachReports(req.ctx(), req.query as { status?: string }) }));

  app.post('/api/v1/breach-reports/:reportId/triage', {
    schema: { tags: ['commitments'], summary: 'Dismiss a breach report, send its case to re-review, or open a new case', params: Type.Object({ reportId: Uuid }, { additionalProperties: false }), body: TriageBreachInput, response: { 400: problems[400], 403: problems[403], 404: problems[404], 409: problems[409] } },
  }, async (req) => triageBreachReport(req.ctx(), (req.params as { reportId: string }).reportId, req.body));
}
